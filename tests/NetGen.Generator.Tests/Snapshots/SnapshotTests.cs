using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Snapshots;

/// <summary>
/// The generated source of each kind of declaration, compared with the reviewed <c>SnapshotTests.{Test}.verified.cs</c>
/// next to this file (see <see cref="Snapshot"/>; NETGEN_ACCEPT_SNAPSHOTS=1 accepts changes). Every test also
/// compiles the output and requires zero errors and zero warnings. Records, structs and nested types are not
/// snapshotted: <see cref="DeclarationShellTests"/> checks their shell and that their body is the plain class's.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Xor_2_3_1() => Verify(
        "QuickStart.Xor.g.cs",
        """
        using NetGen;

        namespace QuickStart
        {
            /// <summary>XOR.</summary>
            [Network(2, 3, 1)]
            public partial class Xor
            {
            }
        }
        """);

    [Fact]
    public void Encoder_3_4_3() => Verify(
        "QuickStart.Encoder.g.cs",
        """
        using NetGen;

        namespace QuickStart
        {
            /// <summary>The 3-4-3 encoder.</summary>
            [Network(3, 4, 3)]
            public partial class Encoder
            {
            }
        }
        """);

    [Fact]
    public void NoBias_3_2_1() => Verify(
        "Nets.NoBias.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(3, 2, 1, Bias = false)]
            internal partial class NoBias
            {
            }
        }
        """);

    [Fact]
    public void TanhSoftmaxCrossEntropy_4_5_3() => Verify(
        "Nets.Classifier.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
            internal partial class Classifier
            {
            }
        }
        """);

    [Fact]
    public void NewActivations_Huber_2_3_3_3_3_3_2() => Verify(
        "Nets.Smooth.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 3, 3, 3, 3, 3, 2, Activations = new[] { Activation.LeakyReLU, Activation.ELU, Activation.GELU, Activation.SiLU, Activation.Softplus, Activation.Identity }, Loss = LossFunction.Huber, Precision = Precision.Double)]
            internal partial class Smooth
            {
            }
        }
        """);

    [Fact]
    public void LoopShape_GELU_ELU_AbsoluteError_3_4_2() => Verify(
        "Nets.Robust.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(3, 4, 2, Activations = new[] { Activation.GELU, Activation.ELU }, Loss = LossFunction.AbsoluteError, Unroll = Unroll.Never)]
            internal partial class Robust
            {
            }
        }
        """);

    [Fact]
    public void SoftmaxSquaredError_3_3_3() => Verify(
        "Nets.SoftmaxSquared.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(3, 3, 3, Output = Activation.Softmax)]
            internal partial class SoftmaxSquared
            {
            }
        }
        """);

    [Fact]
    public void SigmoidCrossEntropy_3_3_2() => Verify(
        "Nets.MultiLabel.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(3, 3, 2, Loss = LossFunction.CrossEntropy)]
            internal partial class MultiLabel
            {
            }
        }
        """);

    [Fact]
    public void ReLUHiddenIdentityOutput_2_4_1() => Verify(
        "Nets.Regressor.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 4, 1, Hidden = Activation.ReLU, Output = Activation.Identity)]
            internal partial class Regressor
            {
            }
        }
        """);

    [Fact]
    public void DoublePrecision_2_3_2() => Verify(
        "Nets.Precise.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 3, 2, Hidden = Activation.Tanh, Output = Activation.Tanh, Precision = Precision.Double)]
            internal partial class Precise
            {
            }
        }
        """);

    [Fact]
    public void Deep_2_3_3_2_1() => Verify(
        "Nets.Deep.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(2, 3, 3, 2, 1, Hidden = Activation.Tanh)]
            internal partial class Deep
            {
            }
        }
        """);

    [Fact]
    public void GlobalNamespace() => Verify(
        "Global.g.cs",
        """
        using NetGen;

        [Network(2, 2)]
        internal partial class Global
        {
        }
        """);

    /// <summary>One activation per layer (Activations): each layer's equation, derivative and code name its own f.</summary>
    [Fact]
    public void PerLayerActivations_4_6_5_3() => Verify(
        "Policies.PerLayer.g.cs",
        """
        using NetGen;

        namespace Policies
        {
            [Network(4, 6, 5, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = LossFunction.CrossEntropy)]
            public partial class PerLayer
            {
            }
        }
        """);

    /// <summary>
    /// The Digits sample's network in float: Vector256 code (layer inputs 64 and 32, whole vectors), an output layer of
    /// one vector plus 2 units, softmax written once after both branches; the kernels in the non-AVX2 branch.
    /// </summary>
    [Fact]
    public void LoopShape_Vector256_Digits_64_32_10() => Verify(
        "Nets.Digits.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
            public partial class Digits
            {
            }
        }
        """);

    /// <summary>218 parameters, under the unroll limit, but float with a 24 x 8 layer: the loop shape (ShapePolicy.VectorBlock), as Vector256 code with a 2-unit output layer written unrolled.</summary>
    [Fact]
    public void LoopShape_VectorBlock_24_8_2() => Verify(
        "Nets.Small.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(24, 8, 2, Hidden = Activation.Tanh)]
            internal partial class Small
            {
            }
        }
        """);

    /// <summary>Deterministic = true on a float shape that would otherwise be Vector256 code: the deterministic kernels.</summary>
    [Fact]
    public void Deterministic_Kernels_24_8_2() => Verify(
        "Nets.Lockstep.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(24, 8, 2, Hidden = Activation.Tanh, Deterministic = true)]
            internal partial class Lockstep
            {
            }
        }
        """);

    /// <summary>Deterministic = true, unrolled: NetGen's own exp and tanh in the straight-line code.</summary>
    [Fact]
    public void Deterministic_Unrolled_4_5_3() => Verify(
        "Nets.Replay.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Deterministic = true)]
            internal partial class Replay
            {
            }
        }
        """);

    [Fact]
    public void LoopShape_Digits_64_32_10() => Verify(
        "Nets.Digits.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax,
                     Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
            internal partial class Digits
            {
            }
        }
        """);

    [Fact]
    public void LoopShape_NoBiasSigmoid_40_30_2() => Verify(
        "Nets.WideNoBias.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(40, 30, 2, Bias = false)]
            internal partial class WideNoBias
            {
            }
        }
        """);

    [Fact]
    public void LoopShape_DeepReLU_30_20_20_5() => Verify(
        "Nets.DeepRelu.g.cs",
        """
        using NetGen;

        namespace Nets
        {
            [Network(30, 20, 20, 5, Hidden = Activation.ReLU, Output = Activation.Identity)]
            internal partial class DeepRelu
            {
            }
        }
        """);

    /// <summary>Generates <paramref name="source"/>, requires a clean build and one file, and compares it with the snapshot.</summary>
    private static void Verify(string hintName, string source, LanguageVersion languageVersion = LanguageVersion.Latest, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, source);
        run.AssertCleanBuild();
        Snapshot.Verify(run.SingleSource(hintName), name: test);
    }
}
