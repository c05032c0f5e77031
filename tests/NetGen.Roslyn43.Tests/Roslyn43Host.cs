using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Roslyn43.Tests;

/// <summary>
/// A compiler as Unity runs it: Roslyn 4.3.1 (this process's Microsoft.CodeAnalysis), the generator loaded from its
/// file through <see cref="AnalyzerFileReference"/>, a consumer compiled as C# 9 against the netstandard2.1 reference
/// assemblies plus the netstandard2.0 NetGen runtime. The files come from under-test/ beside this assembly (copied
/// there by the project's _NetGenCopyUnderTest target from the generator's and the runtime's build output).
/// </summary>
internal static class Roslyn43Host
{
    private static readonly string UnderTest = Path.Combine(AppContext.BaseDirectory, "under-test");

    /// <summary>NetGen.Generator.dll as built (the file the package puts under analyzers/dotnet/cs).</summary>
    public static string GeneratorPath => Path.Combine(UnderTest, "analyzer", "NetGen.Generator.dll");

    /// <summary>The netstandard2.0 NetGen.dll (the one a Unity project takes).</summary>
    public static string RuntimePath => Path.Combine(UnderTest, "runtime", "NetGen.dll");

    /// <summary>
    /// Unity (like the .NET SDK) compiles with CS1701/CS1702 off: assembly-version unification notices between the
    /// netstandard2.0 runtime's references (System.Memory 4.0.1.x) and the netstandard2.1 facades.
    /// </summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> Suppressions =
        ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

    /// <summary>Loads the generator file as a compiler does; every load failure is returned, not thrown.</summary>
    public static (ImmutableArray<ISourceGenerator> Generators, IReadOnlyList<string> LoadFailures) LoadGenerator()
    {
        var failures = new List<string>();
        var reference = new AnalyzerFileReference(GeneratorPath, new DefaultContextLoader());
        reference.AnalyzerLoadFailed += (_, e) => failures.Add(e.ErrorCode + ": " + e.Message + " " + e.Exception);
        ImmutableArray<ISourceGenerator> generators = reference.GetGenerators(LanguageNames.CSharp);
        return (generators, failures);
    }

    /// <summary>Loads the analyzers of the generator file as a compiler does; every load failure is returned, not thrown.</summary>
    public static (ImmutableArray<DiagnosticAnalyzer> Analyzers, IReadOnlyList<string> LoadFailures) LoadAnalyzers()
    {
        var failures = new List<string>();
        var reference = new AnalyzerFileReference(GeneratorPath, new DefaultContextLoader());
        reference.AnalyzerLoadFailed += (_, e) => failures.Add(e.ErrorCode + ": " + e.Message + " " + e.Exception);
        ImmutableArray<DiagnosticAnalyzer> analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        return (analyzers, failures);
    }

    /// <summary>The analyzers' diagnostics on <paramref name="compilation"/>, as the compiler runs them after generating.</summary>
    public static ImmutableArray<Diagnostic> Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers, Compilation compilation) =>
        compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();

    public static CSharpCompilation CreateConsumer(string source, LanguageVersion languageVersion = LanguageVersion.CSharp9) =>
        CreateConsumer(new[] { ("Assets/Scripts/Networks.cs", source) }, languageVersion);

    /// <summary>A consumer of several files (path, text), compiled as <see cref="CreateConsumer(string, LanguageVersion)"/> does.</summary>
    public static CSharpCompilation CreateConsumer(IEnumerable<(string Path, string Text)> files, LanguageVersion languageVersion)
    {
        var parseOptions = new CSharpParseOptions(languageVersion);
        IEnumerable<MetadataReference> references = Directory.GetFiles(Path.Combine(UnderTest, "netstandard2.1"), "*.dll")
            .Append(RuntimePath)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, warningLevel: 9999, deterministic: true)
            .WithSpecificDiagnosticOptions(Suppressions);
        return CSharpCompilation.Create(
            "UnityConsumer",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: f.Path)),
            references,
            options);
    }

    /// <summary>Runs the generators on <paramref name="compilation"/> as the compiler does before it binds.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> DriverDiagnostics) Generate(
        ImmutableArray<ISourceGenerator> generators, CSharpCompilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, driver.GetRunResult(), diagnostics);
    }

    /// <summary>Loads analyzers into the default context, where this process's Microsoft.CodeAnalysis 4.3.1 already is.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
