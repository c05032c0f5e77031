using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0014 ([Network] more than once): removes the [Network] the diagnostic points at. Every copy carries the
/// diagnostic, so the light bulb on each offers to remove that one and the user keeps the topology they mean.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateAttributeCodeFixProvider))]
public sealed class RemoveDuplicateAttributeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DuplicateAttribute);

    /// <summary>No Fix All: removing every copy would leave none.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault() is { Parent: AttributeListSyntax { Parent: MemberDeclarationSyntax } } attribute)
            {
                string title = "Remove [" + attribute.ToString() + "]";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => RemoveAsync(context.Document, attribute, ct), equivalenceKey: "NetGen.RemoveDuplicateNetwork." + attribute.ToString()),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken ct)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
        var list = (AttributeListSyntax)attribute.Parent!;
        var declaration = (MemberDeclarationSyntax)list.Parent!;
        if (list.Attributes.Count > 1)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute))));
        }

        // The whole [...] goes; when it came first, what stood before it (doc comment, indentation) moves to what
        // now comes first, so neither comments nor layout are lost.
        int index = declaration.AttributeLists.IndexOf(list);
        MemberDeclarationSyntax fixedDeclaration = declaration.WithAttributeLists(declaration.AttributeLists.RemoveAt(index));
        if (index == 0)
        {
            fixedDeclaration = fixedDeclaration.WithLeadingTrivia(list.GetLeadingTrivia());
        }

        return document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration));
    }
}
