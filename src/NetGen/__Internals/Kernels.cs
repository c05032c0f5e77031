using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// vectors in registers (and, for a rank-one update, hoists the 4 coefficients out of the column loop).
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (its value, which netstandard2.0 lacks): the kernels are compiled fully
    /// optimised at once, without tier 0 and without dynamic PGO. Measured: with PGO, a kernel shared by layers of
    /// different shapes was sometimes laid out for the wrong one, and 24-8-2's BackwardBatch(200) took 10.7 µs
    /// instead of 4.9 µs (5.2 µs with DOTNET_TieredPGO=0), varying from build to build.
    /// </summary>
    private const MethodImplOptions Optimized = (MethodImplOptions)512;

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
                sum = Add(sum, Unsafe.Add(ref row, col));
            }

            Unsafe.Add(ref rg, r) = Add(Unsafe.Add(ref rg, r), Mul(scale, sum));
        }
    }

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
                c0 = Add(accumulate ? c0 : offset, Dot(ref a0, ref bj, k));
                c1 = Add(accumulate ? c1 : offset, Dot(ref a1, ref bj, k));
            }
        }

        for (; i < m; i++)
        {
            ref T a0 = ref Unsafe.Add(ref ra, i * k);
            int j = 0;

            // One row of A (the online case): 8 rows of B per pass, so each load of A feeds 8 FMAs.
#if NET8_0_OR_GREATER
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
                c0 = Add(accumulate ? c0 : offset, Dot(ref a0, ref Unsafe.Add(ref rb, j * k), k));
            }
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
                RankOneRow(ref Unsafe.Add(ref rc, row * cols), cols, Mul(scale, Unsafe.Add(ref rx, row * xRowStride)), ref rs);
            }

            return;
        }

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
                    var k0 = new Vector<T>(Mul(scale, Unsafe.Add(ref x0, xt)));
                    var k1 = new Vector<T>(Mul(scale, Unsafe.Add(ref x1, xt)));
                    var k2 = new Vector<T>(Mul(scale, Unsafe.Add(ref x2, xt)));
                    var k3 = new Vector<T>(Mul(scale, Unsafe.Add(ref x3, xt)));
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
                sum = Add(sum, Unsafe.Add(ref rd, (i * n) + j));
            }

            Unsafe.Add(ref rg, j) = Add(Unsafe.Add(ref rg, j), Mul(scale, sum));
        }
    }

    /// <summary>
    /// Gradient descent on one parameter range, then zeroes its gradients:
    /// <c>p[i] -= learningRate * (g[i] * invM + decay * p[i]); g[i] = 0</c> (decay = λ/m for weights, 0 for biases).
    /// Plain multiply and add, no fused multiply-add, so the result is bit-identical to the scalar formula.
    /// </summary>
    [MethodImpl(Optimized)]
    public static void Descend<T>(Span<T> p, Span<T> g, T learningRate, T invM, T decay)
        where T : unmanaged
    {
        Require(g.Length >= p.Length);
        ref T rp = ref MemoryMarshal.GetReference(p);
        ref T rg = ref MemoryMarshal.GetReference(g);
        var lr = new Vector<T>(learningRate);
        var scale = new Vector<T>(invM);
        var vdecay = new Vector<T>(decay);
        int w = Vector<T>.Count;
        int i = 0;
        for (; i + w <= p.Length; i += w)
        {
            Vector<T> pv = Load(ref rp, i);
            Store(ref rp, i, pv - (lr * ((Load(ref rg, i) * scale) + (vdecay * pv))));
            Store(ref rg, i, Vector<T>.Zero);
        }

        for (; i < p.Length; i++)
        {
            ref T pi = ref Unsafe.Add(ref rp, i);
            ref T gi = ref Unsafe.Add(ref rg, i);
            pi = Sub(pi, Mul(learningRate, Add(Mul(gi, invM), Mul(decay, pi))));
            gi = default;
        }
    }

    /// <summary>a = f(z) elementwise (f one of Sigmoid, Tanh, ReLU, Identity).</summary>
    public static void Activate<T>(ReadOnlySpan<T> z, Span<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= z.Length);
        if (typeof(T) == typeof(float))
        {
            ActivateSingle(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(a), f);
        }
        else
        {
            ActivateDouble(MemoryMarshal.Cast<T, double>(z), MemoryMarshal.Cast<T, double>(a), f);
        }
    }

    /// <summary>
    /// Squared-error loss and BP1 over a batch held one row per output unit: e = a − y, δ = e ⊙ f'(z) (f' written
    /// through a, as in <see cref="MultiplyByDerivative{T}"/>); returns E = ½ Σ e² over every element.
    /// </summary>
    [MethodImpl(Optimized)]
    public static T SquaredErrorDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        Require(y.Length >= a.Length && d.Length >= a.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T ry = ref MemoryMarshal.GetReference(y);
        ref T rd = ref MemoryMarshal.GetReference(d);
        int w = Vector<T>.Count;
        int i = 0;
        Vector<T> sum = Vector<T>.Zero;
        for (; i + w <= a.Length; i += w)
        {
            Vector<T> e = Load(ref ra, i) - Load(ref ry, i);
            sum = MulAdd(e, e, sum);
            Store(ref rd, i, e);
        }

        T loss = Vector.Dot(sum, Vector<T>.One);
        for (; i < a.Length; i++)
        {
            T e = Sub(Unsafe.Add(ref ra, i), Unsafe.Add(ref ry, i));
            loss = MulAdd(e, e, loss);
            Unsafe.Add(ref rd, i) = e;
        }

        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return Mul(Scalar<T>.FromDouble(0.5), loss);
    }

    /// <summary>
    /// Cross-entropy loss of sigmoid outputs and BP1 over a batch held one row per output unit: δ = a − y (the σ'
    /// cancels); returns E = Σ max(z, 0) − y z + ln(1 + e^−|z|) over every element (<see cref="NetMath.SigmoidCrossEntropy(double, double)"/>).
    /// </summary>
    [MethodImpl(Optimized)]
    public static T SigmoidCrossEntropyDeltas<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged
    {
        Require(a.Length >= z.Length && y.Length >= z.Length && d.Length >= z.Length);
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            d[i] = Sub(a[i], y[i]);
            loss += NetMath.SigmoidCrossEntropy(Scalar<T>.ToDouble(z[i]), Scalar<T>.ToDouble(y[i]));
        }

        return Scalar<T>.FromDouble(loss);
    }

    /// <summary>d = d ⊙ f'(z), with f' written through a = f(z): σ' = a(1 − a), tanh' = 1 − a², ReLU' = [a &gt; 0], identity' = 1.</summary>
    [MethodImpl(Optimized)]
    public static void MultiplyByDerivative<T>(Span<T> d, ReadOnlySpan<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= d.Length);
        if (f == Activation.Identity)
        {
            return;
        }

        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T ra = ref MemoryMarshal.GetReference(a);
        int w = Vector<T>.Count;
        int i = 0;
        Vector<T> one = Vector<T>.One;
        for (; i + w <= d.Length; i += w)
        {
            Vector<T> av = Load(ref ra, i);
            Vector<T> dv = Load(ref rd, i);
            dv = f switch
            {
                Activation.Sigmoid => dv * (av * (one - av)),
                Activation.Tanh => dv * (one - (av * av)),
                _ => Vector.ConditionalSelect(Vector.GreaterThan(av, Vector<T>.Zero), dv, Vector<T>.Zero),
            };
            Store(ref rd, i, dv);
        }

        T scalarOne = Scalar<T>.FromDouble(1);
        for (; i < d.Length; i++)
        {
            T av = Unsafe.Add(ref ra, i);
            ref T dv = ref Unsafe.Add(ref rd, i);
            dv = f switch
            {
                Activation.Sigmoid => Mul(dv, Mul(av, Sub(scalarOne, av))),
                Activation.Tanh => Mul(dv, Sub(scalarOne, Mul(av, av))),
                _ => Scalar<T>.ToDouble(av) > 0 ? dv : default,
            };
        }
    }

    [MethodImpl(Optimized)]
    private static void ActivateSingle(ReadOnlySpan<float> z, Span<float> a, Activation f)
    {
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && f != Activation.Identity)
        {
            ref float rz = ref MemoryMarshal.GetReference(z);
            ref float ra = ref MemoryMarshal.GetReference(a);
            for (; i + Vector<float>.Count <= z.Length; i += Vector<float>.Count)
            {
                Vector<float> v = Load(ref rz, i);
                Store(ref ra, i, f switch
                {
                    Activation.Sigmoid => Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-v)),
                    Activation.Tanh => VectorMath.Tanh(v),
                    _ => Vector.Max(v, Vector<float>.Zero),
                });
            }
        }
#endif
        for (; i < z.Length; i++)
        {
            a[i] = f switch
            {
                Activation.Sigmoid => NetMath.Sigmoid(z[i]),
                Activation.Tanh => NetMath.Tanh(z[i]),
                Activation.ReLU => NetMath.ReLU(z[i]),
                _ => z[i],
            };
        }
    }

    [MethodImpl(Optimized)]
    private static void ActivateDouble(ReadOnlySpan<double> z, Span<double> a, Activation f)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = f switch
            {
                Activation.Sigmoid => NetMath.Sigmoid(z[i]),
                Activation.Tanh => NetMath.Tanh(z[i]),
                Activation.ReLU => NetMath.ReLU(z[i]),
                _ => z[i],
            };
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
        int w = Vector<T>.Count;
        if (cols < w)
        {
            for (int i = 0; i < cols; i++)
            {
                Unsafe.Add(ref c, i) = MulAdd(k, Unsafe.Add(ref s, i), Unsafe.Add(ref c, i));
            }

            return;
        }

        var kv = new Vector<T>(k);
        int last = cols - w;
        Vector<T> head = MulAdd(kv, Load(ref s, 0), Load(ref c, 0));
        Vector<T> tail = MulAdd(kv, Load(ref s, last), Load(ref c, last));
        int col = Math.Min(Peel(ref c), w);
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

    /// <summary>Elements before <paramref name="start"/> reaches a multiple of the vector size in bytes (0 when it is aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Peel<T>(ref T start)
        where T : unmanaged
    {
        // Only a hint: if the GC moves the array meanwhile, the loops are still correct, just unaligned.
        nuint misalignment = (nuint)Unsafe.AsPointer(ref start) & (nuint)(Vector<byte>.Count - 1);
        return misalignment == 0 ? 0 : (int)(((nuint)Vector<byte>.Count - misalignment) / (nuint)Unsafe.SizeOf<T>());
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
                var k = new Vector<T>(Mul(scale, Unsafe.Add(ref x, t * xTermStride)));
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
                acc = MulAdd(new Vector<T>(Mul(scale, Unsafe.Add(ref x, t * xTermStride))), Load(ref s, (t * cols) + col), acc);
            }

            Store(ref c, col, acc);
        }

        for (; col < cols; col++)
        {
            T acc = Unsafe.Add(ref c, col);
            for (int t = 0; t < terms; t++)
            {
                acc = Add(acc, Mul(Mul(scale, Unsafe.Add(ref x, t * xTermStride)), Unsafe.Add(ref s, (t * cols) + col)));
            }

            Unsafe.Add(ref c, col) = acc;
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
            // hadd(s0, s1) = [s0 pairs, s1 pairs] per 128-bit half; a second level gives [s0 s1 s2 s3] per half.
            Vector256<float> u0 = Avx.HorizontalAdd(Avx.HorizontalAdd(Single(s0), Single(s1)), Avx.HorizontalAdd(Single(s2), Single(s3)));
            Vector256<float> u1 = Avx.HorizontalAdd(Avx.HorizontalAdd(Single(s4), Single(s5)), Avx.HorizontalAdd(Single(s6), Single(s7)));
            Vector256<float> sums = Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
            ref float co = ref Unsafe.As<T, float>(ref offset);
            (hasOffset ? Vector256.LoadUnsafe(ref co) + sums : sums).StoreUnsafe(ref Unsafe.As<T, float>(ref c));
        }
        else
        {
            // hadd(s0, s1) = [s0 pair, s1 pair] per 128-bit half; adding the halves gives [s0 s1 s2 s3].
            Vector256<double> u0 = Avx.HorizontalAdd(Double(s0), Double(s1)), u1 = Avx.HorizontalAdd(Double(s2), Double(s3));
            Vector256<double> u2 = Avx.HorizontalAdd(Double(s4), Double(s5)), u3 = Avx.HorizontalAdd(Double(s6), Double(s7));
            Vector256<double> low = Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
            Vector256<double> high = Avx.Permute2x128(u2, u3, 0x20) + Avx.Permute2x128(u2, u3, 0x31);
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
            sum = Add(sum, Mul(Unsafe.Add(ref a, kk), Unsafe.Add(ref b, kk)));
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
        c = Add(b0, Scalar<T>.FromDouble(r.V0));
        Unsafe.Add(ref c, 1) = Add(b1, Scalar<T>.FromDouble(r.V1));
        Unsafe.Add(ref c, 2) = Add(b2, Scalar<T>.FromDouble(r.V2));
        Unsafe.Add(ref c, 3) = Add(b3, Scalar<T>.FromDouble(r.V3));
    }

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

    /// <summary>Scalar a · b + c, fused exactly when <see cref="MulAdd{T}(Vector{T}, Vector{T}, Vector{T})"/> is, so the same element gives the same bits on either path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MulAdd<T>(T a, T b, T c)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        if (Fma.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            if (typeof(T) == typeof(float))
            {
                float r = MathF.FusedMultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
                return Unsafe.As<float, T>(ref r);
            }

            double d = Math.FusedMultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref d);
        }
#endif
        return Add(Mul(a, b), c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add<T>(T x, T y)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) + Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) + Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Sub<T>(T x, T y)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) - Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) - Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mul<T>(T x, T y)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) * Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) * Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
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
