using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// The generator and <see cref="NetworkAnalyzer"/> share one rule set and divide the reporting
/// (<see cref="DiagnosticDescriptors.ReportedByGenerator"/>): run together as a build runs them, every diagnostic of
/// every case appears exactly once, at the span and with the message the rule set gives (what the generator alone
/// reported before the analyzer existed).
/// </summary>
public sealed class DivisionOfWorkTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void Generator_and_analyzer_together_report_each_diagnostic_exactly_once(string name)
    {
        DiagnosticCase testCase = DiagnosticCases.Get(name);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = new List<ExpectedDiagnostic>();
        for (int i = 0; i < testCase.Sources.Length; i++)
        {
            (string source, ImmutableArray<ExpectedDiagnostic> spans) = Markup.Parse(testCase.Sources[i], GeneratorHarness.SourcePath(i));
            sources.Add(GeneratorHarness.SourcePath(i), source);
            expected.AddRange(spans);
        }

        // A build: the generator driver, then the analyzers on the compilation with the generated files.
        CSharpCompilation input = GeneratorHarness.CreateCompilation(testCase.LanguageVersion, sources.Values.ToArray());
        GeneratorHarness.CreateDriver(input).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = AnalyzerHarness.Run(output);

        // Nobody reports what the other one owns.
        Assert.All(generatorDiagnostics, d => Assert.True(DiagnosticDescriptors.ReportedByGenerator(d.Id), "The generator reported " + d));
        Assert.All(analyzerDiagnostics, d => Assert.False(DiagnosticDescriptors.ReportedByGenerator(d.Id), "The analyzer reported " + d));

        // Each expected diagnostic exactly once, and nothing else.
        string[] reported = generatorDiagnostics.Concat(analyzerDiagnostics).Select(d => ExpectedDiagnostic.DisplayOf(d, sources)).ToArray();
        foreach (ExpectedDiagnostic e in expected)
        {
            Assert.True(reported.Count(r => r == e.Display) == expected.Count(x => x.Display == e.Display), "Not reported exactly once: " + e.Display + "\nReported:\n  " + string.Join("\n  ", reported));
        }

        Assert.Equal(expected.Select(e => e.Display).OrderBy(s => s, StringComparer.Ordinal), reported.OrderBy(s => s, StringComparer.Ordinal));

        // The same spans and messages as the rule set (the generator's Extract step) produces.
        string[] ruleSet = ParseOnly.Run(testCase.LanguageVersion, sources.Values.ToArray())
            .SelectMany(r => r.Diagnostics)
            .Select(d => Describe(d.ToDiagnostic(), sources))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ruleSet, generatorDiagnostics.Concat(analyzerDiagnostics).Select(d => Describe(d, sources)).OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void The_analyzer_reports_every_ID_but_the_one_the_generator_keeps()
    {
        Assert.Equal(
            DiagnosticDescriptors.All.Select(d => d.Id).Where(id => id != "NG0019"),
            new NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id));
        Assert.Equal(new[] { "NG0019" }, DiagnosticDescriptors.All.Select(d => d.Id).Where(DiagnosticDescriptors.ReportedByGenerator));
    }

    [Fact]
    public void The_analyzer_on_a_build_with_generated_code_does_not_see_NetGens_own_members_as_collisions()
    {
        // The analyzer runs on the compilation with the generated files (Forward, Parameters, the constructor and the
        // explicit INetwork<T> members are all there): a valid network stays valid.
        GeneratorRun run = GeneratorHarness.Run(
            """
            using NetGen;
            namespace Valid
            {
                [Network(3, 4, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
                internal partial class Fine { }

                [Network(2, 3, 1)]
                internal partial struct Pair { }

                internal partial class Outer
                {
                    [Network(64, 32, 10, Unroll = Unroll.Never, Precision = Precision.Double)]
                    internal partial record Deep;
                }
            }
            """);
        Assert.Equal(3, run.Sources.Count);
        Assert.Empty(run.AnalyzerDiagnostics);
        run.AssertCleanBuild();
    }

    private static string Describe(Diagnostic d, IReadOnlyDictionary<string, string> sources) =>
        ExpectedDiagnostic.DisplayOf(d, sources) + " " + d.GetMessage(CultureInfo.InvariantCulture);
}
