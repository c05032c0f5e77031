using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Models;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Every NG diagnostic: the exact set of IDs reported, their exact locations (line/character span and the text
/// covered), severity Error, a formatted message, and no generated source for the rejected type.
/// </summary>
public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void Invalid_declaration_reports_exactly_the_expected_diagnostics_and_generates_nothing(string name)
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

        Assert.NotEmpty(expected);
        GeneratorRun run = GeneratorHarness.Run(testCase.LanguageVersion, sources.Values.ToArray());

        AssertDiagnostics(expected, run.Diagnostics, sources);
        Assert.All(run.Diagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Equal("NetGen", d.Descriptor.Category);
            Assert.DoesNotContain("{0}", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
        string[] messages = run.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (string part in testCase.MessageParts)
        {
            Assert.True(messages.Any(m => m.Contains(part, StringComparison.Ordinal)), "No message contains \"" + part + "\". Messages:\n  " + string.Join("\n  ", messages));
        }

        Assert.Empty(run.Sources);
        Assert.Equal(run.Input.SyntaxTrees.Count(), run.Output.SyntaxTrees.Count());
    }

    [Fact]
    public void Every_descriptor_has_a_case_and_is_a_NetGen_error()
    {
        DiagnosticDescriptor[] descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

        Assert.True(descriptors.Length >= 12, "Expected at least NG0001..NG0012, found " + descriptors.Length);
        string[] ids = descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
        int last = int.Parse(ids[^1][2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(1, last).Select(n => "NG" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.All(descriptors, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Equal("NetGen", d.Category);
            Assert.True(d.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

        // Weights diagnostics need files on disk: Weights/WeightsTests.cs covers them.
        var covered = new HashSet<string>(Weights.WeightsTests.CoveredIds, StringComparer.Ordinal);
        foreach (DiagnosticCase testCase in DiagnosticCases.All)
        {
            foreach (string source in testCase.Sources)
            {
                covered.UnionWith(Markup.Parse(source, "x.cs").Expected.Select(e => e.Id));
            }
        }

        Assert.Empty(ids.Except(covered));
    }

    [Fact]
    public void Valid_declaration_reports_no_diagnostics_at_all()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using NetGen;
            namespace Valid
            {
                [Network(3, 4, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
                internal partial class Fine
                {
                    public int Epochs { get; set; }
                }
            }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden));
        Assert.Single(run.Sources);
    }

    [Fact]
    public void Invalid_network_does_not_stop_a_valid_one_in_the_same_compilation()
    {
        (string broken, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse(
            """
            using NetGen;
            [Network(2, {|NG0004:0|}, 1)]
            internal partial class Broken
            {
            }
            """,
            GeneratorHarness.SourcePath(0));
        const string Valid = """
            using NetGen;
            [Network(2, 3, 1)]
            internal partial class Working
            {
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(broken, Valid);

        AssertDiagnostics(expected, run.Diagnostics, new Dictionary<string, string> { ["Source0.cs"] = broken, ["Source1.cs"] = Valid });
        Assert.Equal(new[] { "Working.g.cs" }, run.Sources.Keys);
        Assert.Empty(run.OutputErrorsAndWarnings);
    }

    [Fact]
    public void Attribute_the_compiler_rejects_gets_NG0020_and_no_code()
    {
        // The compiler reports CS1503 on the argument; NetGen adds one NG0020 on the attribute so that the missing
        // network members (errors elsewhere in the user's code) are explained, and generates nothing.
        GeneratorRun run = GeneratorHarness.Run(
            """
            using NetGen;
            [Network("three", 4)]
            internal partial class Typo
            {
            }
            """);

        Diagnostic ng = Assert.Single(run.Diagnostics);
        Assert.Equal("NG0020", ng.Id);
        Assert.Empty(run.Sources);
        Assert.Contains(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_large_network_does_not_throw_and_names_the_exact_count()
    {
        // 100000 * 100000 overflows an int: the parser must count in 64 bits (Run asserts the generator did not throw).
        GeneratorRun run = GeneratorHarness.Run(
            """
            using NetGen;
            [Network(100000, 100000, 100000, Bias = false)]
            internal partial class Huge
            {
            }
            """);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NG0010", diagnostic.Id);
        Assert.StartsWith("The network has 20000000000 parameters, more than NetGen generates (268435456)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Sizes_whose_parameter_count_overflows_a_long_are_too_large()
    {
        // 4 * (2^31 - 1) * 2^31 > long.MaxValue: a wrapping count would go negative and slip past the limit, and the
        // emitter would then try to write billions of lines. Parse only, so a regression fails instead of hanging.
        ParseResult result = ParseOnly.Single(
            """
            using NetGen;
            [Network(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue)]
            internal partial class Overflow
            {
            }
            """);

        Assert.Null(result.Model);
        Assert.Equal(new[] { "NG0010" }, result.Diagnostics.Select(d => d.Descriptor.Id));
        string message = result.Diagnostics[0].ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("has -", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16384, 16384, false)] // 2^28 parameters exactly: the largest network NetGen generates
    [InlineData(16384, 16385, true)]
    public void Size_limit_is_inclusive(int inputs, int outputs, bool rejected)
    {
        // Parse only (no emission: a 2^28-parameter file is not something a unit test should write).
        ParseResult result = ParseOnly.Single(
            "using NetGen;\n[Network(" + inputs + ", " + outputs + ", Bias = false)]\ninternal partial class Edge { }\n");
        Assert.Equal(rejected, result.Model is null);
        Assert.Equal(rejected ? new[] { "NG0010" } : Array.Empty<string>(), result.Diagnostics.Select(d => d.Descriptor.Id));
    }

    private static void AssertDiagnostics(IEnumerable<ExpectedDiagnostic> expected, IEnumerable<Diagnostic> actual, IReadOnlyDictionary<string, string> sources)
    {
        string[] want = expected.Select(e => e.Display).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        string[] got = actual.Select(d => ExpectedDiagnostic.DisplayOf(d, sources)).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.Equal(want, got);
    }
}
