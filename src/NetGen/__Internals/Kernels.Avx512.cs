#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.__Internals;

// Full-width AVX-512 forms of the online step's two hottest loops (float): the forward pass's one row against 8
// rows of W, and the rank-one weight update. Taken only where the runtime reports Vector512 hardware-accelerated (it
// does not on CPUs that slow down under 512-bit code), so other CPUs keep the 256-bit forms unchanged.
public static partial class Kernels
{
    /// <summary>Whether the 512-bit float forms run here.</summary>
    internal static bool Avx512Float => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// c[0..8) = offset[0..8) (if <paramref name="hasOffset"/>) + (a against 8 rows of B: b, b + k, ..., b + 7k), k ≥ 16:
    /// 16-lane fused multiply-adds, each load of a feeding 8; a k that is not a multiple of 16 ends with one vector
    /// overlapping the last whole one, its already counted lanes masked to zero; then each accumulator's halves are
    /// added and the 8 are reduced together as in the 256-bit form.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void Dot1x8Avx512(ref float a, ref float b, int k, ref float offset, bool hasOffset, ref float c)
    {
        ref float b1 = ref Unsafe.Add(ref b, k);
        ref float b2 = ref Unsafe.Add(ref b, 2 * k);
        ref float b3 = ref Unsafe.Add(ref b, 3 * k);
        ref float b4 = ref Unsafe.Add(ref b, 4 * k);
        ref float b5 = ref Unsafe.Add(ref b, 5 * k);
        ref float b6 = ref Unsafe.Add(ref b, 6 * k);
        ref float b7 = ref Unsafe.Add(ref b, 7 * k);
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        int kk = 0;
        for (; kk + 16 <= k; kk += 16)
        {
            Vector512<float> av = Vector512.LoadUnsafe(ref a, (nuint)kk);
            s0 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b, (nuint)kk), s0);
            s1 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b1, (nuint)kk), s1);
            s2 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b2, (nuint)kk), s2);
            s3 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b3, (nuint)kk), s3);
            s4 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b4, (nuint)kk), s4);
            s5 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b5, (nuint)kk), s5);
            s6 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b6, (nuint)kk), s6);
            s7 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b7, (nuint)kk), s7);
        }

        if (kk < k)
        {
            // The last 16 columns, of which the first 16 - (k - kk) are already counted: mask their products out.
            nuint t = (nuint)(k - 16);
            Vector512<float> keep = Vector512.GreaterThanOrEqual(
                Vector512.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f),
                Vector512.Create((float)(16 - (k - kk))));
            Vector512<float> av = Vector512.LoadUnsafe(ref a, t) & keep;
            s0 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b, t), s0);
            s1 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b1, t), s1);
            s2 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b2, t), s2);
            s3 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b3, t), s3);
            s4 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b4, t), s4);
            s5 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b5, t), s5);
            s6 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b6, t), s6);
            s7 = Avx512F.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref b7, t), s7);
        }

        Vector256<float> u0 = Avx.HorizontalAdd(Avx.HorizontalAdd(Halves(s0), Halves(s1)), Avx.HorizontalAdd(Halves(s2), Halves(s3)));
        Vector256<float> u1 = Avx.HorizontalAdd(Avx.HorizontalAdd(Halves(s4), Halves(s5)), Avx.HorizontalAdd(Halves(s6), Halves(s7)));
        Vector256<float> sums = Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
        (hasOffset ? Vector256.LoadUnsafe(ref offset) + sums : sums).StoreUnsafe(ref c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Halves(Vector512<float> v) => v.GetLower() + v.GetUpper();

    /// <summary>
    /// c[0..cols) += k · s[0..cols), cols ≥ 16, in 16-lane fused multiply-adds: the first and last vectors computed
    /// from the original values before the loop and stored after it (they overlap elements the loop writes with the
    /// same bits), the loop's stores aligned to 64 bytes, 2 vectors at a time.
    /// </summary>
    [MethodImpl(Optimized)]
    private static unsafe void RankOneRowAvx512(ref float c, int cols, float k, ref float s)
    {
        Vector512<float> kv = Vector512.Create(k);
        nuint last = (nuint)(cols - 16);
        Vector512<float> head = Avx512F.FusedMultiplyAdd(kv, Vector512.LoadUnsafe(ref s), Vector512.LoadUnsafe(ref c));
        Vector512<float> tail = Avx512F.FusedMultiplyAdd(kv, Vector512.LoadUnsafe(ref s, last), Vector512.LoadUnsafe(ref c, last));
        nuint misalignment = (nuint)Unsafe.AsPointer(ref c) & 63;
        nuint col = misalignment == 0 ? 0 : (64 - misalignment) / sizeof(float);
        nuint end = (nuint)cols;
        for (; col + 32 <= end; col += 32)
        {
            Vector512<float> c0 = Vector512.LoadUnsafe(ref c, col);
            Vector512<float> c1 = Vector512.LoadUnsafe(ref c, col + 16);
            Avx512F.FusedMultiplyAdd(kv, Vector512.LoadUnsafe(ref s, col), c0).StoreUnsafe(ref c, col);
            Avx512F.FusedMultiplyAdd(kv, Vector512.LoadUnsafe(ref s, col + 16), c1).StoreUnsafe(ref c, col + 16);
        }

        if (col + 16 <= end)
        {
            Avx512F.FusedMultiplyAdd(kv, Vector512.LoadUnsafe(ref s, col), Vector512.LoadUnsafe(ref c, col)).StoreUnsafe(ref c, col);
        }

        head.StoreUnsafe(ref c);
        tail.StoreUnsafe(ref c, last);
    }
    /// <summary>
    /// Two rows of A (a0, a1) against 4 rows of B (b, b + k, b + 2k, b + 3k), k ≥ 16, 16 lanes: 8 accumulators, each
    /// load of B feeding 2 fused multiply-adds and each load of A 4; the overlapping last vector masked as in
    /// <see cref="Dot1x8Avx512"/>. Writes c0[0..4) and c1[0..4): the bias (or C itself, accumulating) plus the dot products.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void Dot2x4Avx512(ref float a0, ref float a1, ref float b, int k, ref float bias, bool hasBias, bool accumulate, ref float c0, ref float c1)
    {
        ref float b1 = ref Unsafe.Add(ref b, k);
        ref float b2 = ref Unsafe.Add(ref b, 2 * k);
        ref float b3 = ref Unsafe.Add(ref b, 3 * k);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        int kk = 0;
        for (; kk + 16 <= k; kk += 16)
        {
            Vector512<float> u = Vector512.LoadUnsafe(ref a0, (nuint)kk);
            Vector512<float> v = Vector512.LoadUnsafe(ref a1, (nuint)kk);
            Vector512<float> w0 = Vector512.LoadUnsafe(ref b, (nuint)kk);
            Vector512<float> w1 = Vector512.LoadUnsafe(ref b1, (nuint)kk);
            Vector512<float> w2 = Vector512.LoadUnsafe(ref b2, (nuint)kk);
            Vector512<float> w3 = Vector512.LoadUnsafe(ref b3, (nuint)kk);
            s00 = Avx512F.FusedMultiplyAdd(u, w0, s00);
            s01 = Avx512F.FusedMultiplyAdd(u, w1, s01);
            s02 = Avx512F.FusedMultiplyAdd(u, w2, s02);
            s03 = Avx512F.FusedMultiplyAdd(u, w3, s03);
            s10 = Avx512F.FusedMultiplyAdd(v, w0, s10);
            s11 = Avx512F.FusedMultiplyAdd(v, w1, s11);
            s12 = Avx512F.FusedMultiplyAdd(v, w2, s12);
            s13 = Avx512F.FusedMultiplyAdd(v, w3, s13);
        }

        if (kk < k)
        {
            nuint t = (nuint)(k - 16);
            Vector512<float> keep = Vector512.GreaterThanOrEqual(
                Vector512.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f),
                Vector512.Create((float)(16 - (k - kk))));
            Vector512<float> u = Vector512.LoadUnsafe(ref a0, t) & keep;
            Vector512<float> v = Vector512.LoadUnsafe(ref a1, t) & keep;
            Vector512<float> w0 = Vector512.LoadUnsafe(ref b, t);
            Vector512<float> w1 = Vector512.LoadUnsafe(ref b1, t);
            Vector512<float> w2 = Vector512.LoadUnsafe(ref b2, t);
            Vector512<float> w3 = Vector512.LoadUnsafe(ref b3, t);
            s00 = Avx512F.FusedMultiplyAdd(u, w0, s00);
            s01 = Avx512F.FusedMultiplyAdd(u, w1, s01);
            s02 = Avx512F.FusedMultiplyAdd(u, w2, s02);
            s03 = Avx512F.FusedMultiplyAdd(u, w3, s03);
            s10 = Avx512F.FusedMultiplyAdd(v, w0, s10);
            s11 = Avx512F.FusedMultiplyAdd(v, w1, s11);
            s12 = Avx512F.FusedMultiplyAdd(v, w2, s12);
            s13 = Avx512F.FusedMultiplyAdd(v, w3, s13);
        }

        // [s00 s01 s02 s03] in the low 128 bits and [s10 s11 s12 s13] in the high ones, as in Dot1x8Avx512.
        Vector256<float> u0 = Avx.HorizontalAdd(Avx.HorizontalAdd(Halves(s00), Halves(s01)), Avx.HorizontalAdd(Halves(s02), Halves(s03)));
        Vector256<float> u1 = Avx.HorizontalAdd(Avx.HorizontalAdd(Halves(s10), Halves(s11)), Avx.HorizontalAdd(Halves(s12), Halves(s13)));
        Vector256<float> sums = Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
        Vector128<float> first = sums.GetLower(), second = sums.GetUpper();
        if (accumulate)
        {
            first += Vector128.LoadUnsafe(ref c0);
            second += Vector128.LoadUnsafe(ref c1);
        }
        else if (hasBias)
        {
            Vector128<float> offsets = Vector128.LoadUnsafe(ref bias);
            first += offsets;
            second += offsets;
        }

        first.StoreUnsafe(ref c0);
        second.StoreUnsafe(ref c1);
    }

    /// <summary>
    /// Four rows of <see cref="AccumulateRows{T}"/> over 32 columns at a time (2 vectors of 16): C[r, col..col+32) +=
    /// Σ_t (scale · x[r, t]) · S[t, col..col+32), the terms in order, one fused multiply-add per term and element (so
    /// every element gets the same bits as in the 256-bit loop). Returns where it stopped (the caller does the rest).
    /// </summary>
    [MethodImpl(Optimized)]
    private static int AccumulateRows4Avx512(ref float c0, ref float c1, ref float c2, ref float c3, int cols, ref float x0, ref float x1, ref float x2, ref float x3, int xTermStride, ref float s, int terms, float scale)
    {
        int col = 0;
        for (; col + 32 <= cols; col += 32)
        {
            nuint at = (nuint)col;
            Vector512<float> p0 = Vector512.LoadUnsafe(ref c0, at), q0 = Vector512.LoadUnsafe(ref c0, at + 16);
            Vector512<float> p1 = Vector512.LoadUnsafe(ref c1, at), q1 = Vector512.LoadUnsafe(ref c1, at + 16);
            Vector512<float> p2 = Vector512.LoadUnsafe(ref c2, at), q2 = Vector512.LoadUnsafe(ref c2, at + 16);
            Vector512<float> p3 = Vector512.LoadUnsafe(ref c3, at), q3 = Vector512.LoadUnsafe(ref c3, at + 16);
            for (int t = 0; t < terms; t++)
            {
                int xt = t * xTermStride;
                nuint st = (nuint)((t * cols) + col);
                Vector512<float> s0 = Vector512.LoadUnsafe(ref s, st);
                Vector512<float> s1 = Vector512.LoadUnsafe(ref s, st + 16);
                Vector512<float> k0 = Vector512.Create(scale * Unsafe.Add(ref x0, xt));
                Vector512<float> k1 = Vector512.Create(scale * Unsafe.Add(ref x1, xt));
                Vector512<float> k2 = Vector512.Create(scale * Unsafe.Add(ref x2, xt));
                Vector512<float> k3 = Vector512.Create(scale * Unsafe.Add(ref x3, xt));
                p0 = Avx512F.FusedMultiplyAdd(k0, s0, p0);
                q0 = Avx512F.FusedMultiplyAdd(k0, s1, q0);
                p1 = Avx512F.FusedMultiplyAdd(k1, s0, p1);
                q1 = Avx512F.FusedMultiplyAdd(k1, s1, q1);
                p2 = Avx512F.FusedMultiplyAdd(k2, s0, p2);
                q2 = Avx512F.FusedMultiplyAdd(k2, s1, q2);
                p3 = Avx512F.FusedMultiplyAdd(k3, s0, p3);
                q3 = Avx512F.FusedMultiplyAdd(k3, s1, q3);
            }

            p0.StoreUnsafe(ref c0, at);
            q0.StoreUnsafe(ref c0, at + 16);
            p1.StoreUnsafe(ref c1, at);
            q1.StoreUnsafe(ref c1, at + 16);
            p2.StoreUnsafe(ref c2, at);
            q2.StoreUnsafe(ref c2, at + 16);
            p3.StoreUnsafe(ref c3, at);
            q3.StoreUnsafe(ref c3, at + 16);
        }

        return col;
    }
}
#endif
