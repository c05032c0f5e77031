using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>
/// The invariant "the generator never throws", checked on one compilation:
/// <list type="number">
/// <item>the driver ran the generator without an exception (no CS8784/CS8785, <c>GeneratorRunResult.Exception</c> null);</item>
/// <item>no error and no warning of the output compilation is located in a generated file;</item>
/// <item>adding the generated files creates no new error in the user's files;</item>
/// <item>every type carrying <c>[NetGen.Network]</c> (as the compiler binds it: aliases and qualified names count, a
/// different <c>NetworkAttribute</c> does not) either has a generated part, or is explained by at least one NG
/// diagnostic (an error, in the user's source, on the type, its attribute, one of its members, or, for NG0002, a
/// containing type), and never both;</item>
/// <item>every NG diagnostic is such an explanation of some network type, and every generated file completes a
/// network type.</item>
/// </list>
/// What the compiler reports at the user's own locations (CS0643 for a named argument set twice, CS0579 for the
/// attribute applied twice, CS0592 on an interface, ...) is the user's business and is not checked, except (3).
/// </summary>
internal static class FuzzOracle
{
    /// <summary>
    /// The assemblies the declarations and the generated code use, out of the harness's ~170: compiling against all
    /// of them takes twice as long, and the fuzzer compiles thousands of times.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Memory", "System.Collections", "System.Linq",
            "System.Runtime.Intrinsics", "System.Numerics.Vectors", "System.Runtime.InteropServices", "System.Threading",
            "System.Threading.Tasks", "NetGen",
        };
        return GeneratorHarness.References.Where(r => names.Contains(Path.GetFileNameWithoutExtension(r.Display ?? string.Empty))).ToImmutableArray();
    });

    /// <summary>Checks a batch: its declarations are compiled together where their names allow, else apart.</summary>
    public static FuzzReport Check(Batch batch, FuzzStats? stats)
    {
        RenderedDeclaration[] rendered = batch.Declarations
            .Select((d, i) => Declaration.Render(d, "U" + i.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        stats?.AddDeclarations(rendered.Length);
        var failures = new List<string>();
        foreach (List<int> group in Group(rendered, batch.LanguageVersion))
        {
            List<string> groupFailures = CheckSources(batch.LanguageVersion, group.SelectMany(i => rendered[i].Files).ToArray(), stats);
            if (groupFailures.Count == 0)
            {
                continue;
            }

            if (group.Count == 1)
            {
                failures.Add(Describe(batch.LanguageVersion, rendered[group[0]], groupFailures));
                continue;
            }

            // Find the declarations that fail on their own; if none does, the combination is the counterexample.
            bool alone = false;
            foreach (int i in group)
            {
                List<string> own = CheckSources(batch.LanguageVersion, rendered[i].Files.ToArray(), stats: null);
                if (own.Count > 0)
                {
                    alone = true;
                    failures.Add(Describe(batch.LanguageVersion, rendered[i], own));
                }
            }

            if (!alone)
            {
                failures.Add("These declarations fail together (LanguageVersion." + batch.LanguageVersion + "):\n"
                    + string.Join("\n", group.Select(i => rendered[i].Display)) + "Failures:\n" + string.Join("\n", groupFailures.Select(f => "  - " + f)));
            }
        }

        return new FuzzReport(failures);
    }

    /// <summary>Checks one compilation of <paramref name="sources"/>; returns the violations found.</summary>
    public static List<string> CheckSources(LanguageVersion languageVersion, string[] sources, FuzzStats? stats)
    {
        var failures = new List<string>();
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(languageVersion, sources).WithReferences(References.Value));
        }
        catch (Exception e)
        {
            failures.Add("The generator threw (or the driver reported CS8784/CS8785): " + FirstLines(e.Message, 12));
            stats?.AddCompilation(languageVersion, 0, 0, 0, Array.Empty<string>());
            return failures;
        }

        var userTrees = new HashSet<SyntaxTree>(run.Input.SyntaxTrees);
        var generatedTrees = new HashSet<SyntaxTree>(run.Output.SyntaxTrees.Where(t => !userTrees.Contains(t)));
        ImmutableArray<Diagnostic> output = run.OutputDiagnostics;

        // (2) Nothing the compiler reports may sit in a generated file.
        Diagnostic[] inGenerated = output
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToArray();
        if (inGenerated.Length > 0)
        {
            failures.Add("Errors or warnings in generated files:\n" + GeneratorRun.Format(inGenerated.Take(8)) + (inGenerated.Length > 8 ? "\n  ... (" + inGenerated.Length.ToString(CultureInfo.InvariantCulture) + " in all)" : string.Empty));
        }

        // (3) The generated files must not break the user's files.
        var before = new HashSet<string>(run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key), StringComparer.Ordinal);
        Diagnostic[] newUserErrors = output
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && userTrees.Contains(tree) && !before.Contains(Key(d)))
            .ToArray();
        if (newUserErrors.Length > 0)
        {
            failures.Add("Errors in the user's files that only the generated code causes:\n" + GeneratorRun.Format(newUserErrors.Take(8)));
        }

        // (4), (5) Every network type: code or an NG explanation, never both; no stray NG diagnostic, no stray code.
        Compilation compilation = run.Output;
        INamedTypeSymbol? attribute = compilation.GetTypeByMetadataName(NetworkGenerator.AttributeMetadataName);
        var networks = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in run.Input.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (TypeDeclarationSyntax node in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(node) is INamedTypeSymbol symbol
                    && !networks.ContainsKey(symbol)
                    && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass?.OriginalDefinition, attribute)))
                {
                    networks.Add(symbol, new List<string>());
                }
            }
        }

        foreach (Diagnostic diagnostic in run.Diagnostics)
        {
            if (!diagnostic.Id.StartsWith("NG", StringComparison.Ordinal))
            {
                failures.Add("The generator reported a diagnostic that is not NetGen's: " + diagnostic);
                continue;
            }

            if (diagnostic.Severity != DiagnosticSeverity.Error)
            {
                failures.Add("An NG diagnostic that is not an error: " + diagnostic);
            }

            // NetGen reports with Location.Create(path, span, lines) (plain values cache well): map the path back to the tree.
            string path = diagnostic.Location.GetLineSpan().Path;
            SyntaxTree? tree = diagnostic.Location.SourceTree ?? run.Input.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
            if (tree is null || !userTrees.Contains(tree) || diagnostic.Location.SourceSpan.End > tree.Length)
            {
                failures.Add("An NG diagnostic without a location in the user's source: " + diagnostic);
                continue;
            }

            List<INamedTypeSymbol> owners = Owners(diagnostic, tree, compilation, networks);
            if (owners.Count == 0)
            {
                failures.Add("An NG diagnostic about no [NetGen.Network] type:\n" + GeneratorRun.Format(new[] { diagnostic }));
            }

            foreach (INamedTypeSymbol owner in owners)
            {
                networks[owner].Add(diagnostic.Id);
            }
        }

        // A generated file completes the type whose declaration has the base list (its containing types are only reopened).
        var completed = new Dictionary<INamedTypeSymbol, int>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in generatedTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (TypeDeclarationSyntax node in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.BaseList is not null))
            {
                if (model.GetDeclaredSymbol(node) is INamedTypeSymbol symbol)
                {
                    completed[symbol] = (completed.TryGetValue(symbol, out int n) ? n : 0) + 1;
                    if (!networks.ContainsKey(symbol))
                    {
                        failures.Add("Generated code (" + tree.FilePath + ") completes '" + symbol.ToDisplayString() + "', which has no [NetGen.Network] attribute (as the compiler binds it)");
                    }
                }
            }
        }

        int generated = 0;
        int rejected = 0;
        var ids = new List<string>();
        foreach (KeyValuePair<INamedTypeSymbol, List<string>> network in networks)
        {
            int parts = completed.TryGetValue(network.Key, out int count) ? count : 0;
            string name = network.Key.ToDisplayString();
            if (parts > 1)
            {
                failures.Add("'" + name + "' got " + parts.ToString(CultureInfo.InvariantCulture) + " generated files");
            }

            if (parts > 0 && network.Value.Count > 0)
            {
                failures.Add("'" + name + "' got generated code and NG diagnostics (" + string.Join(", ", network.Value) + ")");
            }
            else if (parts == 0 && network.Value.Count == 0)
            {
                Diagnostic[] onType = output.Where(d => d.Severity >= DiagnosticSeverity.Warning && Inside(d, network.Key)).ToArray();
                bool attributeErrors = onType.Any(d => d.Severity == DiagnosticSeverity.Error && InNetworkAttribute(d, network.Key, attribute));
                failures.Add("'" + name + "' has [NetGen.Network] but got neither generated code nor an NG diagnostic"
                    + (attributeErrors ? " (the compiler reports errors inside the [Network] attribute, and the generator stays silent on those)" : string.Empty)
                    + ". The compiler reports on it:\n" + GeneratorRun.Format(onType.Take(6)));
            }
            else if (parts > 0)
            {
                generated++;
            }
            else
            {
                rejected++;
                ids.AddRange(network.Value.Distinct(StringComparer.Ordinal));
            }
        }

        stats?.AddCompilation(languageVersion, networks.Count, generated, rejected, ids);
        return failures;
    }

    /// <summary>
    /// The network types an NG diagnostic explains: for NG0002 (on a containing type's name) the networks nested in
    /// that type; otherwise the innermost network type whose declaration contains the location (its attribute, its
    /// name, one of its members).
    /// </summary>
    private static List<INamedTypeSymbol> Owners(Diagnostic diagnostic, SyntaxTree tree, Compilation compilation, Dictionary<INamedTypeSymbol, List<string>> networks)
    {
        SemanticModel model = compilation.GetSemanticModel(tree);
        SyntaxNode node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var result = new List<INamedTypeSymbol>();
        if (diagnostic.Id == "NG0002")
        {
            if (node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } container
                && model.GetDeclaredSymbol(container) is INamedTypeSymbol containing)
            {
                foreach (INamedTypeSymbol network in networks.Keys)
                {
                    for (INamedTypeSymbol? outer = network.ContainingType; outer is not null; outer = outer.ContainingType)
                    {
                        if (SymbolEqualityComparer.Default.Equals(outer, containing))
                        {
                            result.Add(network);
                            break;
                        }
                    }
                }
            }

            return result;
        }

        // The innermost enclosing network type, unless the message names another one ("Type 'Outer' cannot get the
        // generated member '_parameters'" sits on a nested type named _parameters, which may be a network itself).
        var enclosing = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
            .Select(declaration => model.GetDeclaredSymbol(declaration))
            .Where(symbol => symbol is not null && networks.ContainsKey(symbol))
            .Select(symbol => symbol!)
            .ToList();
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        INamedTypeSymbol? named = message.StartsWith("Type '", StringComparison.Ordinal)
            ? enclosing.FirstOrDefault(symbol => message.StartsWith("Type '" + symbol.Name + "'", StringComparison.Ordinal))
            : null;
        if ((named ?? enclosing.FirstOrDefault()) is { } owner)
        {
            result.Add(owner);
        }

        return result;
    }

    /// <summary>Whether a diagnostic lies in one of the declarations of <paramref name="type"/>.</summary>
    private static bool Inside(Diagnostic diagnostic, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == diagnostic.Location.SourceTree && r.Span.Contains(diagnostic.Location.SourceSpan));

    /// <summary>Whether a diagnostic lies inside one of the <c>[NetGen.Network]</c> applications on <paramref name="type"/>.</summary>
    private static bool InNetworkAttribute(Diagnostic diagnostic, INamedTypeSymbol type, INamedTypeSymbol? attribute) =>
        type.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass?.OriginalDefinition, attribute))
            .Select(a => a.ApplicationSyntaxReference)
            .Any(r => r is not null && r.SyntaxTree == diagnostic.Location.SourceTree && r.Span.Contains(diagnostic.Location.SourceSpan));

    private static string Key(Diagnostic d) =>
        d.Id + "@" + d.Location.SourceTree?.FilePath + ":" + d.Location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture) + "-" + d.Location.SourceSpan.End.ToString(CultureInfo.InvariantCulture);

    private static string Describe(LanguageVersion languageVersion, RenderedDeclaration declaration, List<string> failures) =>
        "Declaration (LanguageVersion." + languageVersion + "):\n" + declaration.Display + "Failures:\n" + string.Join("\n", failures.Select(f => "  - " + f));

    private static string FirstLines(string text, int count)
    {
        string[] lines = text.Split('\n');
        return string.Join("\n", lines.Take(count)) + (lines.Length > count ? "\n    ..." : string.Empty);
    }

    /// <summary>
    /// Splits a batch into compilations: a declaration joins the first compilation where none of its top-level names
    /// (compared case-insensitively, as generated hint names are) clashes with a name already there.
    /// </summary>
    private static List<List<int>> Group(RenderedDeclaration[] rendered, LanguageVersion languageVersion)
    {
        CSharpParseOptions options = GeneratorHarness.ParseOptions(languageVersion);
        var groups = new List<(List<int> Members, HashSet<string> Keys, HashSet<string> Roots, HashSet<string> GlobalNames)>();
        for (int i = 0; i < rendered.Length; i++)
        {
            RenderedDeclaration d = rendered[i];
            if (d.Isolate && CSharpSyntaxTree.ParseText(d.Main, options).GetDiagnostics().Any(x => x.Severity == DiagnosticSeverity.Error))
            {
                groups.Add((new List<int> { i }, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)));
                continue;
            }

            bool placed = false;
            foreach ((List<int> members, HashSet<string> keys, HashSet<string> roots, HashSet<string> globalNames) in groups)
            {
                if (keys.Count == 0)
                {
                    continue; // an isolated declaration
                }

                bool clash = d.TopLevelTypeKeys.Any(keys.Contains)
                    || d.GlobalTypeNames.Any(roots.Contains)
                    || d.NamespaceRoots.Any(globalNames.Contains);
                if (!clash)
                {
                    members.Add(i);
                    keys.UnionWith(d.TopLevelTypeKeys);
                    roots.UnionWith(d.NamespaceRoots);
                    globalNames.UnionWith(d.GlobalTypeNames);
                    placed = true;
                    break;
                }
            }

            if (!placed)
            {
                groups.Add((new List<int> { i }, new HashSet<string>(d.TopLevelTypeKeys, StringComparer.Ordinal), new HashSet<string>(d.NamespaceRoots, StringComparer.Ordinal), new HashSet<string>(d.GlobalTypeNames, StringComparer.Ordinal)));
            }
        }

        return groups.Select(g => g.Members).ToList();
    }

    /// <summary>A short form of sources for messages.</summary>
    public static string Show(IEnumerable<string> sources)
    {
        var text = new StringBuilder();
        int i = 0;
        foreach (string source in sources)
        {
            text.Append("// ---- ").Append(GeneratorHarness.SourcePath(i++)).Append('\n').Append(source).Append('\n');
        }

        return text.ToString();
    }
}
