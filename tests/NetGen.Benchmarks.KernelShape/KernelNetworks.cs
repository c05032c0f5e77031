using NetGen;

namespace NetGen.Benchmarks.KernelShape;

// The same topologies as NetGen.Benchmarks' Net24x8x2, Net64x32x10 and Net30x16x2, compiled against the
// netstandard2.0 runtime: the generator gives them the kernel shape (no Simd256/Simd128 branches, calls to Kernels).

/// <summary>24-8-2 with tanh hidden units, kernel shape.</summary>
[Network(24, 8, 2, Hidden = Activation.Tanh)]
public partial class KernelNet24x8x2 { }

/// <summary>64-32-10, kernel shape.</summary>
[Network(64, 32, 10)]
public partial class KernelNet64x32x10 { }

/// <summary>30-16-2, kernel shape.</summary>
[Network(30, 16, 2)]
public partial class KernelNet30x16x2 { }
