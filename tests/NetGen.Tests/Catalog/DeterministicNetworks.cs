// Networks declared with Deterministic = true, in both of its shapes (unrolled, and the deterministic kernels with
// unit-row and example-row batches), float and double, the original and the newer activations and losses.
// NetworkCatalog.cs lists them with the others, so every catalog test (gradient checks, reference agreement, batch
// agreement) covers them; DeterminismTests.cs checks what is particular to them.
using NetGen;

#pragma warning disable CA1812 // instantiated through generic factories in NetworkCatalog

namespace NetGen.Tests.Networks;

/// <summary>Unrolled, tanh and sigmoid (NetGen's own exp and tanh in the straight-line code).</summary>
[Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Precision = Precision.Double, Deterministic = true)]
internal partial class Det_Unrolled_Tanh_Sigmoid { }

/// <summary>Unrolled, the newer activations and absolute error.</summary>
[Network(3, 4, 4, 2, Activations = new[] { Activation.ELU, Activation.Softplus, Activation.LeakyReLU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double, Deterministic = true)]
internal partial class Det_Unrolled_ELU_Softplus_LeakyReLU { }

/// <summary>Deterministic kernels (592 parameters), softmax cross-entropy, batch with the examples along the lanes.</summary>
[Network(20, 16, 12, 4, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double, Deterministic = true)]
internal partial class Det_Loop_ReLU_Tanh_Softmax { }

/// <summary>Deterministic kernels, batch one row per example (a 70-unit input), GELU, SiLU and Huber.</summary>
[Network(70, 8, 5, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Identity }, Loss = LossFunction.Huber, Precision = Precision.Double, Deterministic = true)]
internal partial class Det_Wide_GELU_SiLU_Huber { }

/// <summary>Float, unrolled, sigmoid cross-entropy.</summary>
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy, Deterministic = true)]
internal partial class F_Det_Unrolled_CE { }

/// <summary>Float, a shape that would be Vector256 code: the deterministic kernels instead.</summary>
[Network(24, 8, 2, Hidden = Activation.Tanh, Deterministic = true)]
internal partial class F_Det_24_8_2 { }

/// <summary>Float, the digits network (64-32-10, softmax cross-entropy): the cross-platform determinism test trains it.</summary>
[Network(64, 32, 10, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Deterministic = true)]
internal partial class F_Det_Digits { }
