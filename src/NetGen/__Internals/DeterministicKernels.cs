using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// The matrix kernels of <c>[Network(..., Deterministic = true)]</c> networks: the same calls and meanings as
/// <see cref="Kernels"/>, with one operation order written down for every result, so that they give the same bits on
/// every CPU, vector width and runtime. No fused multiply-add (each product is rounded, then added), no hardware
/// horizontal sums, no dependence on <c>Vector&lt;T&gt;.Count</c>, and the activations through
/// <see cref="DeterministicMath"/>.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
/// <remarks>
/// The orders (docs/determinism.md):
/// <list type="bullet">
/// <item>A dot product Σ_i a_i b_i (and a row sum) keeps as many partial sums as 32 bytes hold, 8 for float and 4 for
/// double: s_r = Σ over i ≡ r (mod 8, or 4) in ascending i, each term a rounded product. Float adds them as
/// ((s_0 + s_4) + (s_2 + s_6)) + ((s_1 + s_5) + (s_3 + s_7)), double as (s_0 + s_2) + (s_1 + s_3): a Vector256
/// accumulator's halves added, then the pairs. One Vector256 accumulator, two Vector128 ones and eight scalars compute
/// exactly this (DeterministicKernels.Reductions.cs), so every CPU takes its fastest form and gets the same bits.</item>
/// <item>A sum over a batch (column sums, row sums, accumulations over terms) adds in ascending index order, one
/// element at a time.</item>
/// <item>c + k · s is always (k · s) rounded, then added.</item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DeterministicKernels
{
    /// <summary>C = A Bᵀ + 1 biasᵀ (as <c>Kernels.MultiplyTransposed</c>): c[i*n + j] = bias[j] + dot(a_i, b_j).</summary>
    public static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int n, int k)
        where T : unmanaged
    {
        Require(bias.IsEmpty || bias.Length >= n);
        Multiply(a, b, bias, c, m, n, k, accumulate: false);
    }

    /// <summary>C += A Bᵀ (as <see cref="Kernels.MultiplyTransposedAdd{T}"/>): c[i*n + j] = c[i*n + j] + dot(a_i, b_j).</summary>
    public static void MultiplyTransposedAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged =>
        Multiply(a, b, ReadOnlySpan<T>.Empty, c, m, n, k, accumulate: true);

    /// <summary>g[r] = g[r] + scale · Σ_c d[r*cols + c], the row sum in the dot product's order.</summary>
    public static void AddRowSums<T>(ReadOnlySpan<T> d, Span<T> g, int rows, int cols, T scale)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && d.Length >= (long)rows * cols && g.Length >= rows);
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> ds = MemoryMarshal.Cast<T, float>(d);
            Span<float> gs = MemoryMarshal.Cast<T, float>(g);
            float f = Unsafe.As<T, float>(ref scale);
            for (int r = 0; r < rows; r++)
            {
                gs[r] += f * Sum(ds.Slice(r * cols, cols));
            }
        }
        else
        {
            ReadOnlySpan<double> ds = MemoryMarshal.Cast<T, double>(d);
            Span<double> gs = MemoryMarshal.Cast<T, double>(g);
            double f = Unsafe.As<T, double>(ref scale);
            for (int r = 0; r < rows; r++)
            {
                gs[r] += f * Sum(ds.Slice(r * cols, cols));
            }
        }
    }

    /// <summary>
    /// C[r, :] += scale · Σ_t x[r*xRowStride + t*xTermStride] · S[t, :] (as <see cref="Kernels.AccumulateRows{T}"/>):
    /// for t ascending, k = scale · x_t (rounded), then c = c + k · s (the product rounded, then added).
    /// </summary>
    public static void AccumulateRows<T>(Span<T> c, int rows, int cols, ReadOnlySpan<T> x, int xRowStride, int xTermStride, ReadOnlySpan<T> s, int terms, T scale)
        where T : unmanaged
    {
        Require(rows >= 0 && cols >= 0 && terms >= 0 && xRowStride >= 0 && xTermStride >= 0
            && c.Length >= (long)rows * cols && s.Length >= (long)terms * cols
            && (rows == 0 || terms == 0 || x.Length > ((long)(rows - 1) * xRowStride) + ((long)(terms - 1) * xTermStride)));
        if (typeof(T) == typeof(float))
        {
            AccumulateRows(MemoryMarshal.Cast<T, float>(c), rows, cols, MemoryMarshal.Cast<T, float>(x), xRowStride, xTermStride, MemoryMarshal.Cast<T, float>(s), terms, Unsafe.As<T, float>(ref scale));
        }
        else
        {
            AccumulateRows(MemoryMarshal.Cast<T, double>(c), rows, cols, MemoryMarshal.Cast<T, double>(x), xRowStride, xTermStride, MemoryMarshal.Cast<T, double>(s), terms, Unsafe.As<T, double>(ref scale));
        }
    }

    /// <summary>g[j] = g[j] + scale · Σ_i d[i*n + j], the column sums in ascending i.</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> d, Span<T> g, int m, int n, T scale)
        where T : unmanaged
    {
        Require(m >= 0 && n >= 0 && d.Length >= (long)m * n && g.Length >= n);
        for (int j = 0; j < n; j++)
        {
            T sum = default;
            for (int i = 0; i < m; i++)
            {
                sum = Scalar<T>.Add(sum, d[(i * n) + j]);
            }

            g[j] = Scalar<T>.Add(g[j], Scalar<T>.Mul(scale, sum));
        }
    }

    /// <summary>B = Aᵀ (data movement only: <see cref="Kernels.Transpose{T}"/>, exact on every CPU).</summary>
    public static void Transpose<T>(ReadOnlySpan<T> a, Span<T> b, int rows, int cols)
        where T : unmanaged => Kernels.Transpose(a, b, rows, cols);

    /// <summary>C[r, :] = values[r] (data movement only: <see cref="Kernels.BroadcastRows{T}"/>).</summary>
    public static void BroadcastRows<T>(ReadOnlySpan<T> values, Span<T> c, int rows, int cols)
        where T : unmanaged => Kernels.BroadcastRows(values, c, rows, cols);

    /// <summary>
    /// p[i] = p[i] − learningRate · (g[i] · invM + decay · p[i]); g[i] = 0 (<see cref="Kernels.Descend{T}"/>, which is
    /// elementwise with no fused multiply-add, so every lane width gives the scalar formula's bits).
    /// </summary>
    public static void Descend<T>(Span<T> p, Span<T> g, T learningRate, T invM, T decay)
        where T : unmanaged => Kernels.Descend(p, g, learningRate, invM, decay);

    /// <summary>
    /// a = f(z) elementwise through <see cref="DeterministicMath"/> (f any activation but Softmax); sigmoid and tanh
    /// two doubles at a time where the CPU has 128-bit vectors (the same bits as the scalar functions).
    /// </summary>
    public static void Activate<T>(ReadOnlySpan<T> z, Span<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= z.Length);
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> zs = MemoryMarshal.Cast<T, float>(z);
            Span<float> al = MemoryMarshal.Cast<T, float>(a);
            int i = 0;
#if NET8_0_OR_GREATER
            i = DeterministicMath.ActivateQuads(zs, al, f);
#endif
            for (; i < zs.Length; i++)
            {
                al[i] = DeterministicMath.Apply(f, zs[i]);
            }
        }
        else
        {
            ReadOnlySpan<double> zs = MemoryMarshal.Cast<T, double>(z);
            Span<double> al = MemoryMarshal.Cast<T, double>(a);
            int i = 0;
#if NET8_0_OR_GREATER
            i = DeterministicMath.ActivatePairs(zs, al, f);
#endif
            for (; i < zs.Length; i++)
            {
                al[i] = DeterministicMath.Apply(f, zs[i]);
            }
        }
    }

    /// <summary>e = a − y, δ = e ⊙ f'(z) (through a); returns ½ Σ e² summed in ascending order in T.</summary>
    public static T SquaredErrorDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        Require(y.Length >= a.Length && d.Length >= a.Length);
        T loss = default;
        for (int i = 0; i < a.Length; i++)
        {
            T e = Scalar<T>.Sub(a[i], y[i]);
            loss = Scalar<T>.Add(loss, Scalar<T>.Mul(e, e));
            d[i] = e;
        }

        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return Scalar<T>.Mul(Scalar<T>.FromDouble(0.5), loss);
    }

    /// <summary>δ = a − y; returns Σ max(z, 0) − y z + ln(1 + e^−|z|), summed in double in ascending order.</summary>
    public static T SigmoidCrossEntropyDeltas<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged =>
        Kernels.SigmoidCrossEntropyErrors(z, a, y, d, deterministic: true);

    /// <summary>d = d ⊙ f'(z), f' through a = f(z): in T for σ, tanh, ReLU (as the unrolled code writes them), in double for the others.</summary>
    public static void MultiplyByDerivative<T>(Span<T> d, ReadOnlySpan<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= d.Length);
        if (f != Activation.Softplus)
        {
            // The SIMD kernel is elementwise with plain products (no fused multiply-add), its ReLU a comparison, and
            // its LeakyReLU and ELU basic operations in double: every lane width gives these formulas' bits.
            Kernels.MultiplyByDerivative(d, a, f);
            return;
        }

        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Scalar<T>.FromDouble(Scalar<T>.ToDouble(d[i]) * DeterministicMath.DerivativeFromActivation(f, Scalar<T>.ToDouble(a[i])));
        }
    }

    /// <summary>d = d ⊙ f'(z), f' computed from z in double (any activation; GELU and SiLU need this form).</summary>
    public static void MultiplyByDerivativeFromZ<T>(Span<T> d, ReadOnlySpan<T> z, Activation f)
        where T : unmanaged
    {
        Require(z.Length >= d.Length);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Scalar<T>.FromDouble(Scalar<T>.ToDouble(d[i]) * DeterministicMath.DerivativeFromInput(f, Scalar<T>.ToDouble(z[i])));
        }
    }

    /// <summary>Huber (δ = 1): e = a − y in double, δ = clamp(e, −1, 1) ⊙ f'(z); returns Σ h(e) in ascending order.</summary>
    public static T HuberDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        T loss = Kernels.ElementwiseErrors(a, y, d, huber: true);
        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return loss;
    }

    /// <summary>Absolute error: e = a − y in double, δ = sign(e) ⊙ f'(z); returns Σ |e| in ascending order.</summary>
    public static T AbsoluteErrorDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        T loss = Kernels.ElementwiseErrors(a, y, d, huber: false);
        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return loss;
    }

    private static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged
    {
        Require(m >= 0 && n >= 0 && k >= 0 && a.Length >= (long)m * k && b.Length >= (long)n * k && c.Length >= (long)m * n);
        if (typeof(T) == typeof(float))
        {
            Multiply(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(bias), MemoryMarshal.Cast<T, float>(c), m, n, k, accumulate);
        }
        else
        {
            Multiply(MemoryMarshal.Cast<T, double>(a), MemoryMarshal.Cast<T, double>(b), MemoryMarshal.Cast<T, double>(bias), MemoryMarshal.Cast<T, double>(c), m, n, k, accumulate);
        }
    }

    private static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c, int m, int n, int k, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> ai = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                float offset = accumulate ? c[(i * n) + j] : bias.IsEmpty ? 0f : bias[j];
                c[(i * n) + j] = offset + Dot(ai, b.Slice(j * k, k));
            }
        }
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> bias, Span<double> c, int m, int n, int k, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> ai = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                double offset = accumulate ? c[(i * n) + j] : bias.IsEmpty ? 0d : bias[j];
                c[(i * n) + j] = offset + Dot(ai, b.Slice(j * k, k));
            }
        }
    }

    private static void AccumulateRows(Span<float> c, int rows, int cols, ReadOnlySpan<float> x, int xRowStride, int xTermStride, ReadOnlySpan<float> s, int terms, float scale)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> cr = c.Slice(r * cols, cols);
            for (int t = 0; t < terms; t++)
            {
                AddScaled(cr, scale * x[(r * xRowStride) + (t * xTermStride)], s.Slice(t * cols, cols));
            }
        }
    }

    private static void AccumulateRows(Span<double> c, int rows, int cols, ReadOnlySpan<double> x, int xRowStride, int xTermStride, ReadOnlySpan<double> s, int terms, double scale)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<double> cr = c.Slice(r * cols, cols);
            for (int t = 0; t < terms; t++)
            {
                AddScaled(cr, scale * x[(r * xRowStride) + (t * xTermStride)], s.Slice(t * cols, cols));
            }
        }
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentException("Kernel arguments do not describe matrices that fit in the given spans.");
        }
    }
}
