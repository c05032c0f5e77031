#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code calls this type, so CS0618 would fire in every consumer's
// build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// The 4-lane float building blocks of the Vector128 code the generator writes beside its Vector256 code, for CPUs
/// whose widest accelerated vector is 128 bits: ARM64 (AdvSimd), WebAssembly (SIMD128), x64 without AVX2 (SSE, and
/// NativeAOT's default x86-64-v2 target). Only the cross-platform <see cref="Vector128"/> API is used, so one body
/// serves them all; there is no fused multiply-add (WebAssembly has none), a product and an add instead. As in
/// <see cref="Simd256"/>, every member is inlined into the generated method where the sizes are constants, and no
/// argument is checked. Callers test <see cref="IsSupported"/> after <see cref="Simd256.IsSupported"/>.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd128
{
    /// <summary>
    /// 128-bit vectors are hardware-accelerated and are the width of <see cref="Vector{T}"/> (whose exp and tanh the
    /// activations use): a constant to the JIT, so the branch that tests it is compiled away.
    /// </summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated && Vector<float>.Count == 4;
    }

    /// <summary>Reads the 4 floats at <paramref name="source"/>[<paramref name="index"/>..+4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, int index) => Vector128.LoadUnsafe(ref source, (nuint)index);

    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>[<paramref name="index"/>..+4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref float destination, int index, Vector128<float> value) => value.StoreUnsafe(ref destination, (nuint)index);

    /// <summary>
    /// The 4 dot products of a block of 4 matrix rows with x, as one vector (lane r = row r):
    /// <c>Σ_k matrix[offset + r*n + k] x[k]</c>, r &lt; 4, k &lt; n, n ≥ 4. Two accumulators per row (8 independent
    /// chains), reduced across lanes together by <see cref="Sum4"/>; when n is not a multiple of 4 the last vector
    /// overlaps the one before and its products already counted are masked out. Each row has its own ref and the
    /// index is a native integer, so every load is one addressing mode (no index arithmetic per load).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> DotRows4(ref float matrix, int offset, int n, ref float x)
    {
        Debug.Assert(n >= 4, "rows are at least one vector");
        ref float w0 = ref Unsafe.Add(ref matrix, offset);
        ref float w1 = ref Unsafe.Add(ref w0, n);
        ref float w2 = ref Unsafe.Add(ref w1, n);
        ref float w3 = ref Unsafe.Add(ref w2, n);
        // Two accumulators per row (even and odd vectors): 8 independent add chains, so the adds' latency (there is no
        // fused multiply-add here) does not bound the loop.
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector128<float> t0 = default, t1 = default, t2 = default, t3 = default;
        nuint whole = (nuint)(n & ~3);
        nuint k = 0;
        for (; k + 8 <= whole; k += 8)
        {
            Vector128<float> xk = Vector128.LoadUnsafe(ref x, k);
            Vector128<float> xl = Vector128.LoadUnsafe(ref x, k + 4);
            s0 += Vector128.LoadUnsafe(ref w0, k) * xk;
            s1 += Vector128.LoadUnsafe(ref w1, k) * xk;
            s2 += Vector128.LoadUnsafe(ref w2, k) * xk;
            s3 += Vector128.LoadUnsafe(ref w3, k) * xk;
            t0 += Vector128.LoadUnsafe(ref w0, k + 4) * xl;
            t1 += Vector128.LoadUnsafe(ref w1, k + 4) * xl;
            t2 += Vector128.LoadUnsafe(ref w2, k + 4) * xl;
            t3 += Vector128.LoadUnsafe(ref w3, k + 4) * xl;
        }

        if (k < whole)
        {
            Vector128<float> xk = Vector128.LoadUnsafe(ref x, k);
            s0 += Vector128.LoadUnsafe(ref w0, k) * xk;
            s1 += Vector128.LoadUnsafe(ref w1, k) * xk;
            s2 += Vector128.LoadUnsafe(ref w2, k) * xk;
            s3 += Vector128.LoadUnsafe(ref w3, k) * xk;
        }

        if (whole != (nuint)n)
        {
            nuint last = (nuint)n - 4;
            Vector128<float> keep = TailMask(n - (int)whole);
            Vector128<float> xt = Vector128.LoadUnsafe(ref x, last);
            t0 += (Vector128.LoadUnsafe(ref w0, last) * xt) & keep;
            t1 += (Vector128.LoadUnsafe(ref w1, last) * xt) & keep;
            t2 += (Vector128.LoadUnsafe(ref w2, last) * xt) & keep;
            t3 += (Vector128.LoadUnsafe(ref w3, last) * xt) & keep;
        }

        return Sum4(s0 + t0, s1 + t1, s2 + t2, s3 + t3);
    }

    /// <summary>
    /// [Σ lanes of s0, Σ s1, Σ s2, Σ s3]: four horizontal sums at once. Pairwise adds where the CPU has them (SSE3
    /// <c>haddps</c>, ARM64 <c>faddp</c>: three instructions for all four sums), else four separate sums (WebAssembly).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Sum4(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(Sse3.HorizontalAdd(s0, s1), Sse3.HorizontalAdd(s2, s3));
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(s0, s1), AdvSimd.Arm64.AddPairwise(s2, s3));
        }

        return Vector128.Create(Vector128.Sum(s0), Vector128.Sum(s1), Vector128.Sum(s2), Vector128.Sum(s3));
    }

    /// <summary>One dot product <c>Σ_k matrix[offset + k] x[k]</c>, k &lt; n, n ≥ 4 (a last partial vector as in <see cref="DotRows4"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float matrix, int offset, int n, ref float x)
    {
        Debug.Assert(n >= 4, "rows are at least one vector");
        ref float w = ref Unsafe.Add(ref matrix, offset);
        Vector128<float> s = default;
        nuint whole = (nuint)(n & ~3);
        for (nuint k = 0; k < whole; k += 4)
        {
            s += Vector128.LoadUnsafe(ref w, k) * Vector128.LoadUnsafe(ref x, k);
        }

        if (whole != (nuint)n)
        {
            nuint last = (nuint)n - 4;
            s += (Vector128.LoadUnsafe(ref w, last) * Vector128.LoadUnsafe(ref x, last)) & TailMask(n - (int)whole);
        }

        return Vector128.Sum(s);
    }

    /// <summary>All-ones in the last <paramref name="count"/> lanes (the ones an overlapping last vector adds), zero before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TailMask(int count) =>
        Vector128.GreaterThanOrEqual(Vector128.Create(0, 1, 2, 3), Vector128.Create(4 - count)).AsSingle();

    /// <summary>
    /// 4 columns of Wᵀ δ: <c>Σ_j matrix[offset + j*n + c] d[j]</c> for the 4 columns c of the block that starts at
    /// <paramref name="offset"/>, j &lt; m (BP2), with four accumulators taking every fourth row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ColumnDot(ref float matrix, int offset, int n, int m, ref float d)
    {
        ref float w = ref Unsafe.Add(ref matrix, offset);
        nuint row = (nuint)n;
        nuint at = 0; // row j's offset, j * n: the refs never point past the block
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int j = 0;
        for (; j + 4 <= m; j += 4)
        {
            s0 += Vector128.LoadUnsafe(ref w, at) * Vector128.Create(Unsafe.Add(ref d, j));
            s1 += Vector128.LoadUnsafe(ref w, at + row) * Vector128.Create(Unsafe.Add(ref d, j + 1));
            s2 += Vector128.LoadUnsafe(ref w, at + (2 * row)) * Vector128.Create(Unsafe.Add(ref d, j + 2));
            s3 += Vector128.LoadUnsafe(ref w, at + (3 * row)) * Vector128.Create(Unsafe.Add(ref d, j + 3));
            at += 4 * row;
        }

        for (; j < m; j++)
        {
            s0 += Vector128.LoadUnsafe(ref w, at) * Vector128.Create(Unsafe.Add(ref d, j));
            at += row;
        }

        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// <c>target[offset + k] += scale · x[k]</c> for k &lt; n, n ≥ 4: BP3/BP4 on one row, or a gradient step. A last
    /// partial vector overlaps the one before; it is computed from the original values before the loop and stored
    /// after it, so the overlap is written twice with the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref float target, int offset, int n, float scale, ref float x)
    {
        Debug.Assert(n >= 4, "rows are at least one vector");
        ref float c = ref Unsafe.Add(ref target, offset);
        Vector128<float> s = Vector128.Create(scale);
        nuint whole = (nuint)(n & ~3);
        nuint last = (nuint)n - 4;
        Vector128<float> tail = whole == (nuint)n ? default : (Vector128.LoadUnsafe(ref x, last) * s) + Vector128.LoadUnsafe(ref c, last);
        for (nuint k = 0; k < whole; k += 4)
        {
            ((Vector128.LoadUnsafe(ref x, k) * s) + Vector128.LoadUnsafe(ref c, k)).StoreUnsafe(ref c, k);
        }

        if (whole != (nuint)n)
        {
            tail.StoreUnsafe(ref c, last);
        }
    }

    /// <summary>
    /// The rank-one update of a block of 4 rows: <c>target[offset + r*n + k] += scales[r] · x[k]</c> for r &lt; 4,
    /// k &lt; n, n ≥ 4 (BP4 for 4 units at once, or their gradient step). Each vector of x is loaded once for the 4
    /// rows, where <see cref="AddScaled"/> row by row loads it 4 times. The last partial vector as in
    /// <see cref="AddScaled"/>: computed from the original values before the loop, stored after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaledRows4(ref float target, int offset, int n, Vector128<float> scales, ref float x)
    {
        Debug.Assert(n >= 4, "rows are at least one vector");
        ref float c0 = ref Unsafe.Add(ref target, offset);
        ref float c1 = ref Unsafe.Add(ref c0, n);
        ref float c2 = ref Unsafe.Add(ref c1, n);
        ref float c3 = ref Unsafe.Add(ref c2, n);
        Vector128<float> a0 = Vector128.Create(scales.GetElement(0));
        Vector128<float> a1 = Vector128.Create(scales.GetElement(1));
        Vector128<float> a2 = Vector128.Create(scales.GetElement(2));
        Vector128<float> a3 = Vector128.Create(scales.GetElement(3));
        nuint whole = (nuint)(n & ~3);
        nuint last = (nuint)n - 4;
        Vector128<float> t0 = default, t1 = default, t2 = default, t3 = default;
        if (whole != (nuint)n)
        {
            Vector128<float> xt = Vector128.LoadUnsafe(ref x, last);
            t0 = (xt * a0) + Vector128.LoadUnsafe(ref c0, last);
            t1 = (xt * a1) + Vector128.LoadUnsafe(ref c1, last);
            t2 = (xt * a2) + Vector128.LoadUnsafe(ref c2, last);
            t3 = (xt * a3) + Vector128.LoadUnsafe(ref c3, last);
        }

        for (nuint k = 0; k < whole; k += 4)
        {
            Vector128<float> xk = Vector128.LoadUnsafe(ref x, k);
            ((xk * a0) + Vector128.LoadUnsafe(ref c0, k)).StoreUnsafe(ref c0, k);
            ((xk * a1) + Vector128.LoadUnsafe(ref c1, k)).StoreUnsafe(ref c1, k);
            ((xk * a2) + Vector128.LoadUnsafe(ref c2, k)).StoreUnsafe(ref c2, k);
            ((xk * a3) + Vector128.LoadUnsafe(ref c3, k)).StoreUnsafe(ref c3, k);
        }

        if (whole != (nuint)n)
        {
            t0.StoreUnsafe(ref c0, last);
            t1.StoreUnsafe(ref c1, last);
            t2.StoreUnsafe(ref c2, last);
            t3.StoreUnsafe(ref c3, last);
        }
    }

    /// <summary>σ(z) = 1 / (1 + e^−z), lane by lane (the portable vector exp of the kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) =>
        Vector128<float>.One / (Vector128<float>.One + VectorMath.Exp((-z).AsVector()).AsVector128());

    /// <summary>tanh z, lane by lane (the portable vector tanh of the kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => VectorMath.Tanh(z.AsVector()).AsVector128();

    /// <summary>max(z, 0), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> z) => Vector128.Max(z, Vector128<float>.Zero);

    /// <summary>δ ⊙ σ'(z) with σ' = a (1 − a), written through a = σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TimesSigmoidDerivative(Vector128<float> d, Vector128<float> a) => d * (a * (Vector128<float>.One - a));

    /// <summary>δ ⊙ tanh'(z) with tanh' = 1 − a², written through a = tanh z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TimesTanhDerivative(Vector128<float> d, Vector128<float> a) => d * (Vector128<float>.One - (a * a));

    /// <summary>δ ⊙ ReLU'(z) with ReLU' = [a &gt; 0], written through a = max(z, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TimesReLUDerivative(Vector128<float> d, Vector128<float> a) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), d, Vector128<float>.Zero);
}
#endif
