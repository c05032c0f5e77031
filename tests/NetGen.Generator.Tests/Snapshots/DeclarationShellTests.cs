using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Snapshots;

/// <summary>
/// The shell of the generated partial declaration for kinds of type other than a plain class: its keyword, namespace and
/// containing types. The body is not snapshotted again: it must equal, character for character after the indentation,
/// the body generated for the same network declared as a plain class with the same name (whose code the snapshots of
/// <see cref="SnapshotTests"/> cover). Every consumer must also compile with zero errors and zero warnings.
/// </summary>
public sealed class DeclarationShellTests
{
    [Fact]
    public void Record_class_gets_a_partial_record() => AssertShell(
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial record RecordNet
            {
            }
        }
        """,
        "Nets.RecordNet.g.cs",
        "Nets",
        expectedKeyword: "record",
        containingTypes: Array.Empty<string>(),
        plainClass:
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial class RecordNet
            {
            }
        }
        """,
        expectRecord: true,
        expectValueType: false);

    [Fact]
    public void Record_struct_gets_a_partial_record_struct() => AssertShell(
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial record struct RecordStructNet
            {
            }
        }
        """,
        "Nets.RecordStructNet.g.cs",
        "Nets",
        expectedKeyword: "record struct",
        containingTypes: Array.Empty<string>(),
        plainClass:
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial class RecordStructNet
            {
            }
        }
        """,
        expectRecord: true,
        expectValueType: true);

    /// <summary>C# 11, the first version a struct network is generated for (below it: NG0011, see LanguageVersionTests).</summary>
    [Fact]
    public void Struct_gets_a_partial_struct_in_CSharp11() => AssertShell(
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial struct StructNet
            {
            }
        }
        """,
        "Nets.StructNet.g.cs",
        "Nets",
        expectedKeyword: "struct",
        containingTypes: Array.Empty<string>(),
        plainClass:
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 2, 1)]
            internal partial class StructNet
            {
            }
        }
        """,
        expectRecord: false,
        expectValueType: true,
        LanguageVersion.CSharp11);

    [Fact]
    public void Nested_type_repeats_its_namespace_and_containing_class() => AssertShell(
        """
        using NetGen;

        namespace A.B
        {
            /// <summary>Holds a network.</summary>
            public partial class Outer
            {
                [Network(2, 2, 1)]
                internal partial class Inner
                {
                }
            }
        }
        """,
        "A.B.Outer+Inner.g.cs",
        "A.B",
        expectedKeyword: "class",
        containingTypes: new[] { "partial class Outer" },
        plainClass:
        """
        using NetGen;

        namespace A.B
        {
            [Network(2, 2, 1)]
            internal partial class Inner
            {
            }
        }
        """,
        expectRecord: false,
        expectValueType: false);

    /// <summary>
    /// Generates <paramref name="source"/> and <paramref name="plainClass"/> (the same network as a plain class with the
    /// same name), requires both to build cleanly, and checks the shell of the generated declaration and its body.
    /// </summary>
    private static void AssertShell(
        string source,
        string hintName,
        string expectedNamespace,
        string expectedKeyword,
        string[] containingTypes,
        string plainClass,
        bool expectRecord,
        bool expectValueType,
        LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, source);
        run.AssertCleanBuild();
        string name = hintName[..^".g.cs".Length].Split('.', '+')[^1];
        TypeDeclarationSyntax generated = GeneratedNetwork(run.SingleSource(hintName), name, languageVersion);

        // The keyword: the generated half must be the same kind of type as the user's half, with no other modifier.
        Assert.Equal("partial " + expectedKeyword, Shell(generated));

        // Where it sits: the namespace, then the containing types from the outside in.
        BaseNamespaceDeclarationSyntax ns = Assert.Single(generated.Ancestors().OfType<BaseNamespaceDeclarationSyntax>());
        Assert.Equal(expectedNamespace, ns.Name.ToString());
        Assert.Equal(containingTypes, generated.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().Select(t => Shell(t) + " " + t.Identifier.Text).ToArray());

        // Both halves are one type in the consumer's compilation.
        string metadataName = expectedNamespace + "." + string.Concat(containingTypes.Select(t => t.Split(' ')[^1] + "+")) + generated.Identifier.Text;
        INamedTypeSymbol? type = run.Output.GetTypeByMetadataName(metadataName);
        Assert.NotNull(type);
        Assert.Equal(2, type.DeclaringSyntaxReferences.Length);
        Assert.Equal(expectRecord, type.IsRecord);
        Assert.Equal(expectValueType, type.IsValueType);

        // The body (doc comment, base list, members) equals the plain class's, whatever the indentation.
        GeneratorRun plain = GeneratorHarness.Run(languageVersion, plainClass);
        plain.AssertCleanBuild();
        TypeDeclarationSyntax reference = GeneratedNetwork(Assert.Single(plain.Sources.Values), name, languageVersion);
        Assert.Equal("partial class", Shell(reference));
        Assert.Equal(Body(reference), Body(generated));
    }

    /// <summary>The network's own declaration in a generated file (the one named <paramref name="name"/>).</summary>
    private static TypeDeclarationSyntax GeneratedNetwork(string text, string name, LanguageVersion languageVersion)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions(languageVersion)).GetRoot();
        return Assert.Single(root.DescendantNodes().OfType<TypeDeclarationSyntax>(), t => t.Identifier.Text == name);
    }

    /// <summary>Modifiers and keywords of a declaration, without its name: <c>partial record struct</c>.</summary>
    private static string Shell(TypeDeclarationSyntax declaration)
    {
        var words = new List<string>(declaration.Modifiers.Select(m => m.Text)) { declaration.Keyword.Text };
        if (declaration is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.None))
        {
            words.Add(record.ClassOrStructKeyword.Text);
        }

        return string.Join(" ", words);
    }

    /// <summary>
    /// Everything of the declaration but its modifiers, keyword and name: the leading doc comment, then the base list to
    /// the closing brace, each line with the declaration's own indentation removed.
    /// </summary>
    private static string Body(TypeDeclarationSyntax declaration)
    {
        string indent = declaration.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
        string comment = string.Concat(declaration.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)).Select(t => t.ToFullString()));
        int start = declaration.BaseList?.SpanStart ?? declaration.OpenBraceToken.SpanStart;
        string text = declaration.SyntaxTree.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, declaration.CloseBraceToken.Span.End));
        return string.Join("\n", (comment + text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => line.StartsWith(indent, StringComparison.Ordinal) ? line[indent.Length..] : line.TrimStart(' ')));
    }
}
