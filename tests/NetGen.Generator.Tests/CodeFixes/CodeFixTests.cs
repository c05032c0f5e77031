using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Diagnostics;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>
/// NetGen's code fixes (src/NetGen.CodeFixes): each one offered leaves code whose build has no compiler error and no
/// longer has the diagnostic it fixed; the main ones produce exactly the expected text; NG0013 gets none.
/// </summary>
public sealed class CodeFixTests
{
    /// <summary>The IDs with fixes; every other NG diagnostic gets none (NG0013's member names are the user's to choose).</summary>
    private static readonly string[] FixableIds = { "NG0001", "NG0002", "NG0005", "NG0006", "NG0014" };

    [Fact]
    public void The_fix_assembly_knows_the_IDs_of_the_descriptors()
    {
        Assert.Equal(FixableIds, CodeFixHarness.Providers.SelectMany(p => p.FixableDiagnosticIds).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(FixableIds, id => Assert.Contains(DiagnosticDescriptors.ReportedByAnalyzer, d => d.Id == id));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public async Task Every_offered_fix_compiles_and_removes_its_diagnostic(string name)
    {
        DiagnosticCase testCase = DiagnosticCases.Get(name);
        Project project = CodeFixHarness.CreateProject(testCase.LanguageVersion, testCase.Sources.Select((s, i) => Markup.Parse(s, GeneratorHarness.SourcePath(i)).Source).ToArray());
        (Compilation before, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
        Assert.NotEmpty(diagnostics);
        bool compiledBefore = !CodeFixHarness.CompilerErrors(before).Any();

        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = await CodeFixHarness.ActionsAsync(project, diagnostic);
            if (!FixableIds.Contains(diagnostic.Id))
            {
                Assert.True(actions.IsEmpty, diagnostic.Id + " got a fix: " + string.Join(", ", actions.Select(a => a.Title)));
                continue;
            }

            Assert.NotEmpty(actions);
            foreach (CodeAction action in actions)
            {
                Project fixedProject = await CodeFixHarness.ApplyAsync(project, action);
                (Compilation output, ImmutableArray<Diagnostic> after) = await CodeFixHarness.BuildAsync(fixedProject);
                string context = diagnostic.Id + " '" + action.Title + "':\n" + await CodeFixHarness.TextAsync(fixedProject);

                // The fixed diagnostic is gone, nothing new appeared, and the code compiles as well as it did.
                Assert.True(after.Count(d => d.Id == diagnostic.Id) < diagnostics.Count(d => d.Id == diagnostic.Id), "Still there after " + context);
                Assert.True(after.All(d => diagnostics.Any(b => b.Id == d.Id)), "New diagnostics after " + context + "\n" + GeneratorRun.Format(after));
                if (compiledBefore)
                {
                    Assert.True(!CodeFixHarness.CompilerErrors(output).Any(), "Compiler errors after " + context + "\n" + GeneratorRun.Format(CodeFixHarness.CompilerErrors(output)));
                }
            }
        }
    }

    [Theory]
    [InlineData("public class Net { }", "public partial class Net { }")]
    [InlineData("class Net { }", "partial class Net { }")]
    [InlineData("internal sealed class Net { }", "internal sealed partial class Net { }")]
    [InlineData("/// <summary>Doc.</summary>\nclass Net { }", "/// <summary>Doc.</summary>\npartial class Net { }")]
    [InlineData("public record struct Net;", "public partial record struct Net;")]
    public async Task NG0001_makes_the_type_partial(string declaration, string expected)
    {
        string text = await FixSingleAsync("using NetGen;\n[Network(2, 3, 1)]\n" + declaration + "\n", "NG0001");
        Assert.Equal("using NetGen;\n[Network(2, 3, 1)]\n" + expected + "\n", text);
    }

    [Fact]
    public async Task NG0002_makes_each_containing_type_partial()
    {
        const string Source = """
            using NetGen;
            public class A
            {
                public partial class B
                {
                    internal class C
                    {
                        [Network(2, 1)]
                        internal partial class Net { }
                    }
                }
            }
            """;
        Project project = CodeFixHarness.CreateProject(LanguageVersion.Latest, Source);
        for (int round = 0; round < 2; round++)
        {
            (_, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
            Diagnostic first = diagnostics.First(d => d.Id == "NG0002");
            project = await CodeFixHarness.ApplyAsync(project, Assert.Single(await CodeFixHarness.ActionsAsync(project, first)));
        }

        (Compilation output, ImmutableArray<Diagnostic> after) = await CodeFixHarness.BuildAsync(project);
        Assert.Empty(after);
        Assert.Empty(CodeFixHarness.CompilerErrors(output));
        Assert.Equal(Source.Replace("public class A", "public partial class A", StringComparison.Ordinal).Replace("internal class C", "internal partial class C", StringComparison.Ordinal), await CodeFixHarness.TextAsync(project));
    }

    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("ReLU")]
    [InlineData("Identity")]
    public async Task NG0005_moves_Softmax_to_Output_with_each_hidden_activation_on_offer(string hidden)
    {
        string text = await FixAsync(
            "using NetGen;\n[Network(3, 4, 2, Hidden = Activation.Softmax, Loss = LossFunction.CrossEntropy)]\npublic partial class Net { }\n",
            "NG0005",
            "Move Softmax to Output and use Hidden = Activation." + hidden,
            offered: 4);
        Assert.Equal("using NetGen;\n[Network(3, 4, 2, Hidden = Activation." + hidden + ", Loss = LossFunction.CrossEntropy, Output = Activation.Softmax)]\npublic partial class Net { }\n", text);
    }

    [Fact]
    public async Task NG0005_replaces_an_existing_Output_and_writes_qualified_names_without_a_using()
    {
        string text = await FixAsync(
            "[NetGen.Network(3, 4, 2, Output = NetGen.Activation.Tanh, Hidden = NetGen.Activation.Softmax)]\npublic partial class Net { }\n",
            "NG0005",
            "Move Softmax to Output and use Hidden = Activation.ReLU",
            offered: 4);
        Assert.Equal("[NetGen.Network(3, 4, 2, Output = NetGen.Activation.Softmax, Hidden = NetGen.Activation.ReLU)]\npublic partial class Net { }\n", text);
    }

    [Theory]
    [InlineData("Use Output = Activation.Sigmoid", "Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy")]
    [InlineData("Use Output = Activation.Softmax", "Output = Activation.Softmax, Loss = LossFunction.CrossEntropy")]
    [InlineData("Use Loss = LossFunction.SquaredError", "Output = Activation.Tanh, Loss = LossFunction.SquaredError")]
    public async Task NG0006_offers_each_compatible_output_and_the_other_loss(string title, string expected)
    {
        string text = await FixAsync(
            "using NetGen;\n[Network(3, 4, 2, Output = Activation.Tanh, Loss = LossFunction.CrossEntropy)]\npublic partial class Net { }\n",
            "NG0006",
            title,
            offered: 3);
        Assert.Equal("using NetGen;\n[Network(3, 4, 2, " + expected + ")]\npublic partial class Net { }\n", text);
    }

    [Fact]
    public async Task NG0014_on_one_declaration_removes_the_reported_attribute_and_keeps_comments_and_other_attributes()
    {
        const string Source = """
            using NetGen;
            namespace Nets
            {
                /// <summary>Doc.</summary>
                [Network(2, 3, 1)]
                [System.Serializable]
                [Network(2, 4, 1)]
                public partial class Twice { }
            }
            """;

        // The rule set checks the first [Network] of a declaration: it carries the one NG0014.
        string text = await FixSingleAsync(Source, "NG0014");
        Assert.Equal(Source.Replace("    [Network(2, 3, 1)]\n", string.Empty, StringComparison.Ordinal), text);
    }

    [Theory]
    [InlineData("Use Activation.Sigmoid as the last of Activations (the output layer)", "Activations = new[] { Activation.ReLU, Activation.Sigmoid }, Loss = LossFunction.CrossEntropy")]
    [InlineData("Use Activation.Softmax as the last of Activations (the output layer)", "Activations = new[] { Activation.ReLU, Activation.Softmax }, Loss = LossFunction.CrossEntropy")]
    [InlineData("Use Loss = LossFunction.SquaredError", "Activations = new[] { Activation.ReLU, Activation.Identity }, Loss = LossFunction.SquaredError")]
    public async Task NG0006_with_Activations_changes_its_last_entry_not_Output(string title, string expected)
    {
        string text = await FixAsync(
            "using NetGen;\n[Network(4, 5, 3, Activations = new[] { Activation.ReLU, Activation.Identity }, Loss = LossFunction.CrossEntropy)]\npublic partial class Net { }\n",
            "NG0006",
            title,
            offered: 3);
        Assert.Equal("using NetGen;\n[Network(4, 5, 3, " + expected + ")]\npublic partial class Net { }\n", text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task NG0014_on_two_parts_removes_the_attribute_of_the_part_it_is_on(int part)
    {
        string[] sources =
        {
            "using NetGen;\n[Network(2, 3, 1)]\npublic partial class Twice { }\n",
            "using NetGen;\n[Network(2, 4, 1)] public partial class Twice { }\n",
        };
        Project project = CodeFixHarness.CreateProject(LanguageVersion.Latest, sources);
        (_, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Location.GetLineSpan().Path == GeneratorHarness.SourcePath(part));
        CodeAction action = Assert.Single(await CodeFixHarness.ActionsAsync(project, diagnostic));
        Assert.Equal(part == 0 ? "Remove [Network(2, 3, 1)]" : "Remove [Network(2, 4, 1)]", action.Title);

        project = await CodeFixHarness.ApplyAsync(project, action);
        (Compilation output, ImmutableArray<Diagnostic> after) = await CodeFixHarness.BuildAsync(project);
        Assert.Empty(after);
        Assert.Empty(CodeFixHarness.CompilerErrors(output));
        Assert.Equal("using NetGen;\npublic partial class Twice { }\n", await CodeFixHarness.TextAsync(project, part));
        Assert.Equal(sources[1 - part], await CodeFixHarness.TextAsync(project, 1 - part));
    }

    [Fact]
    public async Task NG0013_gets_no_fix_at_all()
    {
        // Renaming needs a name only the user can choose, and removing the member loses their code: no fix is safe.
        DiagnosticCase[] cases = DiagnosticCases.All.Where(c => c.Sources.Any(s => s.Contains("{|NG0013:", StringComparison.Ordinal))).ToArray();
        Assert.True(cases.Length >= 4);
        foreach (DiagnosticCase testCase in cases)
        {
            Project project = CodeFixHarness.CreateProject(testCase.LanguageVersion, testCase.Sources.Select((s, i) => Markup.Parse(s, GeneratorHarness.SourcePath(i)).Source).ToArray());
            (_, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
            Diagnostic collision = Assert.Single(diagnostics, d => d.Id == "NG0013");
            Assert.Empty(await CodeFixHarness.ActionsAsync(project, collision));
        }
    }

    private static async Task<string> FixSingleAsync(string source, string id)
    {
        Project project = CodeFixHarness.CreateProject(LanguageVersion.Latest, source);
        (_, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        CodeAction action = Assert.Single(await CodeFixHarness.ActionsAsync(project, diagnostic));
        return await ApplyAndCheckAsync(project, action);
    }

    private static async Task<string> FixAsync(string source, string id, string title, int offered)
    {
        Project project = CodeFixHarness.CreateProject(LanguageVersion.Latest, source);
        (_, ImmutableArray<Diagnostic> diagnostics) = await CodeFixHarness.BuildAsync(project);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        ImmutableArray<CodeAction> actions = await CodeFixHarness.ActionsAsync(project, diagnostic);
        Assert.Equal(offered, actions.Length);
        return await ApplyAndCheckAsync(project, Assert.Single(actions, a => a.Title == title));
    }

    /// <summary>Applies the fix and asserts the result builds with no NG diagnostic and no compiler error; returns the fixed text.</summary>
    private static async Task<string> ApplyAndCheckAsync(Project project, CodeAction action)
    {
        Project fixedProject = await CodeFixHarness.ApplyAsync(project, action);
        string text = await CodeFixHarness.TextAsync(fixedProject);
        (Compilation output, ImmutableArray<Diagnostic> after) = await CodeFixHarness.BuildAsync(fixedProject);
        Assert.True(after.IsEmpty, "NetGen still reports, after '" + action.Title + "':\n" + text + "\n" + GeneratorRun.Format(after));
        Assert.True(!CodeFixHarness.CompilerErrors(output).Any(), "Compiler errors after '" + action.Title + "':\n" + text + "\n" + GeneratorRun.Format(CodeFixHarness.CompilerErrors(output)));
        return text;
    }
}
