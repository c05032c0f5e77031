// Networks declared with one activation per layer (NetworkAttribute.Activations), in every code shape: unrolled,
// kernels with unit-row and example-row batches (double), Vector256 with a narrow and a wide output layer (float).
// NetworkCatalog.cs lists them with the others, so every catalog test (gradient checks, reference agreement, batch
// agreement) covers them.
using NetGen;

#pragma warning disable CA1812 // instantiated through generic factories in NetworkCatalog

namespace NetGen.Tests.Networks;

/// <summary>Unrolled: a different activation in every layer.</summary>
[Network(3, 5, 4, 2, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Identity }, Precision = Precision.Double)]
internal partial class PL_ReLU_Tanh_Identity { }

/// <summary>Unrolled, softmax cross-entropy after two different hidden activations.</summary>
[Network(4, 6, 5, 3, Activations = new[] { Activation.Tanh, Activation.Sigmoid, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class PL_CE_Tanh_Sigmoid_Softmax { }

/// <summary>Kernels (592 parameters), batch with the examples along the lanes.</summary>
[Network(20, 16, 12, 4, Activations = new[] { Activation.Identity, Activation.ReLU, Activation.Sigmoid }, Precision = Precision.Double)]
internal partial class PL_Loop_Identity_ReLU_Sigmoid { }

/// <summary>Kernels, batch with one row per example (a 70-unit input).</summary>
[Network(70, 8, 5, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class PL_Wide_ReLU_Tanh_Softmax { }

/// <summary>Vector256 code, an output narrower than a vector (unrolled output layer).</summary>
[Network(16, 16, 8, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Sigmoid }, Loss = LossFunction.CrossEntropy)]
internal partial class F_PL_Vec_ReLU_Tanh_Sigmoid { }

/// <summary>Vector256 code, a 10-unit softmax output (output loops), three hidden activations.</summary>
[Network(12, 16, 9, 8, 10, Activations = new[] { Activation.Tanh, Activation.Identity, Activation.ReLU, Activation.Softmax }, Loss = LossFunction.CrossEntropy)]
internal partial class F_PL_Vec_Tanh_Identity_ReLU_Softmax { }
