using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Models;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Incremental;

/// <summary>
/// Incremental caching: the driver runs once, the compilation is edited, the same driver runs again, and the
/// reasons of the tracked steps (<see cref="TrackingNames"/>) say what was recomputed. Edits that cannot change a
/// network must leave every step Cached or Unchanged; an edit to one network must regenerate that network only.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] CachedSteps = { TrackingNames.Extract, TrackingNames.Output, TrackingNames.Capabilities, TrackingNames.Emit };

    private static readonly IncrementalStepRunReason[] NotRecomputed = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    private const string NetworkA = """
        using NetGen;
        namespace Nets
        {
            [Network(2, 3, 1)]
            internal partial class A
            {
            }
        }
        """;

    private const string NetworkB = """
        using NetGen;
        namespace Nets
        {
            [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
            internal partial class B
            {
            }
        }
        """;

    [Fact]
    public void Adding_an_unrelated_syntax_tree_does_not_regenerate()
    {
        GeneratorDriverRunResult second = RunTwice(c => c.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Other { internal sealed class Unrelated { public int X { get; set; } } }", Options(c), path: "Unrelated.cs")));
        AssertNotRecomputed(second, CachedSteps);
    }

    [Fact]
    public void Cloned_compilation_does_not_regenerate()
    {
        GeneratorDriverRunResult second = RunTwice(c => c.Clone());
        AssertNotRecomputed(second, CachedSteps);
    }

    [Fact]
    public void Adding_a_method_body_to_the_network_type_does_not_regenerate()
    {
        GeneratorDriverRunResult second = RunTwice(c => ReplaceSource(c, 0, NetworkA.Replace(
            "    {\n    }\n}",
            "    {\n        public int Answer()\n        {\n            return 42;\n        }\n    }\n}",
            StringComparison.Ordinal)));
        AssertNotRecomputed(second, CachedSteps);
    }

    [Fact]
    public void Adding_a_comment_inside_the_network_type_does_not_regenerate()
    {
        GeneratorDriverRunResult second = RunTwice(c => ReplaceSource(c, 0, NetworkA.Replace(
            "    {\n    }\n}",
            "    {\n        // A note about this network.\n    }\n}",
            StringComparison.Ordinal)));
        AssertNotRecomputed(second, CachedSteps);
    }

    [Fact]
    public void Changing_an_attribute_argument_regenerates_that_network_only()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(NetworkA, NetworkB);
        GeneratorRun run1 = GeneratorHarness.Run(first);
        CSharpCompilation edited = ReplaceSource(first, 0, NetworkA.Replace("[Network(2, 3, 1)]", "[Network(2, 4, 1)]", StringComparison.Ordinal));
        GeneratorRun run2 = GeneratorHarness.Run(run1.Driver, edited);

        run2.AssertCleanBuild();
        Assert.Contains("2-4-1", run2.Sources["Nets.A.g.cs"], StringComparison.Ordinal);
        Assert.Equal(run1.Sources["Nets.B.g.cs"], run2.Sources["Nets.B.g.cs"]);

        foreach (string step in CachedSteps)
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(run2.RunResult, step);
            Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(outputs, o => NetworkOf(o.Value) == "Nets.A").Reason);
            Assert.Contains(Assert.Single(outputs, o => NetworkOf(o.Value) == "Nets.B").Reason, NotRecomputed);
        }
    }

    [Fact]
    public void Editing_an_invalid_network_does_not_regenerate_a_valid_one()
    {
        const string Broken = """
            using NetGen;
            [Network(2, 0, 1)]
            internal partial class Broken
            {
            }
            """;
        CSharpCompilation first = GeneratorHarness.CreateCompilation(NetworkA, Broken);
        GeneratorRun run1 = GeneratorHarness.Run(first);
        GeneratorRun run2 = GeneratorHarness.Run(run1.Driver, ReplaceSource(first, 1, Broken.Replace("[Network(2, 0, 1)]", "[Network(2, -1, 1)]", StringComparison.Ordinal)));

        Assert.Equal(new[] { "NG0004" }, run2.Diagnostics.Select(d => d.Id));
        Assert.Contains("Layer 1 has -1 units", run2.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertNotRecomputed(run2.RunResult, sourceOutputs: false, TrackingNames.Output, TrackingNames.Emit);
        Assert.Contains(Outputs(run2.RunResult, TrackingNames.Diagnostics), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        const string Broken = """
            using NetGen;
            [Network(2, 3, 1, Hidden = Activation.Softmax)]
            internal class Broken
            {
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(NetworkA, NetworkB, Broken);
        var seen = new HashSet<Type>();
        foreach (string step in new[] { TrackingNames.Extract, TrackingNames.Diagnostics, TrackingNames.Output, TrackingNames.Capabilities, TrackingNames.Emit })
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(run.RunResult, step);
            Assert.NotEmpty(outputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                seen.UnionWith(ObjectGraph.AssertNoCompilationObjects(outputs[i].Value, step + "[" + i + "]"));
            }
        }

        // The walk really went through the models and the diagnostics.
        Assert.Contains(typeof(NetworkModel), seen);
        Assert.Contains(typeof(DiagnosticInfo), seen);
        Assert.Contains(typeof(LocationInfo), seen);
    }

    [Fact]
    public void Object_graph_check_finds_a_syntax_node()
    {
        var holder = new { Model = "fine", Node = (object)SyntaxFactory.IdentifierName("x") };
        Assert.ThrowsAny<Exception>(() => ObjectGraph.AssertNoCompilationObjects(new[] { holder }, "holder"));
    }

    /// <summary>Runs the generator on networks A and B, applies <paramref name="edit"/>, runs the same driver again.</summary>
    private static GeneratorDriverRunResult RunTwice(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(NetworkA, NetworkB);
        GeneratorRun run1 = GeneratorHarness.Run(first);
        run1.AssertCleanBuild();
        GeneratorRun run2 = GeneratorHarness.Run(run1.Driver, edit(first));
        run2.AssertCleanBuild();
        Assert.Equal(run1.Sources, run2.Sources);
        return run2.RunResult;
    }

    private static void AssertNotRecomputed(GeneratorDriverRunResult result, params string[] steps) =>
        AssertNotRecomputed(result, sourceOutputs: true, steps);

    /// <summary>
    /// Every output of <paramref name="steps"/> is Cached or Unchanged; with <paramref name="sourceOutputs"/>, so is every
    /// registered output (files and diagnostics alike: the driver tracks them under one name).
    /// </summary>
    private static void AssertNotRecomputed(GeneratorDriverRunResult result, bool sourceOutputs, params string[] steps)
    {
        foreach (string step in steps)
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                NotRecomputed.Contains(o.Reason),
                "Step " + step + " recomputed " + NetworkOf(o.Value) + ": " + o.Reason));
        }

        if (!sourceOutputs)
        {
            return;
        }

        GeneratorRunResult run = Assert.Single(result.Results);
        Assert.NotEmpty(run.TrackedOutputSteps);
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, NotRecomputed));
    }

    private static (object Value, IncrementalStepRunReason Reason)[] Outputs(GeneratorDriverRunResult result, string step)
    {
        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = Assert.Single(result.Results).TrackedSteps;
        Assert.True(steps.ContainsKey(step), "No tracked step '" + step + "'. Steps: " + string.Join(", ", steps.Keys));
        return steps[step].SelectMany(s => s.Outputs).ToArray();
    }

    /// <summary>Which network a step's output belongs to.</summary>
    private static string NetworkOf(object value) => value switch
    {
        ParseResult r => r.Model?.Type.MetadataName ?? "(diagnostics only)",
        NetworkModel m => m.Type.MetadataName,
        GeneratedFile f => f.HintName.Replace(".g.cs", string.Empty, StringComparison.Ordinal),
        _ => value.GetType().Name,
    };

    private static CSharpParseOptions Options(Compilation compilation) => (CSharpParseOptions)compilation.SyntaxTrees.First().Options;

    private static CSharpCompilation ReplaceSource(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.SourcePath(index));
        Assert.NotEqual(old.ToString(), text); // the edit really edits
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, Options(compilation), path: old.FilePath));
    }
}
