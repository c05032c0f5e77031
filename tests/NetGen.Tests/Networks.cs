// Every network the runtime tests exercise. Each [Network] declaration below gets its members from the generator
// at build time; NetworkCatalog.cs lists them (with the spec read back from the attribute) for the [Theory] tests.
//
// Naming: <Loss>_<Hidden>_<Output>[_NoBias]; SE = SquaredError, CE = CrossEntropy. Sizes differ layer to layer
// (3-5-2, 4-5-3) so that a transposed [out, in] index cannot go unnoticed.
using NetGen;

#pragma warning disable CA1812 // instantiated through generic factories in NetworkCatalog

namespace NetGen.Tests.Networks;

// SquaredError grid, 3-5-2, Double: every Hidden x Output, with and without biases (40 networks).
[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Sigmoid { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Sigmoid_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Tanh { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Tanh_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Sigmoid_ReLU { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Sigmoid_ReLU_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Identity, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Identity { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Identity, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Identity_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Softmax { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Sigmoid_Softmax_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Tanh_Sigmoid { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Tanh_Sigmoid_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Tanh_Tanh { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Tanh_Tanh_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Tanh_ReLU { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Tanh_ReLU_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Tanh_Identity { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Tanh_Identity_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Tanh_Softmax { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Tanh_Softmax_NoBias { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_ReLU_Sigmoid { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_ReLU_Sigmoid_NoBias { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_ReLU_Tanh { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_ReLU_Tanh_NoBias { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_ReLU_ReLU { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_ReLU_ReLU_NoBias { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Identity, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_ReLU_Identity { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Identity, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_ReLU_Identity_NoBias { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_ReLU_Softmax { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_ReLU_Softmax_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Identity_Sigmoid { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Identity_Sigmoid_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Identity_Tanh { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Tanh, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Identity_Tanh_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Identity_ReLU { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.ReLU, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Identity_ReLU_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Identity, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Identity_Identity { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Identity, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Identity_Identity_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class SE_Identity_Softmax { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Bias = false, Precision = Precision.Double)]
internal partial class SE_Identity_Softmax_NoBias { }

// CrossEntropy grid, 4-5-3, Double: every Hidden x {Sigmoid, Softmax}, with and without biases (16 networks).
[Network(4, 5, 3, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Sigmoid_Sigmoid { }

[Network(4, 5, 3, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Sigmoid_Sigmoid_NoBias { }

[Network(4, 5, 3, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Sigmoid_Softmax { }

[Network(4, 5, 3, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Sigmoid_Softmax_NoBias { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Tanh_Sigmoid { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Tanh_Sigmoid_NoBias { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Tanh_Softmax { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Tanh_Softmax_NoBias { }

[Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_ReLU_Sigmoid { }

[Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_ReLU_Sigmoid_NoBias { }

[Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_ReLU_Softmax { }

[Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_ReLU_Softmax_NoBias { }

[Network(4, 5, 3, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Identity_Sigmoid { }

[Network(4, 5, 3, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Identity_Sigmoid_NoBias { }

[Network(4, 5, 3, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Identity_Softmax { }

[Network(4, 5, 3, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class CE_Identity_Softmax_NoBias { }

// Single precision: every Output x Loss pair (7), hidden activations varied, some without biases.
[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid)]
internal partial class F_SE_Sigmoid_Sigmoid { }

[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Tanh, Bias = false)]
internal partial class F_SE_Tanh_Tanh_NoBias { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Output = Activation.ReLU)]
internal partial class F_SE_Sigmoid_ReLU { }

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Identity)]
internal partial class F_SE_ReLU_Identity { }

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Single)]
internal partial class F_SE_Identity_Softmax { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy)]
internal partial class F_CE_Tanh_Sigmoid { }

[Network(4, 5, 3, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false)]
internal partial class F_CE_Sigmoid_Softmax_NoBias { }

// Single precision, loop shape (more than 512 parameters): 40-30-5 has 1385, 64-32-10 has 2410.
[Network(40, 30, 5)]
internal partial class F_Loop_SE_40_30_5 { }

/// <summary>The contract's first example, single precision by default.</summary>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
internal partial class F_Loop_Digits { }

// The 3-4-3 encoder and XOR, exactly as the README and the QuickStart declare them (single precision).
[Network(3, 4, 3)]
public partial class Encoder { }

[Network(2, 3, 1)]
public partial class Xor { }

// Double precision, deeper and shallower shapes.
[Network(4, 5, 4, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Deep_CE_Tanh_Softmax_4_5_4_3 { }

[Network(4, 5, 4, 3, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Precision = Precision.Double)]
internal partial class Deep_SE_Sigmoid_Sigmoid_4_5_4_3 { }

[Network(2, 3, 3, 3, 2, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Bias = false, Precision = Precision.Double)]
internal partial class Deep_CE_ReLU_Sigmoid_2_3_3_3_2_NoBias { }

[Network(2, 3, 3, 3, 2, Hidden = Activation.Identity, Output = Activation.Tanh, Precision = Precision.Double)]
internal partial class Deep_SE_Identity_Tanh_2_3_3_3_2 { }

[Network(2, 6, 5, 4, 3, 2, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.SquaredError, Precision = Precision.Double)]
internal partial class Deep_SE_ReLU_Softmax_2_6_5_4_3_2 { }

/// <summary>No hidden layer: linear regression.</summary>
[Network(3, 2, Output = Activation.Identity, Precision = Precision.Double)]
internal partial class Shallow_SE_Identity_3_2 { }

/// <summary>No hidden layer: multinomial logistic regression.</summary>
[Network(4, 3, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Shallow_CE_Softmax_4_3 { }

/// <summary>The smallest network: one input, one sigmoid output.</summary>
[Network(1, 1, Precision = Precision.Double)]
internal partial class Tiny_1_1 { }

/// <summary>XOR in double precision: 2-3-1, sigmoid everywhere, squared error.</summary>
[Network(2, 3, 1, Precision = Precision.Double)]
internal partial class XorDouble { }

/// <summary>One sigmoid output with cross-entropy (logistic output unit).</summary>
[Network(2, 3, 1, Hidden = Activation.Tanh, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class CE_Tanh_Sigmoid_2_3_1 { }

// Double precision, loop shape (more than 512 parameters).
[Network(40, 30, 5, Precision = Precision.Double)]
internal partial class Loop_SE_Sigmoid_Sigmoid_40_30_5 { }

[Network(40, 30, 5, Hidden = Activation.ReLU, Output = Activation.Identity, Bias = false, Precision = Precision.Double)]
internal partial class Loop_SE_ReLU_Identity_40_30_5_NoBias { }

[Network(20, 20, 20, 20, 3, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Loop_CE_Sigmoid_Sigmoid_20_20_20_20_3 { }

[Network(30, 34, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Precision = Precision.Double)]
internal partial class Loop_SE_Tanh_Softmax_30_34_3 { }

/// <summary>The contract's second example, verbatim (loop shape: 2410 parameters).</summary>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Digits { }

// Batch layout: no layer but the output wider than 64 runs the batch with the examples along the SIMD lanes; these
// have a 70- and a 72-unit input layer, so their batch members hold one row per example (ShapePolicy.TransposedBatchWidth).
[Network(70, 12, 4, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Wide_CE_Tanh_Softmax_70_12_4 { }

[Network(72, 16, 3)]
internal partial class F_Wide_SE_72_16_3 { }

// Single precision, Vector256 code (the input and hidden layers 8 or more wide; ShapePolicy.HasVectorLayers): each
// hidden activation and each output x loss pair, with and without biases, output layers narrower than a vector (written
// unrolled), exactly one or two vectors wide, and a whole vector plus a few units left over; inputs that end in a
// partial vector (the breast-cancer and wine data's 30 and 13 features).
[Network(16, 8, 3)]
internal partial class F_Vec_SE_Sigmoid_Sigmoid { }

[Network(8, 16, 2, Hidden = Activation.Tanh, Output = Activation.Tanh, Bias = false)]
internal partial class F_Vec_SE_Tanh_Tanh_NoBias { }

[Network(16, 16, 8, 4, Hidden = Activation.ReLU, Output = Activation.Identity)]
internal partial class F_Vec_SE_ReLU_Identity_Deep { }

[Network(8, 8, 3, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = LossFunction.SquaredError)]
internal partial class F_Vec_SE_Identity_Softmax { }

[Network(8, 16, 12, Hidden = Activation.Sigmoid, Output = Activation.ReLU)]
internal partial class F_Vec_SE_Sigmoid_ReLU_12 { }

[Network(24, 8, 9, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy)]
internal partial class F_Vec_CE_Tanh_Sigmoid_9 { }

[Network(16, 8, 10, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Bias = false)]
internal partial class F_Vec_CE_Sigmoid_Softmax_NoBias_10 { }

[Network(8, 8, 8, Hidden = Activation.ReLU, Output = Activation.Sigmoid)]
internal partial class F_Vec_SE_ReLU_Sigmoid_8 { }

[Network(16, 8, 16, Hidden = Activation.Tanh, Output = Activation.Identity, Bias = false)]
internal partial class F_Vec_SE_Tanh_Identity_NoBias_16 { }

[Network(30, 16, 2, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
internal partial class F_Vec_CE_30_16_2 { }

[Network(13, 8, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Bias = false)]
internal partial class F_Vec_SE_NoBias_13_8_3 { }

[Network(9, 8, 8, 12, Hidden = Activation.ReLU, Output = Activation.Identity)]
internal partial class F_Vec_SE_9_8_8_12 { }

// Hidden layers that are not multiples of 8 (whole blocks of 8 rows, the rest one by one; BP2's last column block
// overlapping the one before).
[Network(12, 20, 10, 3, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
internal partial class F_Vec_CE_12_20_10_3 { }

[Network(9, 13, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Bias = false)]
internal partial class F_Vec_SE_NoBias_9_13_2 { }

[Network(10, 9, 11, Hidden = Activation.ReLU, Output = Activation.Sigmoid)]
internal partial class F_Vec_SE_10_9_11 { }

/// <summary>The benchmarks' 24-8-2 (SimpleChains.jl's case).</summary>
[Network(24, 8, 2, Hidden = Activation.Tanh)]
internal partial class F_Vec_SE_24_8_2 { }

// The unroll limit (512 parameters): 511 weights + 1 bias is the largest unrolled network, one more is a loop.
[Network(511, 1, Output = Activation.Identity, Precision = Precision.Double)]
internal partial class Edge_Unrolled_511_1 { }

[Network(512, 1, Output = Activation.Identity, Precision = Precision.Double)]
internal partial class Edge_Loop_512_1 { }

// Placement: a struct, a nested class, a public class (the generator rebuilds the containing types).
[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Precision = Precision.Double)]
public partial struct StructNetwork { }

internal partial class Container
{
    [Network(3, 4, 2, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
    private protected partial class NestedNetwork { }

    /// <summary>The nested network's type, for reading its attribute.</summary>
    public static System.Type NestedType => typeof(NestedNetwork);

    /// <summary>A new nested network (its type is not visible outside <see cref="Container"/>).</summary>
    public static NetGen.INetwork<double> CreateNested() => new NestedNetwork();
}
