// Float kernel-shape networks whose TrainSequence fuses the first layer's step with the next example's product
// (Kernels.StepThenMultiply: AVX2 + FMA, an input a whole number of 8-float vectors): 12 hidden units are one fused
// block of 8 and 4 rows the product takes one at a time; with and without biases. GELU keeps them off the Vector256
// code. NetworkCatalog.cs lists them, so every catalog theory covers them too.
using NetGen;

#pragma warning disable CA1812 // instantiated through generic factories in NetworkCatalog

namespace NetGen.Tests.Networks;

/// <summary>24-12-3, GELU hidden, identity output, squared error: a fused block of 8 rows and 4 rows after it.</summary>
[Network(24, 12, 3, Hidden = Activation.GELU, Output = Activation.Identity)]
internal partial class F_Seq_GELU_24_12_3 { }

/// <summary>32-16-4, GELU hidden, softmax and cross-entropy, no biases: two fused blocks.</summary>
[Network(32, 16, 4, Activations = new[] { Activation.GELU, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Bias = false)]
internal partial class F_Seq_GELU_NoBias_32_16_4 { }
