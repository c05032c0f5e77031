using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen.__Internals;

// The row and column accumulations: C += scale · x S (BP2, BP4), rank-one updates, row and column sums (BP3).
public static partial class Kernels
{
    /// <summary>g[r] += scale · Σ_c d[r*cols + c] for r &lt; rows (BP3 over a batch stored one row per unit: the row sums of Δᵀ).</summary>
    [MethodImpl(Optimized)]
    public static void AddRowSums<T>(ReadOnlySpan<T> d, Span<T> g, int rows, int cols, T scale)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && d.Length >= (long)rows * cols && g.Length >= rows);
        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T rg = ref MemoryMarshal.GetReference(g);
        int w = Vector<T>.Count;
        for (int r = 0; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref rd, r * cols);
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero;
            int col = 0;
            for (; col + (2 * w) <= cols; col += 2 * w)
            {
                acc0 += Load(ref row, col);
                acc1 += Load(ref row, col + w);
            }

            for (; col + w <= cols; col += w)
            {
                acc0 += Load(ref row, col);
            }

            T sum = Vector.Dot(acc0 + acc1, Vector<T>.One);
            for (; col < cols; col++)
            {
                sum = Scalar<T>.Add(sum, Unsafe.Add(ref row, col));
            }

            Unsafe.Add(ref rg, r) = Scalar<T>.Add(Unsafe.Add(ref rg, r), Scalar<T>.Mul(scale, sum));
        }
    }

    /// <summary>
    /// C[r, :] += scale · Σ_t x[r*xRowStride + t*xTermStride] · S[t, :] for r &lt; rows, t &lt; terms.
    /// C is [rows, cols], S is [terms, cols]. With x = Δ [m, out] (strides out, 1) and S = W [out, in] this is
    /// BP2's Δ W; with x = Δ (strides 1, out) and S = A [m, in] it is BP4's Δᵀ A.
    /// </summary>
    [MethodImpl(Optimized)]
    public static void AccumulateRows<T>(Span<T> c, int rows, int cols, ReadOnlySpan<T> x, int xRowStride, int xTermStride, ReadOnlySpan<T> s, int terms, T scale)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && terms >= 0 && xRowStride >= 0 && xTermStride >= 0
            && c.Length >= (long)rows * cols && s.Length >= (long)terms * cols
            && (rows == 0 || terms == 0 || x.Length > ((long)(rows - 1) * xRowStride) + ((long)(terms - 1) * xTermStride)));
        ref T rc = ref MemoryMarshal.GetReference(c);
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rs = ref MemoryMarshal.GetReference(s);
        int w = Vector<T>.Count;
        if (terms == 1)
        {
            // A rank-one update (the online BP4 step): row by row, stores aligned to the vector width, since a
            // store that splits across cache lines costs about as much as the arithmetic here.
            for (int row = 0; row < rows; row++)
            {
                RankOneRow(ref Unsafe.Add(ref rc, row * cols), cols, Scalar<T>.Mul(scale, Unsafe.Add(ref rx, row * xRowStride)), ref rs);
            }

            return;
        }

#if NET8_0_OR_GREATER
        if (Wide512 && Scalar<T>.ToDouble(scale) == 1d)
        {
            // The columns that fill whole 512-bit vectors in larger register blocks (the same bits); the rest below.
            int done = AccumulateRowsAvx512(ref rc, rows, cols, ref rx, xRowStride, xTermStride, ref rs, terms);
            if (done == cols)
            {
                return;
            }

            for (int row = 0; row < rows; row++)
            {
                AccumulateRow(ref Unsafe.Add(ref rc, row * cols), done, cols, ref Unsafe.Add(ref rx, row * xRowStride), xTermStride, ref rs, terms, scale);
            }

            return;
        }
#endif

        int r = 0;
        for (; r + 3 < rows; r += 4)
        {
            ref T c0 = ref Unsafe.Add(ref rc, r * cols);
            ref T c1 = ref Unsafe.Add(ref rc, (r + 1) * cols);
            ref T c2 = ref Unsafe.Add(ref rc, (r + 2) * cols);
            ref T c3 = ref Unsafe.Add(ref rc, (r + 3) * cols);
            ref T x0 = ref Unsafe.Add(ref rx, r * xRowStride);
            ref T x1 = ref Unsafe.Add(ref rx, (r + 1) * xRowStride);
            ref T x2 = ref Unsafe.Add(ref rx, (r + 2) * xRowStride);
            ref T x3 = ref Unsafe.Add(ref rx, (r + 3) * xRowStride);
            int col = 0;
            for (; col + (2 * w) <= cols; col += 2 * w)
            {
                Vector<T> p0 = Load(ref c0, col), q0 = Load(ref c0, col + w);
                Vector<T> p1 = Load(ref c1, col), q1 = Load(ref c1, col + w);
                Vector<T> p2 = Load(ref c2, col), q2 = Load(ref c2, col + w);
                Vector<T> p3 = Load(ref c3, col), q3 = Load(ref c3, col + w);
                for (int t = 0; t < terms; t++)
                {
                    int xt = t * xTermStride;
                    Vector<T> s0 = Load(ref rs, (t * cols) + col);
                    Vector<T> s1 = Load(ref rs, (t * cols) + col + w);
                    var k0 = new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x0, xt)));
                    var k1 = new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x1, xt)));
                    var k2 = new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x2, xt)));
                    var k3 = new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x3, xt)));
                    p0 = MulAdd(k0, s0, p0);
                    q0 = MulAdd(k0, s1, q0);
                    p1 = MulAdd(k1, s0, p1);
                    q1 = MulAdd(k1, s1, q1);
                    p2 = MulAdd(k2, s0, p2);
                    q2 = MulAdd(k2, s1, q2);
                    p3 = MulAdd(k3, s0, p3);
                    q3 = MulAdd(k3, s1, q3);
                }

                Store(ref c0, col, p0);
                Store(ref c0, col + w, q0);
                Store(ref c1, col, p1);
                Store(ref c1, col + w, q1);
                Store(ref c2, col, p2);
                Store(ref c2, col + w, q2);
                Store(ref c3, col, p3);
                Store(ref c3, col + w, q3);
            }

            if (col < cols)
            {
                AccumulateRow(ref c0, col, cols, ref x0, xTermStride, ref rs, terms, scale);
                AccumulateRow(ref c1, col, cols, ref x1, xTermStride, ref rs, terms, scale);
                AccumulateRow(ref c2, col, cols, ref x2, xTermStride, ref rs, terms, scale);
                AccumulateRow(ref c3, col, cols, ref x3, xTermStride, ref rs, terms, scale);
            }
        }

        for (; r < rows; r++)
        {
            AccumulateRow(ref Unsafe.Add(ref rc, r * cols), 0, cols, ref Unsafe.Add(ref rx, r * xRowStride), xTermStride, ref rs, terms, scale);
        }
    }

    /// <summary>g[j] += scale · Σ_i d[i*n + j] for j &lt; n, i &lt; m (BP3 over a batch: the column sums of Δ).</summary>
    [MethodImpl(Optimized)]
    public static void AddColumnSums<T>(ReadOnlySpan<T> d, Span<T> g, int m, int n, T scale)
        where T : unmanaged
    {
        Require(m >= 0 && n >= 0 && d.Length >= (long)m * n && g.Length >= n);
        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T rg = ref MemoryMarshal.GetReference(g);
        var vscale = new Vector<T>(scale);
        int w = Vector<T>.Count;
        int j = 0;
        for (; j + w <= n; j += w)
        {
            Vector<T> sum = Vector<T>.Zero;
            for (int i = 0; i < m; i++)
            {
                sum += Load(ref rd, (i * n) + j);
            }

            Store(ref rg, j, MulAdd(vscale, sum, Load(ref rg, j)));
        }

        for (; j < n; j++)
        {
            T sum = default;
            for (int i = 0; i < m; i++)
            {
                sum = Scalar<T>.Add(sum, Unsafe.Add(ref rd, (i * n) + j));
            }

            Unsafe.Add(ref rg, j) = Scalar<T>.Add(Unsafe.Add(ref rg, j), Scalar<T>.Mul(scale, sum));
        }
    }

    /// <summary>
    /// c[0..cols) += k · s[0..cols) (c and s must not overlap): aligned vector stores from the first vector-aligned
    /// element of c, 2 vectors at a time. The unaligned head and tail are one vector each, loaded before the loop and
    /// stored after it: they overlap elements the loop also writes, but every element is computed from its original
    /// value with the same fused multiply-add, so the overlap writes the same bits twice and the result does not
    /// depend on the array's alignment. (Peeling the head and tail element by element instead cost 240 ns of a
    /// 32 x 64 update that takes 60 ns this way.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RankOneRow<T>(ref T c, int cols, T k, ref T s)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        if (Wide512 && cols >= Vector512<T>.Count)
        {
            RankOneRowAvx512(ref c, cols, k, ref s);
            return;
        }
#endif
        int w = Vector<T>.Count;
        if (cols < w)
        {
            for (int i = 0; i < cols; i++)
            {
                Unsafe.Add(ref c, i) = Scalar<T>.MulAdd(k, Unsafe.Add(ref s, i), Unsafe.Add(ref c, i));
            }

            return;
        }

        var kv = new Vector<T>(k);
        int last = cols - w;
        Vector<T> head = MulAdd(kv, Load(ref s, 0), Load(ref c, 0));
        Vector<T> tail = MulAdd(kv, Load(ref s, last), Load(ref c, last));
        int col = Math.Min(Peel(ref c, Vector<byte>.Count), w);
        for (; col + (2 * w) <= cols; col += 2 * w)
        {
            Vector<T> c0 = Load(ref c, col);
            Vector<T> c1 = Load(ref c, col + w);
            Store(ref c, col, MulAdd(kv, Load(ref s, col), c0));
            Store(ref c, col + w, MulAdd(kv, Load(ref s, col + w), c1));
        }

        if (col + w <= cols)
        {
            Store(ref c, col, MulAdd(kv, Load(ref s, col), Load(ref c, col)));
        }

        Store(ref c, 0, head);
        Store(ref c, last, tail);
    }

    /// <summary>Elements before <paramref name="start"/> reaches a multiple of <paramref name="vectorBytes"/> (a power of two, the vector size; 0 when it is aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Peel<T>(ref T start, int vectorBytes)
        where T : unmanaged
    {
        // Only a hint: if the GC moves the array meanwhile, the loops are still correct, just unaligned.
        nuint misalignment = (nuint)Unsafe.AsPointer(ref start) & (nuint)(vectorBytes - 1);
        return misalignment == 0 ? 0 : (int)(((nuint)vectorBytes - misalignment) / (nuint)Unsafe.SizeOf<T>());
    }

    /// <summary>One row of <see cref="AccumulateRows"/>, from column <paramref name="from"/>: vectors of 2, then 1, then scalars.</summary>
    [MethodImpl(Optimized)]
    private static void AccumulateRow<T>(ref T c, int from, int cols, ref T x, int xTermStride, ref T s, int terms, T scale)
        where T : unmanaged
    {
        int w = Vector<T>.Count;
        int col = from;

        // 4 vectors of the row at a time: 4 independent chains of multiply-adds over the terms (the online BP2 step
        // δ = Wᵀ δ_next is one such row; one vector at a time, its chains ran one after the other).
        for (; col + (4 * w) <= cols; col += 4 * w)
        {
            Vector<T> acc0 = Load(ref c, col), acc1 = Load(ref c, col + w), acc2 = Load(ref c, col + (2 * w)), acc3 = Load(ref c, col + (3 * w));
            for (int t = 0; t < terms; t++)
            {
                var k = new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x, t * xTermStride)));
                ref T st = ref Unsafe.Add(ref s, (t * cols) + col);
                acc0 = MulAdd(k, Load(ref st, 0), acc0);
                acc1 = MulAdd(k, Load(ref st, w), acc1);
                acc2 = MulAdd(k, Load(ref st, 2 * w), acc2);
                acc3 = MulAdd(k, Load(ref st, 3 * w), acc3);
            }

            Store(ref c, col, acc0);
            Store(ref c, col + w, acc1);
            Store(ref c, col + (2 * w), acc2);
            Store(ref c, col + (3 * w), acc3);
        }

        for (; col + w <= cols; col += w)
        {
            Vector<T> acc = Load(ref c, col);
            for (int t = 0; t < terms; t++)
            {
                acc = MulAdd(new Vector<T>(Scalar<T>.Mul(scale, Unsafe.Add(ref x, t * xTermStride))), Load(ref s, (t * cols) + col), acc);
            }

            Store(ref c, col, acc);
        }

        for (; col < cols; col++)
        {
            T acc = Unsafe.Add(ref c, col);
            for (int t = 0; t < terms; t++)
            {
                acc = Scalar<T>.Add(acc, Scalar<T>.Mul(Scalar<T>.Mul(scale, Unsafe.Add(ref x, t * xTermStride)), Unsafe.Add(ref s, (t * cols) + col)));
            }

            Unsafe.Add(ref c, col) = acc;
        }
    }
}
