using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="NetworkAnalyzer"/> on a compilation as a build does (CompilationWithAnalyzers).</summary>
internal static class AnalyzerHarness
{
    /// <summary>
    /// The analyzer's diagnostics on <paramref name="compilation"/> with <paramref name="additionalTexts"/> as the
    /// AdditionalFiles; asserts it did not throw (AD0001) and reported only its own IDs.
    /// </summary>
    public static ImmutableArray<Diagnostic> Run(Compilation compilation, ImmutableArray<AdditionalText> additionalTexts = default)
    {
        var analyzer = new NetworkAnalyzer();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalTexts.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalTexts),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None)
            .GetAwaiter()
            .GetResult();
        Assert.True(!diagnostics.Any(d => d.Id == "AD0001"), "The analyzer threw:\n" + GeneratorRun.Format(diagnostics.Where(d => d.Id == "AD0001")));
        Assert.All(diagnostics, d => Assert.Contains(d.Descriptor, analyzer.SupportedDiagnostics));
        return diagnostics;
    }
}
