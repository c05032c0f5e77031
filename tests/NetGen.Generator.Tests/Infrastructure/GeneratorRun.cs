using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
/// <param name="Input">The compilation the generator ran on.</param>
/// <param name="Output">The input plus the generated trees.</param>
/// <param name="Driver">The driver after the run (run it again for incremental tests).</param>
/// <param name="RunResult">The driver's run result, with the tracked steps.</param>
/// <param name="Sources">Generated sources, hint name → text.</param>
/// <param name="GeneratorDiagnostics">Diagnostics the generator reported (only NG0019: <see cref="NetworkAnalyzer"/> reports the rest).</param>
/// <param name="AdditionalTexts">The AdditionalFiles the generator was given (the analyzer gets the same).</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    ImmutableSortedDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<AdditionalText> AdditionalTexts = default)
{
    private ImmutableArray<Diagnostic>? _outputDiagnostics;
    private ImmutableArray<Diagnostic>? _analyzerDiagnostics;

    /// <summary>
    /// What <see cref="NetworkAnalyzer"/> reports on <see cref="Output"/> (the compilation with the generated files, as
    /// a build and the IDE run analyzers), computed on first use; asserts the analyzer did not throw.
    /// </summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics ??= AnalyzerHarness.Run(Output, AdditionalTexts);

    /// <summary>NetGen's diagnostics as a build shows them: the generator's and the analyzer's together.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

    /// <summary>All diagnostics of <see cref="Output"/> (the user's code and the generated code), computed on first use.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics ??= Output.GetDiagnostics();

    /// <summary>Errors and warnings of the output compilation (hidden and info diagnostics left out).</summary>
    public IEnumerable<Diagnostic> OutputErrorsAndWarnings =>
        OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);

    /// <summary>The text of the only generated file, asserting there is exactly one and that it has this hint name.</summary>
    public string SingleSource(string hintName)
    {
        Assert.Equal(new[] { hintName }, Sources.Keys);
        return Sources[hintName];
    }

    /// <summary>Asserts NetGen (generator and analyzer) reported nothing and the output compiles with zero errors and zero warnings.</summary>
    public void AssertCleanBuild()
    {
        Assert.True(Diagnostics.IsEmpty, "NetGen reported:\n" + Format(Diagnostics));
        Diagnostic[] problems = OutputErrorsAndWarnings.ToArray();
        Assert.True(problems.Length == 0, "The output compilation has errors or warnings:\n" + Format(problems));
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => "  " + d.ToString() + SourceLine(d)));

    private static string SourceLine(Diagnostic d)
    {
        if (!d.Location.IsInSource)
        {
            return string.Empty;
        }

        int line = d.Location.GetLineSpan().StartLinePosition.Line;
        string text = d.Location.SourceTree.GetText().Lines[line].ToString().Trim();
        return "\n      line " + (line + 1).ToString(CultureInfo.InvariantCulture) + ": " + text;
    }
}
