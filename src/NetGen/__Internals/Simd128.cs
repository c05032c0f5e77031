#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// <c>Σ_k matrix[offset + r*n + k] x[k]</c>, r &lt; 4, k &lt; n, n ≥ 4. One accumulator per row (4 independent
    /// chains); when n is not a multiple of 4 the last vector overlaps the one before and its products already
    /// counted are masked out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> DotRows4(ref float matrix, int offset, int n, ref float x)
    {
        Debug.Assert(n >= 4, "rows are at least one vector");
        ref float w = ref Unsafe.Add(ref matrix, offset);
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int whole = n & ~3;
        for (int k = 0; k < whole; k += 4)
        {
            Vector128<float> xk = Load(ref x, k);
            s0 += Load(ref w, k) * xk;
            s1 += Load(ref w, n + k) * xk;
            s2 += Load(ref w, (2 * n) + k) * xk;
            s3 += Load(ref w, (3 * n) + k) * xk;
        }

        if (whole != n)
        {
            int last = n - 4;
            Vector128<float> keep = TailMask(n - whole);
            Vector128<float> xt = Load(ref x, last);
            s0 += (Load(ref w, last) * xt) & keep;
            s1 += (Load(ref w, n + last) * xt) & keep;
            s2 += (Load(ref w, (2 * n) + last) * xt) & keep;
            s3 += (Load(ref w, (3 * n) + last) * xt) & keep;
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
        int whole = n & ~3;
        for (int k = 0; k < whole; k += 4)
        {
            s += Load(ref w, k) * Load(ref x, k);
        }

        if (whole != n)
        {
            s += (Load(ref w, n - 4) * Load(ref x, n - 4)) & TailMask(n - whole);
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
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int j = 0;
        for (; j + 4 <= m; j += 4)
        {
            s0 += Load(ref w, j * n) * Vector128.Create(Unsafe.Add(ref d, j));
            s1 += Load(ref w, (j + 1) * n) * Vector128.Create(Unsafe.Add(ref d, j + 1));
            s2 += Load(ref w, (j + 2) * n) * Vector128.Create(Unsafe.Add(ref d, j + 2));
            s3 += Load(ref w, (j + 3) * n) * Vector128.Create(Unsafe.Add(ref d, j + 3));
        }

        for (; j < m; j++)
        {
            s0 += Load(ref w, j * n) * Vector128.Create(Unsafe.Add(ref d, j));
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
        int whole = n & ~3;
        Vector128<float> tail = whole == n ? default : (Load(ref x, n - 4) * s) + Load(ref c, n - 4);
        for (int k = 0; k < whole; k += 4)
        {
            Store(ref c, k, (Load(ref x, k) * s) + Load(ref c, k));
        }

        if (whole != n)
        {
            Store(ref c, n - 4, tail);
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
