using NetGen;

namespace NetGen.Benchmarks;

// The benchmarked topologies as a NetGen user declares them (float, sigmoid hidden and output, squared error,
// unless stated). Only the public generated API is used by the harness.

/// <summary>2-3-1 (XOR-sized), 13 parameters: unrolled.</summary>
[Network(2, 3, 1)]
public partial class Net2x3x1 { }

/// <summary>3-4-3 (encoder), 31 parameters: unrolled.</summary>
[Network(3, 4, 3)]
public partial class Net3x4x3 { }

/// <summary>24-8-2 with tanh hidden units: the network SimpleChains.jl publishes a 200-example gradient for.</summary>
[Network(24, 8, 2, Hidden = Activation.Tanh)]
public partial class Net24x8x2 { }

/// <summary>64-32-10 (8x8 digits), 2,410 parameters.</summary>
[Network(64, 32, 10)]
public partial class Net64x32x10 { }

/// <summary>784-128-10 (MNIST), 101,770 parameters.</summary>
[Network(784, 128, 10)]
public partial class Net784x128x10 { }

/// <summary>784-256-128-10 (MNIST, two hidden layers), 235,146 parameters.</summary>
[Network(784, 256, 128, 10)]
public partial class Net784x256x128x10 { }

/// <summary>30-16-2, 530 parameters: one of the Vector256 measurements of issue 15, and its Vector128 comparison.</summary>
[Network(30, 16, 2)]
public partial class Net30x16x2 { }

// Deterministic = true twins of the networks above (issue 15's cost of determinism; --deterministic). Same
// declarations otherwise, so the default networks' code shape on this CPU is the baseline.

/// <summary>Deterministic twin of <see cref="Net24x8x2"/>.</summary>
[Network(24, 8, 2, Hidden = Activation.Tanh, Deterministic = true)]
public partial class DetNet24x8x2 { }

/// <summary>Deterministic twin of <see cref="Net30x16x2"/>.</summary>
[Network(30, 16, 2, Deterministic = true)]
public partial class DetNet30x16x2 { }

/// <summary>Deterministic twin of <see cref="Net64x32x10"/>.</summary>
[Network(64, 32, 10, Deterministic = true)]
public partial class DetNet64x32x10 { }

/// <summary>Deterministic twin of <see cref="Net784x128x10"/>.</summary>
[Network(784, 128, 10, Deterministic = true)]
public partial class DetNet784x128x10 { }

/// <summary>Deterministic twin of <see cref="Net3x4x3"/>.</summary>
[Network(3, 4, 3, Deterministic = true)]
public partial class DetNet3x4x3 { }
