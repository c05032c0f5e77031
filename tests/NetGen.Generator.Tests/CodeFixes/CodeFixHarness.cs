using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.CodeFixes;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>
/// Applies NetGen's code fixes as an IDE does, without Microsoft.CodeAnalysis.Testing (whose reference assemblies
/// come from a package feed): sources in an <see cref="AdhocWorkspace"/> project with the generator tests' references
/// and options, diagnostics from the generator and the analyzer together (a build), each fix's
/// <see cref="ApplyChangesOperation"/> applied to the solution.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>Every code fix provider the package ships.</summary>
    public static readonly ImmutableArray<CodeFixProvider> Providers = typeof(MakePartialCodeFixProvider).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>A solution with one project holding <paramref name="sources"/> as Source0.cs, Source1.cs, ...</summary>
    public static Project CreateProject(LanguageVersion languageVersion, params string[] sources)
    {
        CSharpCompilation template = GeneratorHarness.CreateCompilation(languageVersion);
        var workspace = new AdhocWorkspace();
        ProjectId id = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(id, VersionStamp.Default, "UserCode", GeneratorHarness.AssemblyName, LanguageNames.CSharp)
                .WithCompilationOptions(template.Options)
                .WithParseOptions(GeneratorHarness.ParseOptions(languageVersion))
                .WithMetadataReferences(GeneratorHarness.References));
        for (int i = 0; i < sources.Length; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(id), GeneratorHarness.SourcePath(i), sources[i], filePath: GeneratorHarness.SourcePath(i));
        }

        return solution.GetProject(id)!;
    }

    /// <summary>A build of <paramref name="project"/>: the generated output compilation and NetGen's diagnostics (generator and analyzer).</summary>
    public static async Task<(Compilation Output, ImmutableArray<Diagnostic> NetGen)> BuildAsync(Project project)
    {
        var compilation = (CSharpCompilation)(await project.GetCompilationAsync().ConfigureAwait(false))!;
        GeneratorRun run = GeneratorHarness.Run(compilation);
        return (run.Output, run.Diagnostics);
    }

    /// <summary>The code actions every provider offers for <paramref name="diagnostic"/>.</summary>
    public static async Task<ImmutableArray<CodeAction>> ActionsAsync(Project project, Diagnostic diagnostic)
    {
        Document document = project.Solution.GetDocument(diagnostic.Location.SourceTree)
            ?? project.Documents.Single(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);
        var actions = new List<CodeAction>();
        foreach (CodeFixProvider provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
        }

        return actions.ToImmutableArray();
    }

    /// <summary>The project after <paramref name="action"/>.</summary>
    public static async Task<Project> ApplyAsync(Project project, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return apply.ChangedSolution.GetProject(project.Id)!;
    }

    /// <summary>The text of <c>Source{index}.cs</c> in <paramref name="project"/>.</summary>
    public static async Task<string> TextAsync(Project project, int index = 0) =>
        (await project.Documents.Single(d => d.Name == GeneratorHarness.SourcePath(index)).GetTextAsync().ConfigureAwait(false)).ToString();

    /// <summary>Compiler errors of a build's output (the user's code and the generated code).</summary>
    public static IEnumerable<Diagnostic> CompilerErrors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
}
