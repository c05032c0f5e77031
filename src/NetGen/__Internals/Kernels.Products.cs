using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.__Internals;

// The matrix products: C = A Bᵀ (+ bias, or += C), register-blocked dot products.
public static partial class Kernels
{
    /// <summary>
    /// C = A Bᵀ + 1 biasᵀ: <c>c[i*n + j] = bias[j] + Σ_k a[i*k + kk] b[j*k + kk]</c> for i &lt; m, j &lt; n.
    /// A is [m, k], B is [n, k] (a weight matrix [out, in]), C is [m, n]; an empty <paramref name="bias"/> means none.
    /// </summary>
    public static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int n, int k)
        where T : unmanaged
    {
        Require(bias.IsEmpty || bias.Length >= n);
        MultiplyTransposed(a, b, bias, c, m, n, k, accumulate: false);
    }

    /// <summary>
    /// C += A Bᵀ: <c>c[i*n + j] += Σ_kk a[i*k + kk] b[j*k + kk]</c>. With A = Δᵀ [out, m] and B = Aᵀ [in, m] (a batch
    /// stored one row per unit, the examples along the row) this is BP4 summed over the batch: long dot products, one
    /// horizontal sum per weight.
    /// </summary>
    public static void MultiplyTransposedAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged =>
        MultiplyTransposed(a, b, ReadOnlySpan<T>.Empty, c, m, n, k, accumulate: true);

    [MethodImpl(Optimized)]
    private static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged
    {
        Require(m >= 0 && n >= 0 && k >= 0 && a.Length >= (long)m * k && b.Length >= (long)n * k && c.Length >= (long)m * n);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rc = ref MemoryMarshal.GetReference(c);

        // The value each result is added to: the bias, the current value of C (accumulate), or nothing.
        bool hasBias = !bias.IsEmpty;
        ref T rbias = ref MemoryMarshal.GetReference(bias);
        int i = 0;
#if NET8_0_OR_GREATER
        if (Wide512 && m >= 4 && n >= 4 && k >= Vector512<T>.Count)
        {
            // 6 x 4 and 4 x 4 blocks of 512-bit dot products; the last n mod 4 columns of those rows one dot product
            // each, and the rows they leave (fewer than 4) below.
            int n4 = n & ~3;
            int blocked = MultiplyTransposedAvx512(ref ra, ref rb, ref rbias, hasBias, accumulate, ref rc, m, n4, n, k);
            for (; i < blocked; i++)
            {
                for (int j = n4; j < n; j++)
                {
                    ref T cij = ref Unsafe.Add(ref rc, (i * n) + j);
                    T offset = hasBias ? Unsafe.Add(ref rbias, j) : default;
                    cij = Scalar<T>.Add(accumulate ? cij : offset, Dot(ref Unsafe.Add(ref ra, i * k), ref Unsafe.Add(ref rb, j * k), k));
                }
            }
        }
#endif
        for (; i + 1 < m; i += 2)
        {
            ref T a0 = ref Unsafe.Add(ref ra, i * k);
            ref T a1 = ref Unsafe.Add(ref ra, (i + 1) * k);
            int j = 0;
            for (; j + 3 < n; j += 4)
            {
                Dot2x4(ref a0, ref a1, ref Unsafe.Add(ref rb, j * k), k, out Quad r0, out Quad r1);
                Write(ref Unsafe.Add(ref rc, (i * n) + j), r0, hasBias, accumulate, ref Unsafe.Add(ref rbias, j));
                Write(ref Unsafe.Add(ref rc, ((i + 1) * n) + j), r1, hasBias, accumulate, ref Unsafe.Add(ref rbias, j));
            }

            for (; j < n; j++)
            {
                ref T bj = ref Unsafe.Add(ref rb, j * k);
                ref T c0 = ref Unsafe.Add(ref rc, (i * n) + j);
                ref T c1 = ref Unsafe.Add(ref rc, ((i + 1) * n) + j);
                T offset = hasBias ? Unsafe.Add(ref rbias, j) : default;
                c0 = Scalar<T>.Add(accumulate ? c0 : offset, Dot(ref a0, ref bj, k));
                c1 = Scalar<T>.Add(accumulate ? c1 : offset, Dot(ref a1, ref bj, k));
            }
        }

        for (; i < m; i++)
        {
            ref T a0 = ref Unsafe.Add(ref ra, i * k);
            int j = 0;

            // One row of A (the online case): 8 rows of B per pass, so each load of A feeds 8 FMAs.
#if NET8_0_OR_GREATER
            if (Wide512 && k >= Vector512<T>.Count)
            {
                // The same with 512-bit vectors where they run at full speed.
                ref T offsetStart = ref accumulate ? ref Unsafe.Add(ref rc, i * n) : ref rbias;
                for (; j + 7 < n; j += 8)
                {
                    Dot1x8Avx512(ref a0, ref Unsafe.Add(ref rb, j * k), k, ref Unsafe.Add(ref offsetStart, j), hasBias || accumulate, ref Unsafe.Add(ref rc, (i * n) + j));
                }
            }

            if (Fma.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32 && k >= Vector<T>.Count)
            {
                // AVX: the 8 accumulators are reduced across lanes together, straight into the 8 results.
                ref T offsetStart = ref accumulate ? ref Unsafe.Add(ref rc, i * n) : ref rbias;
                for (; j + 7 < n; j += 8)
                {
                    Dot1x8Avx(ref a0, ref Unsafe.Add(ref rb, j * k), k, ref Unsafe.Add(ref offsetStart, j), hasBias || accumulate, ref Unsafe.Add(ref rc, (i * n) + j));
                }
            }
#endif
            for (; j + 7 < n; j += 8)
            {
                Dot1x8(ref a0, ref Unsafe.Add(ref rb, j * k), k, out Quad r0, out Quad r1);
                Write(ref Unsafe.Add(ref rc, (i * n) + j), r0, hasBias, accumulate, ref Unsafe.Add(ref rbias, j));
                Write(ref Unsafe.Add(ref rc, (i * n) + j + 4), r1, hasBias, accumulate, ref Unsafe.Add(ref rbias, j + 4));
            }

            for (; j < n; j++)
            {
                ref T c0 = ref Unsafe.Add(ref rc, (i * n) + j);
                T offset = hasBias ? Unsafe.Add(ref rbias, j) : default;
                c0 = Scalar<T>.Add(accumulate ? c0 : offset, Dot(ref a0, ref Unsafe.Add(ref rb, j * k), k));
            }
        }
    }

    private static T Dot<T>(ref T a, ref T b, int k)
        where T : unmanaged
    {
        int w = Vector<T>.Count;
        Vector<T> acc = Vector<T>.Zero;
        int kk = 0;
        for (; kk + w <= k; kk += w)
        {
            acc = MulAdd(Load(ref a, kk), Load(ref b, kk), acc);
        }

        return Tail(acc, ref a, ref b, kk, k);
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// c[0..8) = offset[0..8) (if <paramref name="hasOffset"/>) + (one row of A against 8 rows of B: b, b + k, ...,
    /// b + 7k), with AVX and FMA, for k at least one vector. The 8 accumulators are reduced across lanes together
    /// (horizontal adds, then one add of the two 128-bit halves) instead of one horizontal sum each. A k that is not
    /// a whole number of vectors ends with one vector that overlaps the last full one; the products of the
    /// overlapped lanes are masked to zero. (A last block of 4 to 7 rows through here, the unused accumulators
    /// repeating a row, measured no faster than one dot product per row: 12 x 32 took 49 against 52 ns.)
    /// </summary>
    [MethodImpl(Optimized)]
    private static void Dot1x8Avx<T>(ref T a, ref T b, int k, ref T offset, bool hasOffset, ref T c)
        where T : unmanaged
    {
        int kk = Accumulate1x8(ref a, ref b, k, out Vector<T> s0, out Vector<T> s1, out Vector<T> s2, out Vector<T> s3, out Vector<T> s4, out Vector<T> s5, out Vector<T> s6, out Vector<T> s7);
        if (kk < k)
        {
            // The last vector of columns, of which the first w - (k - kk) are already counted: mask their products out.
            int w = Vector<T>.Count;
            int t = k - w;
            Vector<T> index = typeof(T) == typeof(float)
                ? Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f).As<float, T>().AsVector()
                : Vector256.Create(0d, 1d, 2d, 3d).As<double, T>().AsVector();
            Vector<T> keep = Vector.GreaterThanOrEqual(index, new Vector<T>(Scalar<T>.FromDouble(w - (k - kk))));
            Vector<T> av = Load(ref a, t);
            s0 += (av * Load(ref b, t)) & keep;
            s1 += (av * Load(ref b, k + t)) & keep;
            s2 += (av * Load(ref b, (2 * k) + t)) & keep;
            s3 += (av * Load(ref b, (3 * k) + t)) & keep;
            s4 += (av * Load(ref b, (4 * k) + t)) & keep;
            s5 += (av * Load(ref b, (5 * k) + t)) & keep;
            s6 += (av * Load(ref b, (6 * k) + t)) & keep;
            s7 += (av * Load(ref b, (7 * k) + t)) & keep;
        }

        if (typeof(T) == typeof(float))
        {
            Vector256<float> sums = Sum8Rows(Single(s0), Single(s1), Single(s2), Single(s3), Single(s4), Single(s5), Single(s6), Single(s7));
            ref float co = ref Unsafe.As<T, float>(ref offset);
            (hasOffset ? Vector256.LoadUnsafe(ref co) + sums : sums).StoreUnsafe(ref Unsafe.As<T, float>(ref c));
        }
        else
        {
            Vector256<double> low = Sum4Rows(Double(s0), Double(s1), Double(s2), Double(s3));
            Vector256<double> high = Sum4Rows(Double(s4), Double(s5), Double(s6), Double(s7));
            ref double co = ref Unsafe.As<T, double>(ref offset);
            ref double cc = ref Unsafe.As<T, double>(ref c);
            (hasOffset ? Vector256.LoadUnsafe(ref co) + low : low).StoreUnsafe(ref cc);
            (hasOffset ? Vector256.LoadUnsafe(ref co, 4) + high : high).StoreUnsafe(ref cc, 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Single<T>(Vector<T> v)
        where T : unmanaged => v.AsVector256().As<T, float>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Double<T>(Vector<T> v)
        where T : unmanaged => v.AsVector256().As<T, double>();
#endif

    /// <summary>
    /// The whole vectors of one row of A against 8 rows of B (b, b + k, ... b + 7k): one accumulator per row, each load
    /// of A feeding 8 multiply-adds. Returns where the whole vectors end (the caller adds the rest). No peeling to
    /// alignment: a reduction's order must not depend on where the GC put the array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Accumulate1x8<T>(ref T a, ref T b, int k, out Vector<T> s0, out Vector<T> s1, out Vector<T> s2, out Vector<T> s3, out Vector<T> s4, out Vector<T> s5, out Vector<T> s6, out Vector<T> s7)
        where T : unmanaged
    {
        ref T b1 = ref Unsafe.Add(ref b, k);
        ref T b2 = ref Unsafe.Add(ref b, 2 * k);
        ref T b3 = ref Unsafe.Add(ref b, 3 * k);
        ref T b4 = ref Unsafe.Add(ref b, 4 * k);
        ref T b5 = ref Unsafe.Add(ref b, 5 * k);
        ref T b6 = ref Unsafe.Add(ref b, 6 * k);
        ref T b7 = ref Unsafe.Add(ref b, 7 * k);
        int w = Vector<T>.Count;
        s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = Vector<T>.Zero;
        int kk = 0;
        for (; kk + w <= k; kk += w)
        {
            Vector<T> av = Load(ref a, kk);
            s0 = MulAdd(av, Load(ref b, kk), s0);
            s1 = MulAdd(av, Load(ref b1, kk), s1);
            s2 = MulAdd(av, Load(ref b2, kk), s2);
            s3 = MulAdd(av, Load(ref b3, kk), s3);
            s4 = MulAdd(av, Load(ref b4, kk), s4);
            s5 = MulAdd(av, Load(ref b5, kk), s5);
            s6 = MulAdd(av, Load(ref b6, kk), s6);
            s7 = MulAdd(av, Load(ref b7, kk), s7);
        }

        return kk;
    }

    /// <summary>One row of A against 8 rows of B (b, b + k, ... b + 7k): results in two quads.</summary>
    [MethodImpl(Optimized)]
    private static void Dot1x8<T>(ref T a, ref T b, int k, out Quad result0, out Quad result1)
        where T : unmanaged
    {
        int kk = Accumulate1x8(ref a, ref b, k, out Vector<T> s0, out Vector<T> s1, out Vector<T> s2, out Vector<T> s3, out Vector<T> s4, out Vector<T> s5, out Vector<T> s6, out Vector<T> s7);
        ref T b1 = ref Unsafe.Add(ref b, k);
        ref T b2 = ref Unsafe.Add(ref b, 2 * k);
        ref T b3 = ref Unsafe.Add(ref b, 3 * k);
        ref T b4 = ref Unsafe.Add(ref b, 4 * k);
        ref T b5 = ref Unsafe.Add(ref b, 5 * k);
        ref T b6 = ref Unsafe.Add(ref b, 6 * k);
        ref T b7 = ref Unsafe.Add(ref b, 7 * k);
        result0 = new Quad(Scalar<T>.ToDouble(Tail(s0, ref a, ref b, kk, k)), Scalar<T>.ToDouble(Tail(s1, ref a, ref b1, kk, k)), Scalar<T>.ToDouble(Tail(s2, ref a, ref b2, kk, k)), Scalar<T>.ToDouble(Tail(s3, ref a, ref b3, kk, k)));
        result1 = new Quad(Scalar<T>.ToDouble(Tail(s4, ref a, ref b4, kk, k)), Scalar<T>.ToDouble(Tail(s5, ref a, ref b5, kk, k)), Scalar<T>.ToDouble(Tail(s6, ref a, ref b6, kk, k)), Scalar<T>.ToDouble(Tail(s7, ref a, ref b7, kk, k)));
    }

    [MethodImpl(Optimized)]
    private static void Dot2x4<T>(ref T a0, ref T a1, ref T b, int k, out Quad result0, out Quad result1)
        where T : unmanaged
    {
        ref T b1 = ref Unsafe.Add(ref b, k);
        ref T b2 = ref Unsafe.Add(ref b, 2 * k);
        ref T b3 = ref Unsafe.Add(ref b, 3 * k);
        int w = Vector<T>.Count;
        Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s02 = Vector<T>.Zero, s03 = Vector<T>.Zero;
        Vector<T> s10 = Vector<T>.Zero, s11 = Vector<T>.Zero, s12 = Vector<T>.Zero, s13 = Vector<T>.Zero;
        // No peeling to alignment here: a reduction's order must not depend on where the GC put the array.
        int kk = 0;
        for (; kk + w <= k; kk += w)
        {
            Vector<T> u = Load(ref a0, kk);
            Vector<T> v = Load(ref a1, kk);
            Vector<T> w0 = Load(ref b, kk);
            Vector<T> w1 = Load(ref b1, kk);
            Vector<T> w2 = Load(ref b2, kk);
            Vector<T> w3 = Load(ref b3, kk);
            s00 = MulAdd(u, w0, s00);
            s01 = MulAdd(u, w1, s01);
            s02 = MulAdd(u, w2, s02);
            s03 = MulAdd(u, w3, s03);
            s10 = MulAdd(v, w0, s10);
            s11 = MulAdd(v, w1, s11);
            s12 = MulAdd(v, w2, s12);
            s13 = MulAdd(v, w3, s13);
        }

        result0 = new Quad(Scalar<T>.ToDouble(Tail(s00, ref a0, ref b, kk, k)), Scalar<T>.ToDouble(Tail(s01, ref a0, ref b1, kk, k)), Scalar<T>.ToDouble(Tail(s02, ref a0, ref b2, kk, k)), Scalar<T>.ToDouble(Tail(s03, ref a0, ref b3, kk, k)));
        result1 = new Quad(Scalar<T>.ToDouble(Tail(s10, ref a1, ref b, kk, k)), Scalar<T>.ToDouble(Tail(s11, ref a1, ref b1, kk, k)), Scalar<T>.ToDouble(Tail(s12, ref a1, ref b2, kk, k)), Scalar<T>.ToDouble(Tail(s13, ref a1, ref b3, kk, k)));
    }

    /// <summary>The horizontal sum of <paramref name="acc"/> plus the scalar products from <paramref name="from"/> to k (the tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Tail<T>(Vector<T> acc, ref T a, ref T b, int from, int k)
        where T : unmanaged
    {
        T sum = Vector.Dot(acc, Vector<T>.One);
        for (int kk = from; kk < k; kk++)
        {
            sum = Scalar<T>.Add(sum, Scalar<T>.Mul(Unsafe.Add(ref a, kk), Unsafe.Add(ref b, kk)));
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T>(ref T c, in Quad r, bool hasBias, bool accumulate, ref T bias)
        where T : unmanaged
    {
        ref T start = ref accumulate ? ref c : ref bias;
        bool offset = accumulate || hasBias;
        T b0 = offset ? start : default;
        T b1 = offset ? Unsafe.Add(ref start, 1) : default;
        T b2 = offset ? Unsafe.Add(ref start, 2) : default;
        T b3 = offset ? Unsafe.Add(ref start, 3) : default;
        c = Scalar<T>.Add(b0, Scalar<T>.FromDouble(r.V0));
        Unsafe.Add(ref c, 1) = Scalar<T>.Add(b1, Scalar<T>.FromDouble(r.V1));
        Unsafe.Add(ref c, 2) = Scalar<T>.Add(b2, Scalar<T>.FromDouble(r.V2));
        Unsafe.Add(ref c, 3) = Scalar<T>.Add(b3, Scalar<T>.FromDouble(r.V3));
    }

    /// <summary>Four results of a register block, carried as double (exact for float).</summary>
    private readonly struct Quad
    {
        public Quad(double v0, double v1, double v2, double v3)
        {
            V0 = v0;
            V1 = v1;
            V2 = v2;
            V3 = v3;
        }

        public double V0 { get; }

        public double V1 { get; }

        public double V2 { get; }

        public double V3 { get; }
    }
}
