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
/// <param name="GeneratorDiagnostics">Diagnostics the generator reported.</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    ImmutableSortedDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    private ImmutableArray<Diagnostic>? _outputDiagnostics;

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

    /// <summary>Asserts the generator reported nothing and the output compiles with zero errors and zero warnings.</summary>
    public void AssertCleanBuild()
    {
        Assert.True(GeneratorDiagnostics.IsEmpty, "The generator reported:\n" + Format(GeneratorDiagnostics));
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
