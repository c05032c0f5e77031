using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="NetworkGenerator"/> in memory: source strings → <see cref="CSharpCompilation"/> →
/// <see cref="CSharpGeneratorDriver"/> (step tracking on) → <see cref="GeneratorRun"/>.
/// Every run asserts that the generator did not throw.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The assembly name of every test compilation.</summary>
    public const string AssemblyName = "NetGen.UserCode";

    /// <summary>
    /// The SDK's default NoWarn: assembly-unification notices between the net8.0 runtime library and the
    /// test host's newer framework are not problems of the generated code.
    /// </summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkSuppressions =
        ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>All assemblies of the test host (TRUSTED_PLATFORM_ASSEMBLIES) plus the NetGen runtime library.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion languageVersion = LanguageVersion.Latest) =>
        new(languageVersion, DocumentationMode.Diagnose);

    /// <summary>Builds a compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ...</summary>
    public static CSharpCompilation CreateCompilation(LanguageVersion languageVersion, params string[] sources)
    {
        CSharpParseOptions parseOptions = ParseOptions(languageVersion);
        IEnumerable<SyntaxTree> trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: SourcePath(i)));

        // Nullable annotations need C# 8; below that the SDK's <Nullable>enable</Nullable> is an error (CS8630), so
        // those projects cannot have it on.
        NullableContextOptions nullable = parseOptions.LanguageVersion >= LanguageVersion.CSharp8
            ? NullableContextOptions.Enable
            : NullableContextOptions.Disable;
        var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable,
                warningLevel: 9999, // every warning wave, as AnalysisLevel latest gives a real build
                deterministic: true)
            .WithSpecificDiagnosticOptions(SdkSuppressions);
        return CSharpCompilation.Create(AssemblyName, trees, References, options);
    }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(LanguageVersion.Latest, sources);

    /// <summary>The path given to source <paramref name="index"/> of <see cref="CreateCompilation(LanguageVersion, string[])"/>.</summary>
    public static string SourcePath(int index) => "Source" + index + ".cs";

    public static CSharpGeneratorDriver CreateDriver(CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(LanguageVersion languageVersion, params string[] sources) =>
        Run(CreateCompilation(languageVersion, sources));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation) => Run(CreateDriver(compilation), compilation);

    /// <summary>
    /// Runs <paramref name="driver"/> on <paramref name="compilation"/>; the returned run holds the updated driver.
    /// <paramref name="additionalTexts"/> are the AdditionalFiles the driver was created with, for the analyzer.
    /// </summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalTexts = default)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorDriverRunResult runResult = driver.GetRunResult();
        GeneratorRunResult result = Assert.Single(runResult.Results);
        Assert.True(result.Exception is null, "The generator threw: " + result.Exception);

        // A throwing generator surfaces as CS8785 (driver diagnostic); nothing else may come from the driver itself.
        Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8784" or "CS8785");

        var sources = result.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return new GeneratorRun(compilation, output, driver, runResult, sources, result.Diagnostics, additionalTexts.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalTexts);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set.");
        var paths = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths[Path.GetFileNameWithoutExtension(path)] = path;
        }

        // The runtime library wins over any copy in the list (one reference per assembly name, or CS1703).
        string runtime = typeof(NetworkAttribute).Assembly.Location;
        paths[Path.GetFileNameWithoutExtension(runtime)] = runtime;
        return paths.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
