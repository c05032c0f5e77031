// The networks of the PyTorch autograd cross-check (AutogradCrossCheckTests.cs). Each is the twin of one case of
// pytorch/autograd.py (the same name without "Ag"): nn.Sequential(Linear, activation, Linear, activation, ...), with
// PyTorch's modules for the activations (nn.LeakyReLU(0.01), nn.ELU(), nn.GELU(approximate='tanh'), nn.SiLU(),
// nn.Softplus(), ...). A declaration changed here must be changed in autograd.py's CASES too, and the fixture regenerated.
using NetGen;

#pragma warning disable CA1812 // instantiated by the tests

namespace NetGen.Training.Tests;

// Unrolled, double: every extension activation in a hidden layer and at the output, with each loss.
[Network(4, 6, 5, 3, Activations = new[] { Activation.LeakyReLU, Activation.ELU, Activation.Softplus }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class AgLeakyEluSoftplusHuber { }

[Network(4, 6, 5, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class AgGeluSiluEluL1 { }

[Network(3, 5, 4, 2, Activations = new[] { Activation.Softplus, Activation.Tanh, Activation.LeakyReLU }, Precision = Precision.Double)]
internal partial class AgSoftplusTanhLeakySquared { }

[Network(3, 5, 2, Activations = new[] { Activation.ReLU, Activation.GELU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class AgReluGeluHuber { }

[Network(3, 5, 2, Activations = new[] { Activation.Sigmoid, Activation.SiLU }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class AgSigmoidSiluL1 { }

// ReLU and Tanh at the output, Identity in a hidden layer (original activations with the extension losses).
[Network(4, 5, 3, Activations = new[] { Activation.ELU, Activation.ReLU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class AgEluReluHuber { }

[Network(4, 5, 4, 3, Activations = new[] { Activation.LeakyReLU, Activation.Identity, Activation.Tanh }, Loss = LossFunction.AbsoluteError, Precision = Precision.Double)]
internal partial class AgLeakyTanhL1 { }

// Binary cross-entropy on logits: output biases +40 and -40, so z reaches |z| ~ 40 (BCEWithLogitsLoss in PyTorch).
[Network(4, 5, 3, Activations = new[] { Activation.Tanh, Activation.Sigmoid }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class AgBceLogits { }

[Network(4, 6, 3, Activations = new[] { Activation.ELU, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class AgEluSoftmaxCe { }

// Softmax with squared error: BP1 and the output-gradient path go through the full softmax Jacobian.
[Network(4, 6, 3, Activations = new[] { Activation.SiLU, Activation.Softmax }, Precision = Precision.Double)]
internal partial class AgSiluSoftmaxSquared { }

// Kernels, double: 592 parameters (> 512, so not unrolled).
[Network(20, 16, 12, 4, Activations = new[] { Activation.LeakyReLU, Activation.GELU, Activation.ELU }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class AgKernelsHuber { }

[Network(20, 16, 12, 4, Activations = new[] { Activation.Softplus, Activation.SiLU, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class AgKernelsSoftmaxCe { }

// Float, the Vector256 shape (input and hidden layers >= 8 wide, original activations only; kernels without AVX2+FMA).
// AgVectorBce's output biases are +40 and -40 too (|z| up to 43).
[Network(16, 16, 8, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Sigmoid }, Loss = LossFunction.CrossEntropy)]
internal partial class AgVectorBce { }

[Network(16, 16, 8, 3, Activations = new[] { Activation.Tanh, Activation.ReLU, Activation.Identity }, Loss = LossFunction.Huber)]
internal partial class AgVectorHuber { }

[Network(16, 12, 8, 4, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = LossFunction.CrossEntropy)]
internal partial class AgVectorSoftmaxCe { }

// Float with extension activations: unrolled (small), and the kernel shape (a float loop-shape network that cannot
// take the Vector256 code because of its activations).
[Network(4, 6, 3, Activations = new[] { Activation.GELU, Activation.ELU }, Loss = LossFunction.AbsoluteError)]
internal partial class AgFloatGeluEluL1 { }

[Network(16, 16, 8, 3, Activations = new[] { Activation.SiLU, Activation.LeakyReLU, Activation.Softplus }, Loss = LossFunction.Huber)]
internal partial class AgFloatKernelsHuber { }

// The composed graph: an autoencoder x -> h = Encoder(x) -> y = Decoder(h), Huber loss of y against x.
[Network(4, 6, 3, Activations = new[] { Activation.GELU, Activation.Tanh }, Precision = Precision.Double)]
internal partial class AgEncoder { }

[Network(3, 6, 4, Activations = new[] { Activation.LeakyReLU, Activation.Identity }, Loss = LossFunction.Huber, Precision = Precision.Double)]
internal partial class AgDecoder { }
