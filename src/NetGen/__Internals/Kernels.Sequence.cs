using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.__Internals;

// Online training over a sequence of examples (TrainSequence): one example's first-layer step fused with the next
// example's first-layer product.
public static partial class Kernels
{
    /// <summary>
    /// The online step of a first layer, then the next example's product through it, in one pass over W:
    /// <c>W[r, :] += scale · delta[r] · x</c> (BP4 with η folded into <paramref name="scale"/>), then
    /// <c>z[r] = bias[r] + W[r, :] · next</c> for r &lt; rows, W [rows, cols]; an empty <paramref name="bias"/> means none.
    /// The same values, bit for bit, as <c>AccumulateRows(w, rows, cols, delta, 1, rows, x, 1, scale)</c> followed by
    /// <c>MultiplyTransposed(next, w, bias, z, 1, rows, cols)</c>, which is what it does where it cannot fuse; with AVX2
    /// and FMA, single precision and cols a whole number of vectors (of 16 floats where the 512-bit kernels run, of 8
    /// otherwise), each weight is read and written once instead of being read again by the product (for 784-128-10's
    /// 400 KB first layer at 256 bits: 8.6 µs → 5.7 µs for the two).
    /// </summary>
    [MethodImpl(Optimized)]
    public static void StepThenMultiply<T>(Span<T> w, int rows, int cols, ReadOnlySpan<T> delta, T scale, ReadOnlySpan<T> x, ReadOnlySpan<T> next, ReadOnlySpan<T> bias, Span<T> z)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && w.Length >= (long)rows * cols && delta.Length >= rows && x.Length >= cols && next.Length >= cols
            && (bias.IsEmpty || bias.Length >= rows) && z.Length >= rows);
        int fused = 0;
#if NET8_0_OR_GREATER
        if (Wide512)
        {
            // MultiplyTransposed's dot products are 512 bits wide here: fused at that width when the rows are whole
            // vectors of it, else the two calls below.
            if (typeof(T) == typeof(float) && cols % 16 == 0 && cols > 0)
            {
                fused = rows - (rows % 8);
                StepThenMultiplyAvx512(
                    ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(w)), fused, cols, ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(delta)),
                    Unsafe.As<T, float>(ref scale), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(next)),
                    !bias.IsEmpty, ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(bias)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(z)));
            }
        }
        else if (typeof(T) == typeof(float) && Fma.IsSupported && Vector<T>.Count == 8 && cols % 8 == 0 && cols > 0)
        {
            // MultiplyTransposed takes rows 8 at a time this way and the last rows % 8 one dot product at a time.
            fused = rows - (rows % 8);
            StepThenMultiplyAvx(
                ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(w)), fused, cols, ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(delta)),
                Unsafe.As<T, float>(ref scale), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(next)),
                !bias.IsEmpty, ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(bias)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(z)));
        }
#endif
        if (fused < rows)
        {
            // The rest as the two calls themselves: on rows fused.. MultiplyTransposed takes the same path (one dot
            // product per row) as on the whole matrix, so the values are the same.
            int rest = rows - fused;
            Span<T> tail = w.Slice(fused * cols, rest * cols);
            AccumulateRows(tail, rest, cols, delta.Slice(fused), 1, rest, x, 1, scale);
            MultiplyTransposed(next, tail, bias.IsEmpty ? bias : bias.Slice(fused), z.Slice(fused), 1, rest, cols);
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Rows 0..rows−1 (a multiple of 8) of <see cref="StepThenMultiply{T}"/>, 4 at a time: each vector of a row is
    /// stepped with one FMA (as the rank-one update does), stored, and multiplied into that row's accumulator (as
    /// Dot1x8Avx does, same order), and the 4 accumulators are reduced with Dot1x8Avx's tree.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void StepThenMultiplyAvx(ref float w, int rows, int cols, ref float delta, float scale, ref float x, ref float next, bool hasBias, ref float bias, ref float z)
    {
        for (int r = 0; r < rows; r += 4)
        {
            ref float w0 = ref Unsafe.Add(ref w, r * cols);
            ref float w1 = ref Unsafe.Add(ref w0, cols);
            ref float w2 = ref Unsafe.Add(ref w1, cols);
            ref float w3 = ref Unsafe.Add(ref w2, cols);
            Vector256<float> k0 = Vector256.Create(scale * Unsafe.Add(ref delta, r));
            Vector256<float> k1 = Vector256.Create(scale * Unsafe.Add(ref delta, r + 1));
            Vector256<float> k2 = Vector256.Create(scale * Unsafe.Add(ref delta, r + 2));
            Vector256<float> k3 = Vector256.Create(scale * Unsafe.Add(ref delta, r + 3));
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (nuint c = 0; c < (nuint)cols; c += 8)
            {
                Vector256<float> xc = Vector256.LoadUnsafe(ref x, c), nc = Vector256.LoadUnsafe(ref next, c);
                Vector256<float> v0 = Fma.MultiplyAdd(k0, xc, Vector256.LoadUnsafe(ref w0, c));
                Vector256<float> v1 = Fma.MultiplyAdd(k1, xc, Vector256.LoadUnsafe(ref w1, c));
                Vector256<float> v2 = Fma.MultiplyAdd(k2, xc, Vector256.LoadUnsafe(ref w2, c));
                Vector256<float> v3 = Fma.MultiplyAdd(k3, xc, Vector256.LoadUnsafe(ref w3, c));
                v0.StoreUnsafe(ref w0, c);
                v1.StoreUnsafe(ref w1, c);
                v2.StoreUnsafe(ref w2, c);
                v3.StoreUnsafe(ref w3, c);
                s0 = Fma.MultiplyAdd(nc, v0, s0);
                s1 = Fma.MultiplyAdd(nc, v1, s1);
                s2 = Fma.MultiplyAdd(nc, v2, s2);
                s3 = Fma.MultiplyAdd(nc, v3, s3);
            }

            // Per row: the dot products' own reduction tree (Dot1x8Avx's).
            Vector128<float> sums = Sum4Rows(s0, s1, s2, s3);
            (hasBias ? Vector128.LoadUnsafe(ref bias, (nuint)r) + sums : sums).StoreUnsafe(ref z, (nuint)r);
        }
    }

    /// <summary>
    /// <see cref="StepThenMultiplyAvx"/> with 512-bit vectors (cols a multiple of 16): each row's accumulator is
    /// reduced as Dot1x8Avx512 reduces it (its halves added, then Sum8Rows' tree), so the same bits.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void StepThenMultiplyAvx512(ref float w, int rows, int cols, ref float delta, float scale, ref float x, ref float next, bool hasBias, ref float bias, ref float z)
    {
        for (int r = 0; r < rows; r += 4)
        {
            ref float w0 = ref Unsafe.Add(ref w, r * cols);
            ref float w1 = ref Unsafe.Add(ref w0, cols);
            ref float w2 = ref Unsafe.Add(ref w1, cols);
            ref float w3 = ref Unsafe.Add(ref w2, cols);
            Vector512<float> k0 = Vector512.Create(scale * Unsafe.Add(ref delta, r));
            Vector512<float> k1 = Vector512.Create(scale * Unsafe.Add(ref delta, r + 1));
            Vector512<float> k2 = Vector512.Create(scale * Unsafe.Add(ref delta, r + 2));
            Vector512<float> k3 = Vector512.Create(scale * Unsafe.Add(ref delta, r + 3));
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (nuint c = 0; c < (nuint)cols; c += 16)
            {
                Vector512<float> xc = Vector512.LoadUnsafe(ref x, c), nc = Vector512.LoadUnsafe(ref next, c);
                Vector512<float> v0 = Avx512F.FusedMultiplyAdd(k0, xc, Vector512.LoadUnsafe(ref w0, c));
                Vector512<float> v1 = Avx512F.FusedMultiplyAdd(k1, xc, Vector512.LoadUnsafe(ref w1, c));
                Vector512<float> v2 = Avx512F.FusedMultiplyAdd(k2, xc, Vector512.LoadUnsafe(ref w2, c));
                Vector512<float> v3 = Avx512F.FusedMultiplyAdd(k3, xc, Vector512.LoadUnsafe(ref w3, c));
                v0.StoreUnsafe(ref w0, c);
                v1.StoreUnsafe(ref w1, c);
                v2.StoreUnsafe(ref w2, c);
                v3.StoreUnsafe(ref w3, c);
                s0 = Avx512F.FusedMultiplyAdd(nc, v0, s0);
                s1 = Avx512F.FusedMultiplyAdd(nc, v1, s1);
                s2 = Avx512F.FusedMultiplyAdd(nc, v2, s2);
                s3 = Avx512F.FusedMultiplyAdd(nc, v3, s3);
            }

            Vector128<float> sums = Sum4Rows(Half(s0), Half(s1), Half(s2), Half(s3));
            (hasBias ? Vector128.LoadUnsafe(ref bias, (nuint)r) + sums : sums).StoreUnsafe(ref z, (nuint)r);
        }
    }
#endif
}
