using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;
using NetGen.Generator.Planning;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Shape;

/// <summary>
/// Properties of the generated code that hold for every declaration of a kind, checked on its syntax tree rather
/// than on a snapshot: the unrolled shape really is straight-line code with constant indices, every parameter is
/// touched exactly once by the gradient and the step, the shape switches at <see cref="ShapePolicy.UnrollLimit"/>,
/// the hot paths allocate nothing, and the output is deterministic.
/// </summary>
public sealed class ShapeTests
{
    private static readonly string[] Bodies = { "Forward", "Loss", "Backward", "TrainStep", "BackwardFromOutputGradient" };

    /// <summary>Unrolled declarations covering each activation, loss, bias and precision path.</summary>
    public static TheoryData<string> UnrolledDeclarations => new()
    {
        "[Network(2, 3, 1)]",
        "[Network(3, 4, 3)]",
        "[Network(3, 2, 1, Bias = false)]",
        "[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]",
        "[Network(3, 3, 3, Output = Activation.Softmax)]",
        "[Network(3, 3, 2, Loss = LossFunction.CrossEntropy)]",
        "[Network(2, 4, 1, Hidden = Activation.ReLU, Output = Activation.Identity, Precision = Precision.Double)]",
        "[Network(2, 3, 3, 2, 1, Hidden = Activation.Tanh)]",
        "[Network(5, 4)]",
    };

    [Theory]
    [MemberData(nameof(UnrolledDeclarations))]
    public void Unrolled_bodies_have_no_loops_and_only_constant_parameter_indices(string attribute)
    {
        CompilationUnitSyntax root = Generate(attribute);
        foreach (string name in Bodies)
        {
            BlockSyntax body = Body(root, name);
            Assert.DoesNotContain(body.DescendantNodes(), n => n is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
            Assert.DoesNotContain("for (", body.ToString(), StringComparison.Ordinal);

            ElementAccessExpressionSyntax[] accesses = ParameterAccesses(body).ToArray();
            Assert.NotEmpty(accesses);
            Assert.All(accesses, access =>
            {
                ArgumentSyntax argument = Assert.Single(access.ArgumentList.Arguments);
                Assert.True(
                    argument.Expression.IsKind(SyntaxKind.NumericLiteralExpression),
                    name + ": index of " + access + " is not an integer literal");
                Assert.IsType<int>(((LiteralExpressionSyntax)argument.Expression).Token.Value);
            });
        }
    }

    [Theory]
    [MemberData(nameof(UnrolledDeclarations))]
    public void Unrolled_backward_adds_into_every_gradient_once_and_train_step_updates_every_parameter_once(string attribute)
    {
        CompilationUnitSyntax root = Generate(attribute, compile: false); // compiled by the test above
        int parameterCount = ParameterCount(root);
        int[] all = Enumerable.Range(0, parameterCount).ToArray();

        Assert.Equal(all, CompoundTargets(Body(root, "Backward"), "g", SyntaxKind.AddAssignmentExpression).Order());
        Assert.Equal(all, CompoundTargets(Body(root, "TrainStep"), "p", SyntaxKind.SubtractAssignmentExpression).Order());
        Assert.Empty(CompoundTargets(Body(root, "Forward"), "p", SyntaxKind.SubtractAssignmentExpression));
        Assert.Empty(CompoundTargets(Body(root, "TrainStep"), "g", SyntaxKind.AddAssignmentExpression));
    }

    [Fact]
    public void Parameter_count_and_dimensions_match_the_declaration()
    {
        CompilationUnitSyntax root = Generate("[Network(7, 5, 4, 3)]");
        Assert.Equal((7 * 5) + 5 + (5 * 4) + 4 + (4 * 3) + 3, ParameterCount(root));
        Assert.Equal("7", Constant(root, "InputCount"));
        Assert.Equal("3", Constant(root, "OutputCount"));

        CompilationUnitSyntax noBias = Generate("[Network(7, 5, 4, 3, Bias = false)]");
        Assert.Equal((7 * 5) + (5 * 4) + (4 * 3), ParameterCount(noBias));
    }

    [Fact]
    public void Backward_names_the_four_equations_in_order()
    {
        BlockSyntax backward = Body(Generate("[Network(3, 4, 3)]"), "Backward");
        string text = backward.ToFullString();
        int[] positions = new[] { "// BP1", "// BP2", "// BP3", "// BP4" }
            .Select(marker => text.IndexOf(marker, StringComparison.Ordinal))
            .ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, "Backward lacks one of BP1..BP4:\n" + text));
        Assert.Equal(positions.Order(), positions);

        BlockSyntax trainStep = Body(Generate("[Network(3, 4, 3)]"), "TrainStep");
        foreach (string marker in new[] { "BP1", "BP2", "BP3", "BP4" })
        {
            Assert.Contains(marker, trainStep.ToFullString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("[Network(31, 16, Precision = Precision.Double)]", 512, true, false)] // 31*16 + 16 = UnrollLimit: still unrolled
    [InlineData("[Network(512, 1)]", 513, false, false)] // one more: loops
    [InlineData("[Network(31, 16)]", 512, false, false)] // float with a 31 x 16 layer (ShapePolicy.VectorBlock): kernels
    [InlineData("[Network(24, 8, 2, Hidden = Activation.Tanh)]", 218, false, false)] // float, a 24 x 8 layer: kernels
    [InlineData("[Network(24, 8, 2, Hidden = Activation.Tanh, Precision = Precision.Double)]", 218, true, false)] // double: unrolled
    [InlineData("[Network(4, 16, 4)]", 148, true, false)] // float, no layer 8 wide on both sides: unrolled
    [InlineData("[Network(7, 7, 7, 7)]", 168, true, false)] // float, 7 wide: unrolled
    [InlineData("[Network(8, 8, 1)]", 81, false, false)] // float, one 8 x 8 layer: kernels
    [InlineData("[Network(512, 1, Bias = false)]", 512, true, true)] // the longest unrolled sum (512 terms) must still compile
    [InlineData("[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]", 2410, false, false)]
    public void Shape_switches_to_loops_above_the_unroll_limit(string attribute, int parameterCount, bool unrolled, bool compile)
    {
        Assert.Equal(512, ShapePolicy.UnrollLimit);

        // The decision is model data: the planner's CodeShape, before any code is written.
        CodeShape shape = Planned(attribute);
        Assert.Equal(unrolled, shape.Body == BodyShape.Unrolled);

        // ...and the emitter follows it.
        CompilationUnitSyntax root = Generate(attribute, compile);
        Assert.Equal(parameterCount, ParameterCount(root));
        foreach (string name in Bodies)
        {
            Assert.True(
                IsStraightLine(Body(root, name)) == unrolled,
                name + (unrolled ? " is not straight-line code but should be unrolled" : " is straight-line code but should use the loop shape"));
        }
    }

    [Theory]
    [InlineData("[Network(3, 4, 3)]", "Unrolled", "FewParameters", "UnitRows")]
    [InlineData("[Network(3, 4, 3, Unroll = Unroll.Never)]", "Kernels", "Requested", "UnitRows")]
    [InlineData("[Network(24, 8, 2, Unroll = Unroll.Always)]", "Unrolled", "Requested", "UnitRows")]
    [InlineData("[Network(24, 8, 2)]", "Vector256", "VectorBlock", "UnitRows")]
    [InlineData("[Network(64, 32, 10, Precision = Precision.Double)]", "Kernels", "TooManyParameters", "UnitRows")]
    [InlineData("[Network(65, 8, 2)]", "Vector256", "TooManyParameters", "ExampleRows")] // a 65-wide input: example rows
    [InlineData("[Network(784, 128, 10)]", "Kernels", "TooManyParameters", "ExampleRows")] // beyond the Vector256 code's largest matrix
    [InlineData("[Network(8, 8, 1)]", "Vector256", "VectorBlock", "UnitRows")]
    [InlineData("[Network(10, 70, 1)]", "Vector256", "TooManyParameters", "ExampleRows")] // a 70-unit hidden layer
    [InlineData("[Network(10, 70, 1, Precision = Precision.Double)]", "Kernels", "TooManyParameters", "ExampleRows")]
    [InlineData("[Network(24, 8, 2, Hidden = Activation.GELU)]", "Kernels", "VectorBlock", "UnitRows")] // no Vector256 form of GELU: the kernels
    [InlineData("[Network(65, 8, 2, Output = Activation.Softplus)]", "Kernels", "TooManyParameters", "ExampleRows")]
    public void The_planner_decides_body_batch_layout_and_reason(string attribute, string body, string reason, string batch)
    {
        CodeShape shape = Planned(attribute);
        Assert.Equal((body, reason, batch), (shape.Body.ToString(), shape.Reason.ToString(), shape.Batch.ToString()));
    }

    [Theory]
    [InlineData("[Network(24, 8, 2)]", true)] // 192 weights in the largest matrix: measured faster than the kernels at 128 bits
    [InlineData("[Network(30, 16, 2)]", true)] // 480
    [InlineData("[Network(64, 32, 10)]", true)] // 2,048
    [InlineData("[Network(128, 128, 10)]", true)] // 16,384, the vector shape's largest matrix
    [InlineData("[Network(129, 128, 10)]", false)] // beyond it: the kernels at every width
    [InlineData("[Network(24, 8, 2, Precision = Precision.Double)]", false)] // not the vector shape at all
    public void Vector128_loops_are_written_where_they_measured_faster_than_the_kernels(string attribute, bool vector128)
    {
        CodeShape shape = Planned(attribute);
        Assert.Equal(vector128, shape.Vector128);
        string text = GeneratorHarness.Run(Declaration(attribute)).SingleSource("Shapes.Net.g.cs");
        Assert.Equal(vector128, text.Contains("else if (" + RuntimeNames.Simd128 + "IsSupported)", StringComparison.Ordinal));
        Assert.Equal(vector128, text.Contains("private void ForwardVector128(", StringComparison.Ordinal));
        Assert.Equal(vector128, text.Contains("private void StepVector128(", StringComparison.Ordinal));
        Assert.Equal(vector128, text.Contains("private void BackwardVector128(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Network(24, 8, 2, Hidden = Activation.Tanh)]", true)]
    [InlineData("[Network(64, 32, 10)]", true)] // the output layer may have any size
    [InlineData("[Network(8, 8, 1)]", true)]
    [InlineData("[Network(512, 1)]", true)]
    [InlineData("[Network(16, 16, 16, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]", true)]
    [InlineData("[Network(40, 30, 2, Bias = false)]", true)] // a hidden layer of 30: 3 blocks of 8 rows and 6 rows one by one
    [InlineData("[Network(30, 20, 20, 5, Hidden = Activation.ReLU)]", true)]
    [InlineData("[Network(16, 4, 8, 2, Unroll = Unroll.Never)]", false)] // a hidden layer narrower than one vector
    [InlineData("[Network(30, 16, 2)]", true)] // an input of 30: 3 vectors and an overlapping last one
    [InlineData("[Network(13, 8, 3)]", true)]
    [InlineData("[Network(7, 8, 8, 2)]", false)] // an input narrower than one vector
    [InlineData("[Network(64, 32, 10, Precision = Precision.Double)]", false)] // double keeps the kernels
    [InlineData("[Network(24, 8, 2, Unroll = Unroll.Always)]", false)] // unrolled as asked
    [InlineData("[Network(128, 128, 10)]", true)] // 16,384 weights: the largest matrix the Vector256 code takes
    [InlineData("[Network(784, 128, 10)]", false)] // 100,352 weights in one matrix: the kernels
    [InlineData("[Network(24, 8, 2, Hidden = Activation.LeakyReLU)]", false)] // the Vector256 code has the original five activations only
    [InlineData("[Network(24, 8, 2, Hidden = Activation.ELU)]", false)]
    [InlineData("[Network(24, 8, 2, Hidden = Activation.SiLU)]", false)]
    [InlineData("[Network(64, 32, 10, Output = Activation.GELU)]", false)]
    [InlineData("[Network(16, 16, 8, 3, Activations = new[] { Activation.ReLU, Activation.Softplus, Activation.Identity })]", false)]
    [InlineData("[Network(24, 8, 2, Loss = LossFunction.Huber)]", true)] // the new losses run in the Vector256 code (their output layer is shared)
    [InlineData("[Network(64, 32, 10, Output = Activation.Identity, Loss = LossFunction.AbsoluteError)]", true)]
    public void Vector256_code_is_written_for_float_loop_networks_whose_layers_are_at_least_one_vector_wide(string attribute, bool vector)
    {
        Assert.Equal(vector, Planned(attribute).Body == BodyShape.Vector256);
        CompilationUnitSyntax root = Generate(attribute);
        foreach (string name in Bodies)
        {
            string body = Body(root, name).ToFullString();
            Assert.Equal(vector, body.Contains("if (" + RuntimeNames.Simd256 + "IsSupported)", StringComparison.Ordinal));
            if (vector)
            {
                // Every CPU without AVX2 and FMA still runs: the kernel calls stay in the other branch.
                Assert.Contains(RuntimeNames.Kernels + "MultiplyTransposed<float>(", body, StringComparison.Ordinal);
                Assert.Contains("else", body, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("[Network(3, 4, 3)]")]
    [InlineData("[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]")]
    [InlineData("[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]")]
    [InlineData("[Network(40, 30, 2, Bias = false)]")]
    [InlineData("[Network(3, 4, 2, Activations = new[] { Activation.SiLU, Activation.Softplus }, Loss = LossFunction.AbsoluteError)]")]
    [InlineData("[Network(20, 16, 12, 4, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU }, Loss = LossFunction.Huber, Precision = Precision.Double)]")]
    [InlineData("[Network(70, 8, 3, Activations = new[] { Activation.GELU, Activation.LeakyReLU }, Loss = LossFunction.Huber, Precision = Precision.Double)]")]
    [InlineData("[Network(24, 8, 2, Hidden = Activation.SiLU, Output = Activation.GELU, Loss = LossFunction.AbsoluteError)]")]
    public void Hot_paths_allocate_nothing(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration(attribute));
        run.AssertCleanBuild();
        SyntaxTree generated = run.Output.SyntaxTrees.Single(t => !run.Input.SyntaxTrees.Contains(t));
        SemanticModel model = run.Output.GetSemanticModel(generated);
        var root = (CompilationUnitSyntax)generated.GetRoot();
        foreach (string name in Bodies.Append("ZeroGradients").Append("ApplyGradients"))
        {
            // Creating a struct (a Span over the parameter array) is fine; anything on the managed heap is not.
            SyntaxNode[] allocations = Body(root, name).DescendantNodes()
                .Where(n => n switch
                {
                    BaseObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation).Type is not { IsValueType: true },
                    ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or AnonymousFunctionExpressionSyntax
                        or InterpolatedStringExpressionSyntax or CollectionExpressionSyntax => true,
                    _ => false,
                })
                .ToArray();
            Assert.True(allocations.Length == 0, name + " allocates: " + string.Join(", ", allocations.Select(a => a.ToString())));
            Assert.DoesNotContain(Body(root, name).DescendantNodes().OfType<ExpressionSyntax>(), e => model.GetConversion(e).IsBoxing);
        }
    }

    [Theory]
    [InlineData("[Network(3, 4, 3)]", new[] { 3, 4, 3 }, true, false)]
    [InlineData("[Network(3, 4, 3, Bias = false)]", new[] { 3, 4, 3 }, false, false)]
    [InlineData("[Network(24, 8, 2)]", new[] { 24, 8, 2 }, true, false)]
    [InlineData("[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]", new[] { 64, 32, 10 }, true, true)]
    [InlineData("[Network(30, 20, 20, 5, Hidden = Activation.ReLU, Output = Activation.Identity, Bias = false)]", new[] { 30, 20, 20, 5 }, false, false)]
    [InlineData("[Network(20, 16, 12, 4, Activations = new[] { Activation.GELU, Activation.ReLU, Activation.SiLU })]", new[] { 20, 16, 12, 4 }, true, false, new[] { 7, 2, 8 })] // _z1 kept for GELU
    [InlineData("[Network(20, 16, 12, 4, Activations = new[] { Activation.ELU, Activation.SiLU, Activation.Identity }, Precision = Precision.Double)]", new[] { 20, 16, 12, 4 }, true, true, new[] { 6, 8, 3 })] // _z2 kept for SiLU
    public void Every_generated_member_name_is_checked_for_collisions(string attribute, int[] sizes, bool bias, bool isDouble, int[]? activations = null)
    {
        var functions = (activations ?? Enumerable.Repeat(0, sizes.Length - 1)).Select(a => (NetGen.Generator.Models.Activation)a).ToArray();
        // NG0013 can only protect the names the parser knows: every member the emitter declares must be in its list,
        // or a user member of that name turns into a CS0102 error inside the generated file.
        CompilationUnitSyntax root = Generate(attribute, compile: false);
        TypeDeclarationSyntax network = Assert.Single(root.DescendantNodes().OfType<TypeDeclarationSyntax>(), t => t.Identifier.ValueText == "Net");
        string[] declared = network.Members
            .SelectMany(m => m switch
            {
                MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => new[] { method.Identifier.ValueText },
                PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => new[] { property.Identifier.ValueText },
                BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText).ToArray(),
                BaseTypeDeclarationSyntax type => new[] { type.Identifier.ValueText },
                _ => Array.Empty<string>(),
            })
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.Empty(declared.Except(ShapePolicy.GeneratedMemberNames(sizes, functions, bias, isDouble ? NetGen.Generator.Models.Precision.Double : NetGen.Generator.Models.Precision.Single, NetGen.Generator.Models.Unroll.Auto), StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[Network(3, 4, 3)]")]
    [InlineData("[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]")]
    public void Generation_is_deterministic_and_uses_only_LF_line_endings(string attribute)
    {
        string source = Declaration(attribute);
        string first = GeneratorHarness.Run(source).SingleSource("Shapes.Net.g.cs");
        string second = GeneratorHarness.Run(source).SingleSource("Shapes.Net.g.cs");
        string fromCrLf = GeneratorHarness.Run(source.Replace("\n", "\r\n", StringComparison.Ordinal)).SingleSource("Shapes.Net.g.cs");

        Assert.Equal(first, second);
        Assert.Equal(first, fromCrLf);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("}\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        string source = Declaration("[Network(3, 4, 3, Precision = Precision.Double)]");
        string invariant = GeneratorHarness.Run(source).SingleSource("Shapes.Net.g.cs");
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A comma decimal separator and a non-ASCII minus sign: every literal must still be written invariantly.
            var culture = (CultureInfo)CultureInfo.GetCultureInfo("fr-FR").Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = culture;
            Assert.Equal(invariant, GeneratorHarness.Run(source).SingleSource("Shapes.Net.g.cs"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Generated_code_carries_the_generator_version_and_header()
    {
        string text = GeneratorHarness.Run(Declaration("[Network(2, 1)]")).SingleSource("Shapes.Net.g.cs");
        string version = typeof(NetworkGenerator).Assembly.GetName().Version!.ToString();

        Assert.StartsWith("// <auto-generated/>\n// Generated by NetGen " + version + " for Shapes.Net:\n", text, StringComparison.Ordinal);
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"" + version + "\")]", text, StringComparison.Ordinal);
        Assert.Contains("#nullable enable\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Network(3, 4, 3, Deterministic = true)]", "Unrolled")]
    [InlineData("[Network(24, 8, 2, Hidden = Activation.Tanh, Deterministic = true)]", "Kernels")] // Vector256 without Deterministic
    [InlineData("[Network(64, 32, 10, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Deterministic = true)]", "Kernels")]
    [InlineData("[Network(70, 8, 5, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Identity }, Loss = LossFunction.Huber, Precision = Precision.Double, Deterministic = true)]", "Kernels")]
    [InlineData("[Network(3, 4, 4, 2, Activations = new[] { Activation.ELU, Activation.Softplus, Activation.LeakyReLU }, Loss = LossFunction.AbsoluteError, Deterministic = true)]", "Unrolled")]
    [InlineData("[Network(4, 5, 3, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Deterministic = true)]", "Unrolled")]
    public void Deterministic_code_calls_only_the_deterministic_runtime_and_never_vector_or_fused_arithmetic(string attribute, string body)
    {
        CodeShape shape = Planned(attribute);
        Assert.True(shape.Deterministic);
        Assert.False(shape.Vector128);
        Assert.Equal(body, shape.Body.ToString());
        string text = GeneratorHarness.Run(Declaration(attribute)).SingleSource("Shapes.Net.g.cs");
        foreach (string forbidden in new[] { RuntimeNames.Kernels, RuntimeNames.NetMath, RuntimeNames.Simd256, RuntimeNames.Simd128, "FusedMultiplyAdd", "System.Numerics", "System.Runtime.Intrinsics", "System.Math" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }

        Assert.Contains(RuntimeNames.DeterministicMath, text, StringComparison.Ordinal);
        Assert.Contains(RuntimeNames.DeterministicKernels + "Descend<", text, StringComparison.Ordinal); // ApplyGradients, every shape
        Assert.Equal(body == "Kernels", text.Contains(RuntimeNames.DeterministicKernels + "MultiplyTransposed<", StringComparison.Ordinal));
        Assert.Contains("Deterministic: one fixed operation order", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deterministic_false_is_the_default_and_changes_nothing()
    {
        string plain = GeneratorHarness.Run(Declaration("[Network(24, 8, 2)]")).SingleSource("Shapes.Net.g.cs");
        string explicitFalse = GeneratorHarness.Run(Declaration("[Network(24, 8, 2, Deterministic = false)]")).SingleSource("Shapes.Net.g.cs");
        Assert.Equal(plain, explicitFalse);
        Assert.False(Planned("[Network(24, 8, 2)]").Deterministic);
    }

    private static string Declaration(string attribute) =>
        "using NetGen;\nnamespace Shapes\n{\n    " + attribute + "\n    internal partial class Net\n    {\n    }\n}\n";

    /// <summary>The code shape the planner stored in the model (the pipeline's Capabilities step), before Emit.</summary>
    private static CodeShape Planned(string attribute)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Declaration(attribute));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        GeneratorRunResult result = Assert.Single(driver.RunGenerators(compilation).GetRunResult().Results);
        var model = (NetworkModel)Assert.Single(result.TrackedSteps[TrackingNames.Capabilities].SelectMany(step => step.Outputs)).Value;
        return model.Shape ?? throw new InvalidOperationException("the planner left no shape");
    }

    /// <summary>Generates the declaration, requires a clean build (unless told not to compile), and returns the generated file's syntax.</summary>
    private static CompilationUnitSyntax Generate(string attribute, bool compile = true)
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration(attribute));
        Assert.Empty(run.Diagnostics);
        if (compile)
        {
            run.AssertCleanBuild();
        }

        return (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(run.SingleSource("Shapes.Net.g.cs")).GetRoot();
    }

    private static BlockSyntax Body(CompilationUnitSyntax root, string method)
    {
        // Backward and BackwardBatch also have an overload with the input gradient: the two-span one is meant.
        MethodDeclarationSyntax declaration = Assert.Single(
            root.DescendantNodes().OfType<MethodDeclarationSyntax>(),
            m => m.Identifier.ValueText == method && (method is not ("Backward" or "BackwardBatch") || m.ParameterList.Parameters.Count == 2));
        return declaration.Body ?? throw new InvalidOperationException(method + " has no block body.");
    }

    /// <summary>No loops, no kernel calls, and every parameter or gradient index a literal: the unrolled shape.</summary>
    private static bool IsStraightLine(BlockSyntax body) =>
        !body.DescendantNodes().Any(n => n is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
        && !body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => i.Expression.ToString().StartsWith("global::NetGen.__Internals.Kernels.", StringComparison.Ordinal))
        && ParameterAccesses(body).All(a => a.ArgumentList.Arguments.Single().Expression.IsKind(SyntaxKind.NumericLiteralExpression));

    private static IEnumerable<ElementAccessExpressionSyntax> ParameterAccesses(SyntaxNode body) =>
        body.DescendantNodes().OfType<ElementAccessExpressionSyntax>()
            .Where(a => a.Expression is IdentifierNameSyntax { Identifier.ValueText: "p" or "g" });

    /// <summary>The constant indices <c>i</c> of every <c>array[i] op= ...</c> in <paramref name="body"/>.</summary>
    private static IEnumerable<int> CompoundTargets(SyntaxNode body, string array, SyntaxKind kind) =>
        body.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(a => a.IsKind(kind) && a.Left is ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax name } && name.Identifier.ValueText == array)
            .Select(a => (int)((LiteralExpressionSyntax)((ElementAccessExpressionSyntax)a.Left).ArgumentList.Arguments.Single().Expression).Token.Value!);

    private static string Constant(CompilationUnitSyntax root, string name) =>
        Assert.Single(
                root.DescendantNodes().OfType<FieldDeclarationSyntax>()
                    .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
                    .SelectMany(f => f.Declaration.Variables),
                v => v.Identifier.ValueText == name)
            .Initializer!.Value.ToString();

    private static int ParameterCount(CompilationUnitSyntax root) =>
        int.Parse(Constant(root, "ParameterCount"), CultureInfo.InvariantCulture);
}
