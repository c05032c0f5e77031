using NetGen;

namespace NetGen.LibTorch;

// The two networks of the comparison, declared as in tests/NetGen.Benchmarks/Networks.cs: float, sigmoid hidden and
// output, squared error E = 1/2 sum (g - y)^2.

/// <summary>784-128-10 (MNIST), 101,770 parameters.</summary>
[Network(784, 128, 10)]
public partial class Net784x128x10 { }

/// <summary>784-256-128-10 (MNIST, two hidden layers), 235,146 parameters.</summary>
[Network(784, 256, 128, 10)]
public partial class Net784x256x128x10 { }
