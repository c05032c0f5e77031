// The networks the training and weight-file tests use. Each [Network] below gets its members from the generator.
using NetGen;

#pragma warning disable CA1812 // instantiated by the tests

namespace NetGen.Training.Tests;

// Tiny networks for the optimizer formulas and ApplyGradients equivalence: 3-4-2 (sizes differ so [out, in] matters).
[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid)]
internal partial class Tiny32 { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Precision = Precision.Double)]
internal partial class Tiny64 { }

// Iris classifiers: 4 standardised features, 8 tanh units, 3 softmax outputs with cross-entropy.
[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
internal partial class Iris32 { }

[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
internal partial class Iris64 { }

// A binary classifier with a single sigmoid output (labels 0/1).
[Network(2, 4, 1, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = LossFunction.CrossEntropy)]
internal partial class Binary32 { }

// The PyTorch cross-check topology: nn.Sequential(Linear(4, 5), Tanh(), Linear(5, 3), Sigmoid()).
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid)]
internal partial class Torch32 { }

[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Precision = Precision.Double)]
internal partial class Torch64 { }

// Weight files: three layers, and no biases.
[Network(3, 5, 4, 2, Hidden = Activation.ReLU, Output = Activation.Identity, Precision = Precision.Double)]
internal partial class Deep64 { }

[Network(3, 5, 2, Hidden = Activation.Sigmoid, Bias = false)]
internal partial class NoBias32 { }

// Same sizes as Torch32 but no biases: must not load a file with bias tensors.
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Bias = false)]
internal partial class TorchNoBias32 { }

// Wrong topology for Torch32 files.
[Network(4, 6, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid)]
internal partial class Wide32 { }

// The hand-built fixture: 2-2-1 with identity activations, so outputs are easy to work out by hand.
[Network(2, 2, 1, Hidden = Activation.Identity, Output = Activation.Identity)]
internal partial class Small32 { }

// The shared table of corrupt files (tests/Shared/CorruptSafeTensors.cs) against the same network as the generator's
// baking test: 2-2-1 with the default sigmoid units, so a file's record of other activations is refused by both.
[Network(2, 2, 1)]
internal partial class SmallSigmoid32 { }

[Network(2, 2, 1, Hidden = Activation.Identity, Output = Activation.Identity, Precision = Precision.Double)]
internal partial class Small64 { }

// Iris32's sizes with another hidden activation, and with another loss: a weight file records both, so neither loads Iris32's.
[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
internal partial class IrisReLU32 { }

[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Softmax)]
internal partial class IrisSquared32 { }
