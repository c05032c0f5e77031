// Networks with the activations and losses added after the first five and two (LeakyReLU, ELU, GELU, SiLU, Softplus;
// Huber, AbsoluteError), in every code shape they can take: unrolled, kernels with unit-row batches (examples along the
// lanes) and example-row batches (a 70-unit input), double; and one float network that would take the Vector256 code
// with the original activations and takes the kernels instead. NetworkCatalog.cs lists them with the others, so every
// catalog theory (gradient checks, reference agreement, batch agreement) covers them.
using NetGen;

#pragma warning disable CA1812 // instantiated through generic factories in NetworkCatalog

namespace NetGen.Tests.Networks;

/// <summary>Unrolled: LeakyReLU and ELU hidden, Huber on an identity output.</summary>
[Network(3, 5, 4, 2, Activations = new[] { Activation.LeakyReLU, Activation.ELU, Activation.Identity }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class NA_LeakyReLU_ELU_Identity_Huber { }

/// <summary>Unrolled: GELU and SiLU hidden (z kept as locals), absolute error on a softplus output.</summary>
[Network(3, 5, 4, 2, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Softplus }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class NA_GELU_SiLU_Softplus_Absolute { }

/// <summary>Unrolled: a GELU output (f' from the output's z), squared error.</summary>
[Network(3, 4, 2, Activations = new[] { Activation.Softplus, Activation.GELU }, Precision = Precision.Double)]
internal partial class NA_Softplus_GELU { }

/// <summary>Unrolled: a SiLU output, Huber.</summary>
[Network(3, 4, 2, Activations = new[] { Activation.ELU, Activation.SiLU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class NA_ELU_SiLU_Huber { }

/// <summary>Unrolled: a LeakyReLU output, absolute error.</summary>
[Network(3, 4, 2, Activations = new[] { Activation.SiLU, Activation.LeakyReLU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class NA_SiLU_LeakyReLU_Absolute { }

/// <summary>Unrolled: an ELU output, squared error, no biases.</summary>
[Network(3, 4, 2, Activations = new[] { Activation.GELU, Activation.ELU }, Bias = false, Precision = Precision.Double)]
internal partial class NA_GELU_ELU_NoBias { }

/// <summary>Kernels (592 parameters), batch with the examples along the lanes: GELU and SiLU hidden, an ELU output, Huber.</summary>
[Network(20, 16, 12, 4, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class NA_Loop_GELU_SiLU_ELU_Huber { }

/// <summary>Kernels, examples along the lanes: Softplus and LeakyReLU hidden, a GELU output, absolute error.</summary>
[Network(20, 16, 12, 4, Activations = new[] { Activation.Softplus, Activation.LeakyReLU, Activation.GELU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class NA_Loop_Softplus_LeakyReLU_GELU_Absolute { }

/// <summary>Kernels, batch with one row per example (a 70-unit input): SiLU and ELU hidden, a SiLU output, Huber.</summary>
[Network(70, 8, 5, 3, Activations = new[] { Activation.SiLU, Activation.ELU, Activation.SiLU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class NA_Wide_SiLU_ELU_SiLU_Huber { }

/// <summary>Kernels, one row per example: LeakyReLU and GELU hidden, a softplus output, squared error.</summary>
[Network(70, 8, 5, 3, Activations = new[] { Activation.LeakyReLU, Activation.GELU, Activation.Softplus }, Precision = Precision.Double)]
internal partial class NA_Wide_LeakyReLU_GELU_Softplus { }

/// <summary>Kernels, one row per example: absolute error on a LeakyReLU output after Softplus hidden.</summary>
[Network(70, 8, 3, Activations = new[] { Activation.Softplus, Activation.LeakyReLU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class NA_Wide_Softplus_LeakyReLU_Absolute { }

/// <summary>Float, 16-16-8-3: the Vector256 shape with the original activations; with GELU and SiLU the kernel shape.</summary>
[Network(16, 16, 8, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Identity }, Loss = LossFunction.Huber)]
internal partial class F_NA_Kernels_GELU_SiLU_Huber { }
