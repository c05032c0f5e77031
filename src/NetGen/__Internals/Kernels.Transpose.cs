using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.__Internals;

// Layout: transposes between example rows and unit rows, and rows started at the biases.
public static partial class Kernels
{
    /// <summary>
    /// Bᵀ = A: <c>b[j*rows + i] = a[i*cols + j]</c>, A is [rows, cols]. Turns a batch of m example rows into one row per
    /// unit with the m examples along it (and back), so that small layers run with the examples across the SIMD lanes.
    /// </summary>
    [MethodImpl(Optimized)]
    public static void Transpose<T>(ReadOnlySpan<T> a, Span<T> b, int rows, int cols)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && a.Length >= (long)rows * cols && b.Length >= (long)rows * cols);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        int i = 0;
#if NET8_0_OR_GREATER
        if (Avx.IsSupported && typeof(T) == typeof(float) && cols >= 8)
        {
            // 8 x 8 blocks in registers: 8 row loads, 24 shuffles, 8 row stores (instead of 64 scalar moves).
            ref float fa = ref Unsafe.As<T, float>(ref ra);
            ref float fb = ref Unsafe.As<T, float>(ref rb);
            for (; i + 7 < rows; i += 8)
            {
                int j = 0;
                for (; j + 7 < cols; j += 8)
                {
                    Transpose8x8(ref Unsafe.Add(ref fa, (i * cols) + j), cols, ref Unsafe.Add(ref fb, (j * rows) + i), rows);
                }

                for (; j < cols; j++)
                {
                    for (int r = i; r < i + 8; r++)
                    {
                        Unsafe.Add(ref fb, (j * rows) + r) = Unsafe.Add(ref fa, (r * cols) + j);
                    }
                }
            }
        }
#endif
        for (; i + 3 < rows; i += 4)
        {
            // Four source rows at once: each destination row gets four consecutive values.
            ref T a0 = ref Unsafe.Add(ref ra, i * cols);
            ref T a1 = ref Unsafe.Add(ref a0, cols);
            ref T a2 = ref Unsafe.Add(ref a1, cols);
            ref T a3 = ref Unsafe.Add(ref a2, cols);
            for (int j = 0; j < cols; j++)
            {
                ref T bj = ref Unsafe.Add(ref rb, (j * rows) + i);
                bj = Unsafe.Add(ref a0, j);
                Unsafe.Add(ref bj, 1) = Unsafe.Add(ref a1, j);
                Unsafe.Add(ref bj, 2) = Unsafe.Add(ref a2, j);
                Unsafe.Add(ref bj, 3) = Unsafe.Add(ref a3, j);
            }
        }

        for (; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                Unsafe.Add(ref rb, (j * rows) + i) = Unsafe.Add(ref ra, (i * cols) + j);
            }
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>The 8 x 8 float block at <paramref name="a"/> (row stride <paramref name="aStride"/>), transposed into <paramref name="b"/> (row stride <paramref name="bStride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float a, int aStride, ref float b, int bStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref a);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref a, (nuint)aStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref a, (nuint)(2 * aStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref a, (nuint)(3 * aStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref a, (nuint)(4 * aStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref a, (nuint)(5 * aStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref a, (nuint)(6 * aStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref a, (nuint)(7 * aStride));

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref b);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref b, (nuint)bStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref b, (nuint)(2 * bStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref b, (nuint)(3 * bStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref b, (nuint)(4 * bStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref b, (nuint)(5 * bStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref b, (nuint)(6 * bStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref b, (nuint)(7 * bStride));
    }
#endif

    /// <summary>C[r, :] = values[r] for r &lt; rows (C is [rows, cols]); an empty <paramref name="values"/> means zeros. Starts a layer's Zᵀ at its biases.</summary>
    [MethodImpl(Optimized)]
    public static void BroadcastRows<T>(ReadOnlySpan<T> values, Span<T> c, int rows, int cols)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && c.Length >= (long)rows * cols && (values.IsEmpty || values.Length >= rows));
        if (values.IsEmpty)
        {
            c.Slice(0, rows * cols).Clear();
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            c.Slice(r * cols, cols).Fill(values[r]);
        }
    }
}
