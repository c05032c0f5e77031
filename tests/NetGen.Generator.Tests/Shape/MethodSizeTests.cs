using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Generator.Tests.Shape;

/// <summary>
/// RyuJIT compiles a method without optimisation (MinOpts) once it passes 60,000 bytes of IL, 20,000 IL instructions,
/// 2,000 basic blocks, 2,000 locals or 8,000 local references. These tests compile the generated code in Release,
/// load it, and measure every generated method of the largest networks each code shape produces.
/// </summary>
public class MethodSizeTests
{
    private readonly ITestOutputHelper _output;

    public MethodSizeTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Declarations => new()
    {
        // The largest unrolled networks (up to 512 parameters) of several shapes: wide, deep, many outputs, softmax.
        "[Network(511, 1)]",
        "[Network(16, 15, 16, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]",
        "[Network(8, 10, 12, 10, 8, Hidden = Activation.ReLU, Output = Activation.Identity, Precision = Precision.Double)]",
        "[Network(22, 22, 1, Bias = false)]",
        "[Network(24, 16, 8, Output = Activation.Softmax)]",
        // Just over the limit: the loop shape.
        "[Network(512, 1)]",
        // Loop shape, large.
        "[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]",
        // Vector256 code (both branches in one method), deep, the largest matrices it takes, 15 outputs left over.
        "[Network(128, 128, 128, 128, 15, Hidden = Activation.Tanh)]",
        // The deepest networks NetGen generates (NetworkGenerator.MaxLayers weight layers) in every shape: unrolled
        // (auto and forced), kernels, and Vector256 code with partial vectors (9 and 15 units: the most code per layer;
        // at 48 layers the largest method measured 14,828 IL instructions, 35 KB).
        Deep(1, ""),
        Deep(1, ", Unroll = Unroll.Always, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy"),
        Deep(4, ", Unroll = Unroll.Never, Precision = Precision.Double, Hidden = Activation.ReLU, Output = Activation.Softmax"),
        Deep(9, ", Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy"),
        Deep(15, ", Hidden = Activation.Sigmoid"),
        // The deepest vector-shape networks (ShapePolicy.VectorCodeMaxLayers weight layers: Vector256, Vector128 and
        // kernel branches in every method).
        Deep(9, ", Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy", ShapePolicy.VectorCodeMaxLayers),
        Deep(15, ", Hidden = Activation.Sigmoid", ShapePolicy.VectorCodeMaxLayers),
    };

    /// <summary>A network of <see cref="NetworkGenerator.MaxLayers"/> weight layers of <paramref name="units"/> units each.</summary>
    private static string Deep(int units, string options, int layers = NetworkGenerator.MaxLayers) =>
        "[Network(" + string.Join(", ", Enumerable.Repeat(units, layers + 1)) + options + ")]";

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Every_generated_method_stays_under_the_JITs_MinOpts_limits(string attribute)
    {
        string source = "using NetGen;\n" + attribute + "\npublic partial class Net { }\n";
        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertCleanBuild();
        Compilation release = run.Output.WithOptions(run.Output.Options.WithOptimizationLevel(OptimizationLevel.Release));
        using var stream = new MemoryStream();
        EmitResult emitted = release.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext("netgen-method-size", isCollectible: true);
        try
        {
            context.Resolving += (ctx, name) => name.Name == "NetGen" ? ctx.LoadFromAssemblyPath(typeof(NetGen.INetwork<>).Assembly.Location) : null;
            stream.Position = 0;
            Type type = context.LoadFromStream(stream).GetType("Net", throwOnError: true)!;
            foreach (MethodBase method in type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                .Concat(type.GetConstructors()))
            {
                MethodBody body = method.GetMethodBody()!;
                byte[] il = body.GetILAsByteArray()!;
                (int instructions, int branches, int localReferences) = Scan(il);
                _output.WriteLine($"{method.Name,-22} IL {il.Length,6} bytes, {instructions,6} instructions, {branches,4} branches, {body.LocalVariables.Count,4} locals, {localReferences,5} local references");
                Assert.True(il.Length < 60_000, $"{method.Name}: {il.Length} bytes of IL");
                Assert.True(instructions < 20_000, $"{method.Name}: {instructions} IL instructions");
                Assert.True(branches < 2_000, $"{method.Name}: {branches} branches (an upper bound on its extra basic blocks)");
                Assert.True(body.LocalVariables.Count < 2_000, $"{method.Name}: {body.LocalVariables.Count} locals");
                Assert.True(localReferences < 8_000, $"{method.Name}: {localReferences} local references");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Counts IL instructions, branch instructions and local-variable loads/stores/addresses.</summary>
    private static (int Instructions, int Branches, int LocalReferences) Scan(byte[] il)
    {
        int instructions = 0, branches = 0, locals = 0;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            OpCode op = OpCodesByValue[value];
            i += op.Size;
            instructions++;
            if (op.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch)
            {
                branches++;
            }

            string name = op.Name ?? string.Empty;
            if (name.StartsWith("ldloc", StringComparison.Ordinal) || name.StartsWith("stloc", StringComparison.Ordinal))
            {
                locals++;
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }

        return (instructions, branches, locals);
    }
}
