using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// SIMD matrix kernels for the layers NetGen does not unroll (and for the batched path). Row-major matrices, T is
/// float or double; <see cref="Vector{T}"/> with FMA where the CPU has it. Register-blocked: the dot-product
/// kernel computes 2 x 4 outputs per pass (1 x 8 for a single row), the row-accumulation kernel keeps 4 rows x 2
/// vectors in registers (and, for a rank-one update, hoists the 4 coefficients out of the column loop); where 512-bit
/// vectors run at full speed, 6 x 4 and 4 x 4 dot-product blocks and 4 rows x 4 vectors instead.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
/// <remarks>
/// One class in files by concern: the matrix products (Kernels.Products.cs), transposes and broadcasts
/// (Kernels.Transpose.cs), the row and column accumulations (Kernels.Rows.cs), activations and output deltas
/// (Kernels.Activations.cs), the gradient-descent update (Kernels.Descend.cs), TrainSequence's fused step
/// (Kernels.Sequence.cs) and the 512-bit paths (Kernels.Avx512.cs); this file holds the vector loads,
/// stores and fused multiply-add they share. Scalar arithmetic on T is <see cref="Scalar{T}"/>'s.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Kernels
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (its value, which netstandard2.0 lacks): the kernels are compiled fully
    /// optimised at once, without tier 0 and without dynamic PGO. Measured: with PGO, a kernel shared by layers of
    /// different shapes was sometimes laid out for the wrong one, and 24-8-2's BackwardBatch(200) took 10.7 µs
    /// instead of 4.9 µs (5.2 µs with DOTNET_TieredPGO=0), varying from build to build. The optimizers' updates and
    /// the gradient scan use it too: at tier 0 with on-stack replacement their loops made the first epoch of
    /// Fashion-MNIST's training about 60 ms slower than the next ones.
    /// </summary>
    internal const MethodImplOptions Optimized = (MethodImplOptions)512;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T source, int index)
        where T : unmanaged =>
        Unsafe.ReadUnaligned<Vector<T>>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref source, index)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T destination, int index, Vector<T> value)
        where T : unmanaged =>
        Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, index)), value);

    /// <summary>a · b + c, fused (one rounding) where the CPU has FMA and Vector&lt;T&gt; is 256 bits wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MulAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        if (Fma.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector256.As<float, T>(Fma.MultiplyAdd(Vector256.As<T, float>(a.AsVector256()), Vector256.As<T, float>(b.AsVector256()), Vector256.As<T, float>(c.AsVector256()))).AsVector();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector256.As<double, T>(Fma.MultiplyAdd(Vector256.As<T, double>(a.AsVector256()), Vector256.As<T, double>(b.AsVector256()), Vector256.As<T, double>(c.AsVector256()))).AsVector();
            }
        }
#endif
        return (a * b) + c;
    }

    /// <summary>
    /// The kernels' own check of their arguments (every size product taken in 64 bits, so that it cannot wrap around
    /// and pass). Generated code checks the caller's spans first and names them; this guards the kernels themselves.
    /// </summary>
    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentException("Kernel arguments do not describe matrices that fit in the given spans.");
        }
    }
}
