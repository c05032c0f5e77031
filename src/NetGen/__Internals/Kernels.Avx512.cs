#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.__Internals;

// The kernels' 512-bit paths, taken at run time where the CPU runs 512-bit vectors at full speed
// (Vector512.IsHardwareAccelerated): the batch products with larger register blocks than the Vector<T> kernels (16 to
// 24 accumulators of 16 floats), and the online product, rank-one update and TrainSequence's fused step at 512 bits.
// Where the sums run across lanes (AccumulateRows, the rank-one update) they compute the same sums in the same order
// per element as the 256-bit kernels, so those results do not depend on the width; the dot products
// (MultiplyTransposed) reduce 16 lanes instead of 8, so their last bits do.
public static partial class Kernels
{
    /// <summary>
    /// Whether the 512-bit batch kernels run: AVX-512F, the runtime reports 512-bit vectors as fast, and
    /// <see cref="System.Numerics.Vector{T}"/> has its default 256 bits (so the other kernels' multiply-adds are
    /// fused too, and an element computed by either gets the same bits).
    /// </summary>
    private static bool Wide512
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && System.Numerics.Vector<byte>.Count == 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma512<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load512<T>(ref T source, nuint index)
        where T : unmanaged => Vector512.LoadUnsafe(ref source, index);

    /// <summary>
    /// <see cref="AccumulateRows"/> with scale 1 over the columns that fill whole 512-bit vectors: C[r, :] +=
    /// Σ_t x[r·xRowStride + t·xTermStride] · S[t, :]. Blocks of 4 rows × 4 vectors (64 floats) keep 16 accumulators
    /// in registers over all the terms: per term, 4 loads of S and 4 broadcasts of x feed 16 multiply-adds. The
    /// column blocks are the outer loop, so the block of S they read ([terms, 4 vectors]) stays in the L1 cache
    /// while every block of rows passes over it. Each element is its own chain of fused multiply-adds over t in
    /// order, as in the 256-bit kernel, so the results are the same bits. Returns the columns done; the caller does
    /// the rest.
    /// </summary>
    [MethodImpl(Optimized)]
    private static int AccumulateRowsAvx512<T>(ref T c, int rows, int cols, ref T x, int xRowStride, int xTermStride, ref T s, int terms)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        int col = 0;
        for (; col + (4 * w) <= cols; col += 4 * w)
        {
            RowBlocksAvx512<T, Block4x4, Block1x4>(ref c, rows, cols, col, ref x, xRowStride, xTermStride, ref s, terms);
        }

        if (col + (2 * w) <= cols)
        {
            RowBlocksAvx512<T, Block4x2, Block1x2>(ref c, rows, cols, col, ref x, xRowStride, xTermStride, ref s, terms);
            col += 2 * w;
        }

        if (col + w <= cols)
        {
            RowBlocksAvx512<T, Block4x1, Block1x1>(ref c, rows, cols, col, ref x, xRowStride, xTermStride, ref s, terms);
            col += w;
        }

        return col;
    }

    /// <summary>
    /// Every row of C over one block's columns from <paramref name="col"/>: 4 rows at a time with
    /// <typeparamref name="TFour"/>, then one at a time with <typeparamref name="TOne"/> (the same number of vectors).
    /// </summary>
    [MethodImpl(Optimized)]
    private static void RowBlocksAvx512<T, TFour, TOne>(ref T c, int rows, int cols, int col, ref T x, int xRowStride, int xTermStride, ref T s, int terms)
        where T : unmanaged
        where TFour : struct, IBlock
        where TOne : struct, IBlock
    {
        ref T sc = ref Unsafe.Add(ref s, col);
        int r = 0;
        for (; r + 3 < rows; r += 4)
        {
            BlockAvx512<T, TFour>(ref Unsafe.Add(ref c, (r * cols) + col), cols, ref Unsafe.Add(ref x, r * xRowStride), xRowStride, xTermStride, ref sc, terms);
        }

        for (; r < rows; r++)
        {
            BlockAvx512<T, TOne>(ref Unsafe.Add(ref c, (r * cols) + col), cols, ref Unsafe.Add(ref x, r * xRowStride), xRowStride, xTermStride, ref sc, terms);
        }
    }

    /// <summary>
    /// One register block: <typeparamref name="TBlock"/>'s rows (4 or 1) of C × its vectors (1, 2 or 4), loaded once,
    /// accumulated over every term, stored once. The JIT compiles each block size on its own with the sizes as
    /// constants, so the unused accumulators and their branches are compiled away (inlining one body with constant
    /// arguments does not work here: the JIT does not inline a method with this many locals).
    /// </summary>
    [MethodImpl(Optimized)]
    private static void BlockAvx512<T, TBlock>(ref T c, int cols, ref T x, int xRowStride, int xTermStride, ref T s, int terms)
        where T : unmanaged
        where TBlock : struct, IBlock
    {
        int blockRows = TBlock.Rows;
        int vectors = TBlock.Vectors;
        nuint w = (nuint)Vector512<T>.Count;
        nuint stride = (nuint)cols;
        ref T c1 = ref Unsafe.Add(ref c, blockRows > 1 ? cols : 0);
        ref T c2 = ref Unsafe.Add(ref c, blockRows > 1 ? 2 * cols : 0);
        ref T c3 = ref Unsafe.Add(ref c, blockRows > 1 ? 3 * cols : 0);
        Vector512<T> a00 = Load512(ref c, 0), a01 = default, a02 = default, a03 = default;
        Vector512<T> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<T> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<T> a30 = default, a31 = default, a32 = default, a33 = default;
        if (vectors > 1)
        {
            a01 = Load512(ref c, w);
        }

        if (vectors > 2)
        {
            a02 = Load512(ref c, 2 * w);
            a03 = Load512(ref c, 3 * w);
        }

        if (blockRows > 1)
        {
            a10 = Load512(ref c1, 0);
            a20 = Load512(ref c2, 0);
            a30 = Load512(ref c3, 0);
            if (vectors > 1)
            {
                a11 = Load512(ref c1, w);
                a21 = Load512(ref c2, w);
                a31 = Load512(ref c3, w);
            }

            if (vectors > 2)
            {
                a12 = Load512(ref c1, 2 * w);
                a13 = Load512(ref c1, 3 * w);
                a22 = Load512(ref c2, 2 * w);
                a23 = Load512(ref c2, 3 * w);
                a32 = Load512(ref c3, 2 * w);
                a33 = Load512(ref c3, 3 * w);
            }
        }

        ref T x1 = ref Unsafe.Add(ref x, blockRows > 1 ? xRowStride : 0);
        ref T x2 = ref Unsafe.Add(ref x, blockRows > 1 ? 2 * xRowStride : 0);
        ref T x3 = ref Unsafe.Add(ref x, blockRows > 1 ? 3 * xRowStride : 0);
        nuint xt = 0;
        nuint st = 0;
        for (int t = 0; t < terms; t++)
        {
            Vector512<T> s0 = Load512(ref s, st);
            Vector512<T> s1 = vectors > 1 ? Load512(ref s, st + w) : default;
            Vector512<T> s2 = vectors > 2 ? Load512(ref s, st + (2 * w)) : default;
            Vector512<T> s3 = vectors > 2 ? Load512(ref s, st + (3 * w)) : default;
            Vector512<T> k0 = Vector512.Create(Unsafe.Add(ref x, xt));
            a00 = Fma512(k0, s0, a00);
            if (vectors > 1)
            {
                a01 = Fma512(k0, s1, a01);
            }

            if (vectors > 2)
            {
                a02 = Fma512(k0, s2, a02);
                a03 = Fma512(k0, s3, a03);
            }

            if (blockRows > 1)
            {
                Vector512<T> k1 = Vector512.Create(Unsafe.Add(ref x1, xt));
                Vector512<T> k2 = Vector512.Create(Unsafe.Add(ref x2, xt));
                Vector512<T> k3 = Vector512.Create(Unsafe.Add(ref x3, xt));
                a10 = Fma512(k1, s0, a10);
                a20 = Fma512(k2, s0, a20);
                a30 = Fma512(k3, s0, a30);
                if (vectors > 1)
                {
                    a11 = Fma512(k1, s1, a11);
                    a21 = Fma512(k2, s1, a21);
                    a31 = Fma512(k3, s1, a31);
                }

                if (vectors > 2)
                {
                    a12 = Fma512(k1, s2, a12);
                    a13 = Fma512(k1, s3, a13);
                    a22 = Fma512(k2, s2, a22);
                    a23 = Fma512(k2, s3, a23);
                    a32 = Fma512(k3, s2, a32);
                    a33 = Fma512(k3, s3, a33);
                }
            }

            xt += (nuint)xTermStride;
            st += stride;
        }

        a00.StoreUnsafe(ref c, 0);
        if (vectors > 1)
        {
            a01.StoreUnsafe(ref c, w);
        }

        if (vectors > 2)
        {
            a02.StoreUnsafe(ref c, 2 * w);
            a03.StoreUnsafe(ref c, 3 * w);
        }

        if (blockRows > 1)
        {
            a10.StoreUnsafe(ref c1, 0);
            a20.StoreUnsafe(ref c2, 0);
            a30.StoreUnsafe(ref c3, 0);
            if (vectors > 1)
            {
                a11.StoreUnsafe(ref c1, w);
                a21.StoreUnsafe(ref c2, w);
                a31.StoreUnsafe(ref c3, w);
            }

            if (vectors > 2)
            {
                a12.StoreUnsafe(ref c1, 2 * w);
                a13.StoreUnsafe(ref c1, 3 * w);
                a22.StoreUnsafe(ref c2, 2 * w);
                a23.StoreUnsafe(ref c2, 3 * w);
                a32.StoreUnsafe(ref c3, 2 * w);
                a33.StoreUnsafe(ref c3, 3 * w);
            }
        }
    }

    /// <summary>A register block's size, as constants the JIT folds into each instantiation.</summary>
    private interface IBlock
    {
        static abstract int Rows { get; }

        static abstract int Vectors { get; }
    }

    private struct Block4x4 : IBlock
    {
        public static int Rows => 4;

        public static int Vectors => 4;
    }

    private struct Block6x4 : IBlock
    {
        public static int Rows => 6;

        public static int Vectors => 4;
    }

    private struct Block4x2 : IBlock
    {
        public static int Rows => 4;

        public static int Vectors => 2;
    }

    private struct Block4x1 : IBlock
    {
        public static int Rows => 4;

        public static int Vectors => 1;
    }

    private struct Block1x4 : IBlock
    {
        public static int Rows => 1;

        public static int Vectors => 4;
    }

    private struct Block1x2 : IBlock
    {
        public static int Rows => 1;

        public static int Vectors => 2;
    }

    private struct Block1x1 : IBlock
    {
        public static int Rows => 1;

        public static int Vectors => 1;
    }

    /// <summary>
    /// The register blocks of <c>MultiplyTransposed</c> with 512-bit vectors: rows of A 6 at a time (then 4) against
    /// rows [0, n4) of B 4 at a time (n4 a multiple of 4, k at least one vector). Returns the rows of A done, a
    /// multiple of 2 (the caller does the last m mod 2 or so, and columns n4.. of every row). A 6 x 4 block keeps 24
    /// accumulators: each load of A feeds 4 multiply-adds and each load of B 6, and B, which streams from the L2 cache
    /// past A's rows (in L1), is read once per 6 rows of A. A k that is not a whole number of vectors ends with one
    /// vector overlapping the last full one, its already counted lanes masked to zero. The sums are reduced across
    /// lanes together (the 512-bit halves added, then horizontal adds two rows at a time).
    /// </summary>
    [MethodImpl(Optimized)]
    private static int MultiplyTransposedAvx512<T>(ref T a, ref T b, ref T bias, bool hasBias, bool accumulate, ref T c, int m, int n4, int n, int k)
        where T : unmanaged
    {
        int i = 0;
        for (; i + 6 <= m; i += 6)
        {
            DotRowsAvx512<T, Block6x4>(ref a, ref b, ref bias, hasBias, accumulate, ref c, i, n4, n, k);
        }

        for (; i + 4 <= m; i += 4)
        {
            DotRowsAvx512<T, Block4x4>(ref a, ref b, ref bias, hasBias, accumulate, ref c, i, n4, n, k);
        }

        return i;
    }

    /// <summary>Rows i.. of A (<typeparamref name="TBlock"/>'s rows) against every block of 4 rows of B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotRowsAvx512<T, TBlock>(ref T a, ref T b, ref T bias, bool hasBias, bool accumulate, ref T c, int i, int n4, int n, int k)
        where T : unmanaged
        where TBlock : struct, IBlock
    {
        ref T ai = ref Unsafe.Add(ref a, i * k);
        ref T ci = ref Unsafe.Add(ref c, i * n);
        for (int j = 0; j < n4; j += 4)
        {
            ref T offset = ref accumulate ? ref Unsafe.Add(ref ci, j) : ref Unsafe.Add(ref bias, j);
            DotBlockAvx512<T, TBlock>(ref ai, ref Unsafe.Add(ref b, j * k), k, ref offset, accumulate ? n : 0, hasBias || accumulate, ref Unsafe.Add(ref ci, j), n);
        }
    }

    /// <summary>
    /// c[r*n + q] = offset[r*offsetStride + q] (if <paramref name="hasOffset"/>) + Σ_kk a[r*k + kk] b[q*k + kk] for
    /// r &lt; <typeparamref name="TBlock"/>'s rows (4 or 6), q &lt; 4. Compiled once per block size, the size a constant.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void DotBlockAvx512<T, TBlock>(ref T a, ref T b, int k, ref T offset, int offsetStride, bool hasOffset, ref T c, int n)
        where T : unmanaged
        where TBlock : struct, IBlock
    {
        bool six = TBlock.Rows == 6;
        nuint w = (nuint)Vector512<T>.Count;
        nuint ku = (nuint)k;
        ref T a1 = ref Unsafe.Add(ref a, k);
        ref T a2 = ref Unsafe.Add(ref a, 2 * k);
        ref T a3 = ref Unsafe.Add(ref a, 3 * k);
        ref T a4 = ref Unsafe.Add(ref a, six ? 4 * k : 0);
        ref T a5 = ref Unsafe.Add(ref a, six ? 5 * k : 0);
        ref T b1 = ref Unsafe.Add(ref b, k);
        ref T b2 = ref Unsafe.Add(ref b, 2 * k);
        ref T b3 = ref Unsafe.Add(ref b, 3 * k);
        Vector512<T> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<T> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<T> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<T> s30 = default, s31 = default, s32 = default, s33 = default;
        Vector512<T> s40 = default, s41 = default, s42 = default, s43 = default;
        Vector512<T> s50 = default, s51 = default, s52 = default, s53 = default;
        Vector512<T> keep = Vector512<T>.AllBitsSet;
        nuint kk = 0;
        nuint last = ku - (ku % w);
        while (true)
        {
            nuint at = kk;
            if (kk >= last)
            {
                if (kk >= ku)
                {
                    break;
                }

                // The last vector of columns ends at k; its first w - (k - kk) lanes are already counted: mask them out.
                at = ku - w;
                keep = LaneMask512<T>((int)(w - (ku - kk)));
            }

            Vector512<T> v0 = Load512(ref b, at) & keep, v1 = Load512(ref b1, at) & keep, v2 = Load512(ref b2, at) & keep, v3 = Load512(ref b3, at) & keep;
            Vector512<T> u = Load512(ref a, at);
            s00 = Fma512(u, v0, s00);
            s01 = Fma512(u, v1, s01);
            s02 = Fma512(u, v2, s02);
            s03 = Fma512(u, v3, s03);
            u = Load512(ref a1, at);
            s10 = Fma512(u, v0, s10);
            s11 = Fma512(u, v1, s11);
            s12 = Fma512(u, v2, s12);
            s13 = Fma512(u, v3, s13);
            u = Load512(ref a2, at);
            s20 = Fma512(u, v0, s20);
            s21 = Fma512(u, v1, s21);
            s22 = Fma512(u, v2, s22);
            s23 = Fma512(u, v3, s23);
            u = Load512(ref a3, at);
            s30 = Fma512(u, v0, s30);
            s31 = Fma512(u, v1, s31);
            s32 = Fma512(u, v2, s32);
            s33 = Fma512(u, v3, s33);
            if (six)
            {
                u = Load512(ref a4, at);
                s40 = Fma512(u, v0, s40);
                s41 = Fma512(u, v1, s41);
                s42 = Fma512(u, v2, s42);
                s43 = Fma512(u, v3, s43);
                u = Load512(ref a5, at);
                s50 = Fma512(u, v0, s50);
                s51 = Fma512(u, v1, s51);
                s52 = Fma512(u, v2, s52);
                s53 = Fma512(u, v3, s53);
            }

            kk += w;
        }

        StoreRowPair(s00, s01, s02, s03, s10, s11, s12, s13, ref offset, offsetStride, hasOffset, ref c, n);
        StoreRowPair(s20, s21, s22, s23, s30, s31, s32, s33, ref Unsafe.Add(ref offset, 2 * offsetStride), offsetStride, hasOffset, ref Unsafe.Add(ref c, 2 * n), n);
        if (six)
        {
            StoreRowPair(s40, s41, s42, s43, s50, s51, s52, s53, ref Unsafe.Add(ref offset, 4 * offsetStride), offsetStride, hasOffset, ref Unsafe.Add(ref c, 4 * n), n);
        }
    }

    /// <summary>
    /// Two rows of a dot-product block: c[q] = offset[q] + Σ lanes of r0q and c[n + q] = offset[offsetStride + q] +
    /// Σ lanes of r1q, q &lt; 4 (the offset only if <paramref name="hasOffset"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowPair<T>(Vector512<T> r00, Vector512<T> r01, Vector512<T> r02, Vector512<T> r03, Vector512<T> r10, Vector512<T> r11, Vector512<T> r12, Vector512<T> r13, ref T offset, int offsetStride, bool hasOffset, ref T c, int n)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            // [row 0: 4 sums | row 1: 4 sums]
            Vector256<float> sums = Sum8Rows(Half(r00), Half(r01), Half(r02), Half(r03), Half(r10), Half(r11), Half(r12), Half(r13));
            ref float o = ref Unsafe.As<T, float>(ref offset);
            ref float cf = ref Unsafe.As<T, float>(ref c);
            Vector128<float> q0 = sums.GetLower(), q1 = sums.GetUpper();
            if (hasOffset)
            {
                q0 += Vector128.LoadUnsafe(ref o);
                q1 += Vector128.LoadUnsafe(ref Unsafe.Add(ref o, offsetStride));
            }

            q0.StoreUnsafe(ref cf);
            q1.StoreUnsafe(ref Unsafe.Add(ref cf, n));
        }
        else
        {
            Vector256<double> q0 = Sum4Rows(HalfD(r00), HalfD(r01), HalfD(r02), HalfD(r03));
            Vector256<double> q1 = Sum4Rows(HalfD(r10), HalfD(r11), HalfD(r12), HalfD(r13));
            ref double o = ref Unsafe.As<T, double>(ref offset);
            ref double cd = ref Unsafe.As<T, double>(ref c);
            if (hasOffset)
            {
                q0 += Vector256.LoadUnsafe(ref o);
                q1 += Vector256.LoadUnsafe(ref Unsafe.Add(ref o, offsetStride));
            }

            q0.StoreUnsafe(ref cd);
            q1.StoreUnsafe(ref Unsafe.Add(ref cd, n));
        }
    }

    /// <summary>All ones in lanes from <paramref name="first"/> on, zero below (the lanes of an overlapping last vector to keep).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LaneMask512<T>(int first)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Vector512<int> lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            return Vector512.GreaterThanOrEqual(lanes, Vector512.Create(first)).As<int, T>();
        }

        Vector512<long> lanesD = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        return Vector512.GreaterThanOrEqual(lanesD, Vector512.Create((long)first)).As<long, T>();
    }

    /// <summary>The two 256-bit halves of a float accumulator added: the same 16 products in 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Half<T>(Vector512<T> v)
        where T : unmanaged
    {
        Vector512<float> f = v.AsSingle();
        return f.GetLower() + f.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> HalfD<T>(Vector512<T> v)
        where T : unmanaged
    {
        Vector512<double> d = v.AsDouble();
        return d.GetLower() + d.GetUpper();
    }

    /// <summary>
    /// The lane sums of 8 float accumulators as one vector [Σs0, ..., Σs7]: hadd(s0, s1) = [s0 pairs, s1 pairs] per
    /// 128-bit half, a second level gives [s0 s1 s2 s3] per half, then the halves are added. Every dot-product kernel
    /// reduces its rows this way (the 256- and 512-bit ones alike), so a row gets the same bits from each;
    /// <see cref="Sum4Rows(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/> is its first half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sum8Rows(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3, Vector256<float> s4, Vector256<float> s5, Vector256<float> s6, Vector256<float> s7)
    {
        Vector256<float> u0 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        Vector256<float> u1 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
        return Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
    }

    /// <summary>The lane sums of 4 float accumulators [Σs0, Σs1, Σs2, Σs3]: <see cref="Sum8Rows"/>'s tree for its first 4 rows, the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4Rows(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
    {
        Vector256<float> u = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        return u.GetLower() + u.GetUpper();
    }

    /// <summary>The lane sums of 4 double accumulators as one vector [Σs0, Σs1, Σs2, Σs3]: hadd(s0, s1) = [s0 pair, s1 pair] per 128-bit half, then the halves added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Sum4Rows(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
    {
        Vector256<double> u0 = Avx.HorizontalAdd(s0, s1), u1 = Avx.HorizontalAdd(s2, s3);
        return Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
    }

    /// <summary>
    /// c[0..8) = offset[0..8) (if <paramref name="hasOffset"/>) + (one row of A against 8 rows of B: b, b + k, ...,
    /// b + 7k) with 512-bit vectors, k at least one vector: the online product. The 8 accumulators' halves are added,
    /// then reduced together with <see cref="Sum8Rows"/>; a k that is not a whole number of vectors ends with one
    /// overlapping vector whose already counted lanes are masked out.
    /// </summary>
    [MethodImpl(Optimized)]
    private static void Dot1x8Avx512<T>(ref T a, ref T b, int k, ref T offset, bool hasOffset, ref T c)
        where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count;
        nuint ku = (nuint)k;
        ref T b1 = ref Unsafe.Add(ref b, k);
        ref T b2 = ref Unsafe.Add(ref b, 2 * k);
        ref T b3 = ref Unsafe.Add(ref b, 3 * k);
        ref T b4 = ref Unsafe.Add(ref b, 4 * k);
        ref T b5 = ref Unsafe.Add(ref b, 5 * k);
        ref T b6 = ref Unsafe.Add(ref b, 6 * k);
        ref T b7 = ref Unsafe.Add(ref b, 7 * k);
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        nuint kk = 0;
        for (; kk + w <= ku; kk += w)
        {
            Vector512<T> u = Load512(ref a, kk);
            s0 = Fma512(u, Load512(ref b, kk), s0);
            s1 = Fma512(u, Load512(ref b1, kk), s1);
            s2 = Fma512(u, Load512(ref b2, kk), s2);
            s3 = Fma512(u, Load512(ref b3, kk), s3);
            s4 = Fma512(u, Load512(ref b4, kk), s4);
            s5 = Fma512(u, Load512(ref b5, kk), s5);
            s6 = Fma512(u, Load512(ref b6, kk), s6);
            s7 = Fma512(u, Load512(ref b7, kk), s7);
        }

        if (kk < ku)
        {
            nuint t = ku - w;
            Vector512<T> u = Load512(ref a, t) & LaneMask512<T>((int)(w - (ku - kk)));
            s0 = Fma512(u, Load512(ref b, t), s0);
            s1 = Fma512(u, Load512(ref b1, t), s1);
            s2 = Fma512(u, Load512(ref b2, t), s2);
            s3 = Fma512(u, Load512(ref b3, t), s3);
            s4 = Fma512(u, Load512(ref b4, t), s4);
            s5 = Fma512(u, Load512(ref b5, t), s5);
            s6 = Fma512(u, Load512(ref b6, t), s6);
            s7 = Fma512(u, Load512(ref b7, t), s7);
        }

        if (typeof(T) == typeof(float))
        {
            Vector256<float> sums = Sum8Rows(Half(s0), Half(s1), Half(s2), Half(s3), Half(s4), Half(s5), Half(s6), Half(s7));
            (hasOffset ? Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref offset)) + sums : sums).StoreUnsafe(ref Unsafe.As<T, float>(ref c));
        }
        else
        {
            Vector256<double> low = Sum4Rows(HalfD(s0), HalfD(s1), HalfD(s2), HalfD(s3));
            Vector256<double> high = Sum4Rows(HalfD(s4), HalfD(s5), HalfD(s6), HalfD(s7));
            ref double o = ref Unsafe.As<T, double>(ref offset);
            ref double cd = ref Unsafe.As<T, double>(ref c);
            (hasOffset ? Vector256.LoadUnsafe(ref o) + low : low).StoreUnsafe(ref cd);
            (hasOffset ? Vector256.LoadUnsafe(ref o, 4) + high : high).StoreUnsafe(ref cd, 4);
        }
    }

    /// <summary>
    /// <c>RankOneRow</c> with 512-bit vectors (cols at least one vector): the same scheme (stores aligned to the
    /// vector from the first aligned element; the unaligned head and tail one overlapping vector each, computed
    /// from the original values before the loop) and the same fused multiply-add per element, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RankOneRowAvx512<T>(ref T c, int cols, T k, ref T s)
        where T : unmanaged
    {
        nuint w = (nuint)Vector512<T>.Count;
        nuint n = (nuint)cols;
        Vector512<T> kv = Vector512.Create(k);
        nuint last = n - w;
        Vector512<T> head = Fma512(kv, Load512(ref s, 0), Load512(ref c, 0));
        Vector512<T> tail = Fma512(kv, Load512(ref s, last), Load512(ref c, last));
        nuint col = (nuint)Peel(ref c, Vector512<byte>.Count);
        for (; col + (2 * w) <= n; col += 2 * w)
        {
            Vector512<T> c0 = Load512(ref c, col);
            Vector512<T> c1 = Load512(ref c, col + w);
            Fma512(kv, Load512(ref s, col), c0).StoreUnsafe(ref c, col);
            Fma512(kv, Load512(ref s, col + w), c1).StoreUnsafe(ref c, col + w);
        }

        if (col + w <= n)
        {
            Fma512(kv, Load512(ref s, col), Load512(ref c, col)).StoreUnsafe(ref c, col);
        }

        head.StoreUnsafe(ref c, 0);
        tail.StoreUnsafe(ref c, last);
    }
}
#endif
