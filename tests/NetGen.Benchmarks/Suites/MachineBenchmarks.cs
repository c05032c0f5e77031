using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Implementations;

namespace NetGen.Benchmarks.Suites;

/// <summary>
/// Reference points of the machine, measured like everything else: the single-core FMA peak (independent FMAs on
/// 16 accumulators; OperationsPerInvoke = FLOPs, so Mean is ns per FLOP and 1 / Mean is GFLOP/s) natively and
/// from C#, and the cost of one empty native call (what every FANN/Eigen call pays on top of its work).
/// Program.cs leaves out the AVX-512 / AVX2 rows on a CPU without them.
/// </summary>
public unsafe class MachineBenchmarks
{
    private const int Iterations = 1 << 18;
    private const int Accumulators = 16;
    private const int Avx512Flops = Iterations * Accumulators * 16 * 2;
    private const int Avx2Flops = Iterations * Accumulators * 8 * 2;

    private delegate* unmanaged<int, int> _noop;

    [GlobalSetup]
    public void Setup()
    {
        NativeLibraries.EnsureLoaded();
        _noop = (delegate* unmanaged<int, int>)System.Runtime.InteropServices.NativeLibrary.GetExport(NativeLibraries.ShimHandle, "nb_noop");
    }

    [Benchmark(OperationsPerInvoke = Avx512Flops), BenchmarkCategory("Peak")]
    public float Peak_NativeAvx512() => ShimNative.nb_fma_avx512(Iterations);

    [Benchmark(OperationsPerInvoke = Avx2Flops), BenchmarkCategory("Peak")]
    public float Peak_NativeAvx2() => ShimNative.nb_fma_avx2(Iterations);

    [Benchmark(OperationsPerInvoke = Avx512Flops), BenchmarkCategory("Peak")]
    public float Peak_CSharpAvx512() => FmaAvx512(Iterations);

    [Benchmark(OperationsPerInvoke = Avx2Flops), BenchmarkCategory("Peak")]
    public float Peak_CSharpAvx2() => FmaAvx2(Iterations);

    /// <summary>An empty extern "C" function through [LibraryImport] (FANN's calls).</summary>
    [Benchmark, BenchmarkCategory("Interop")]
    public int Interop_LibraryImport() => ShimNative.nb_noop(1);

    /// <summary>The same through an unmanaged function pointer (the Eigen calls).</summary>
    [Benchmark, BenchmarkCategory("Interop")]
    public int Interop_FunctionPointer() => _noop(1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float FmaAvx512(int iterations)
    {
        Vector512<float> a = Vector512.Create(0.999999f), b = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(0.0f), c1 = Vector512.Create(0.1f), c2 = Vector512.Create(0.2f), c3 = Vector512.Create(0.3f);
        Vector512<float> c4 = Vector512.Create(0.4f), c5 = Vector512.Create(0.5f), c6 = Vector512.Create(0.6f), c7 = Vector512.Create(0.7f);
        Vector512<float> c8 = Vector512.Create(0.8f), c9 = Vector512.Create(0.9f), c10 = Vector512.Create(1.0f), c11 = Vector512.Create(1.1f);
        Vector512<float> c12 = Vector512.Create(1.2f), c13 = Vector512.Create(1.3f), c14 = Vector512.Create(1.4f), c15 = Vector512.Create(1.5f);
        for (int i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
            c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
            c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
            c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
            c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
            c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
            c12 = Avx512F.FusedMultiplyAdd(c12, a, b); c13 = Avx512F.FusedMultiplyAdd(c13, a, b);
            c14 = Avx512F.FusedMultiplyAdd(c14, a, b); c15 = Avx512F.FusedMultiplyAdd(c15, a, b);
        }

        Vector512<float> s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15));
        return s.GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float FmaAvx2(int iterations)
    {
        Vector256<float> a = Vector256.Create(0.999999f), b = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(0.0f), c1 = Vector256.Create(0.1f), c2 = Vector256.Create(0.2f), c3 = Vector256.Create(0.3f);
        Vector256<float> c4 = Vector256.Create(0.4f), c5 = Vector256.Create(0.5f), c6 = Vector256.Create(0.6f), c7 = Vector256.Create(0.7f);
        Vector256<float> c8 = Vector256.Create(0.8f), c9 = Vector256.Create(0.9f), c10 = Vector256.Create(1.0f), c11 = Vector256.Create(1.1f);
        Vector256<float> c12 = Vector256.Create(1.2f), c13 = Vector256.Create(1.3f), c14 = Vector256.Create(1.4f), c15 = Vector256.Create(1.5f);
        for (int i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
            c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
            c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
            c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
            c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            c12 = Fma.MultiplyAdd(c12, a, b); c13 = Fma.MultiplyAdd(c13, a, b);
            c14 = Fma.MultiplyAdd(c14, a, b); c15 = Fma.MultiplyAdd(c15, a, b);
        }

        Vector256<float> s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15));
        return s.GetElement(0);
    }
}
