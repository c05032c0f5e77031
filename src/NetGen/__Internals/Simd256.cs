#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// The 8-lane float building blocks of the Vector256 code the generator writes for a network whose layers are whole
/// vectors wide (.NET 8+ consumers; see the generated file's header). Every member is inlined into the generated
/// method, where the sizes are constants: the loops below get constant bounds there and unroll or vanish, and no
/// argument is checked (the generator computes every offset from the topology; a test reads back every range).
/// Callers must test <see cref="IsSupported"/> first (the generated code keeps the runtime kernels for other CPUs).
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd256
{
    /// <summary>AVX2 and FMA: a constant to the JIT, so the branch that tests it is compiled away.</summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx2.IsSupported && Fma.IsSupported;
    }

    /// <summary>Reads the 8 floats at <paramref name="source"/>[<paramref name="index"/>..+8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int index) => Vector256.LoadUnsafe(ref source, (nuint)index);

    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>[<paramref name="index"/>..+8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref float destination, int index, Vector256<float> value) => value.StoreUnsafe(ref destination, (nuint)index);

    /// <summary>
    /// The 8 dot products of a block of 8 matrix rows with x, as one vector (lane r = row r):
    /// <c>Σ_k matrix[offset + r*n + k] x[k]</c>, r &lt; 8, k &lt; n, n ≥ 8. Each row keeps its own accumulator (8
    /// independent FMA chains), and the 8 accumulators are reduced across lanes together: two levels of horizontal
    /// adds and one add of the 128-bit halves, instead of 8 separate horizontal sums. When n is not a multiple of 8
    /// (the input layer), the last vector overlaps the one before and its products already counted are masked out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> DotRows8(ref float matrix, int offset, int n, ref float x)
    {
        Debug.Assert(n >= 8, "rows are at least one vector");
        ref float w0 = ref Unsafe.Add(ref matrix, offset);
        ref float w1 = ref Unsafe.Add(ref w0, n);
        ref float w2 = ref Unsafe.Add(ref w1, n);
        ref float w3 = ref Unsafe.Add(ref w2, n);
        ref float w4 = ref Unsafe.Add(ref w3, n);
        ref float w5 = ref Unsafe.Add(ref w4, n);
        ref float w6 = ref Unsafe.Add(ref w5, n);
        ref float w7 = ref Unsafe.Add(ref w6, n);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector256<float> s4 = default, s5 = default, s6 = default, s7 = default;
        nuint whole = (nuint)(n & ~7);
        for (nuint k = 0; k < whole; k += 8)
        {
            Vector256<float> xk = Vector256.LoadUnsafe(ref x, k);
            s0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w0, k), xk, s0);
            s1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w1, k), xk, s1);
            s2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w2, k), xk, s2);
            s3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w3, k), xk, s3);
            s4 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w4, k), xk, s4);
            s5 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w5, k), xk, s5);
            s6 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w6, k), xk, s6);
            s7 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w7, k), xk, s7);
        }

        if (whole != (nuint)n)
        {
            nuint last = (nuint)n - 8;
            Vector256<float> keep = TailMask(n - (int)whole);
            Vector256<float> xt = Vector256.LoadUnsafe(ref x, last);
            s0 += (Vector256.LoadUnsafe(ref w0, last) * xt) & keep;
            s1 += (Vector256.LoadUnsafe(ref w1, last) * xt) & keep;
            s2 += (Vector256.LoadUnsafe(ref w2, last) * xt) & keep;
            s3 += (Vector256.LoadUnsafe(ref w3, last) * xt) & keep;
            s4 += (Vector256.LoadUnsafe(ref w4, last) * xt) & keep;
            s5 += (Vector256.LoadUnsafe(ref w5, last) * xt) & keep;
            s6 += (Vector256.LoadUnsafe(ref w6, last) * xt) & keep;
            s7 += (Vector256.LoadUnsafe(ref w7, last) * xt) & keep;
        }

        // [r0 r1 r2 r3 | r0 r1 r2 r3] partial sums of rows 0-3 (low and high 128-bit halves), likewise rows 4-7.
        Vector256<float> q0 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        Vector256<float> q1 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
        return Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);
    }

    /// <summary>One dot product <c>Σ_k matrix[offset + k] x[k]</c>, k &lt; n, n ≥ 8 (a last partial vector as in <see cref="DotRows8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float matrix, int offset, int n, ref float x)
    {
        Debug.Assert(n >= 8, "rows are at least one vector");
        ref float w = ref Unsafe.Add(ref matrix, offset);
        Vector256<float> s = default;
        int whole = n & ~7;
        for (int k = 0; k < whole; k += 8)
        {
            s = Fma.MultiplyAdd(Load(ref w, k), Load(ref x, k), s);
        }

        if (whole != n)
        {
            s += (Load(ref w, n - 8) * Load(ref x, n - 8)) & TailMask(n - whole);
        }

        return Vector256.Sum(s);
    }

    /// <summary>All-ones in the last <paramref name="count"/> lanes (the ones an overlapping last vector adds), zero before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TailMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(8 - count)).AsSingle();

    /// <summary>
    /// 8 columns of Wᵀ δ: <c>Σ_j matrix[offset + j*n + c] d[j]</c> for the 8 columns c of the block that starts at
    /// <paramref name="offset"/>, j &lt; m (BP2: the error carried back through the transposed weights, one row at a time).
    /// Four accumulators take every fourth row, so the FMAs form 4 independent chains: one chain of m dependent FMAs
    /// made 784-256-128-10's BP2 (m = 128) latency-bound.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ColumnDot(ref float matrix, int offset, int n, int m, ref float d)
    {
        ref float w = ref Unsafe.Add(ref matrix, offset);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int j = 0;
        for (; j + 4 <= m; j += 4)
        {
            s0 = Fma.MultiplyAdd(Load(ref w, j * n), Vector256.Create(Unsafe.Add(ref d, j)), s0);
            s1 = Fma.MultiplyAdd(Load(ref w, (j + 1) * n), Vector256.Create(Unsafe.Add(ref d, j + 1)), s1);
            s2 = Fma.MultiplyAdd(Load(ref w, (j + 2) * n), Vector256.Create(Unsafe.Add(ref d, j + 2)), s2);
            s3 = Fma.MultiplyAdd(Load(ref w, (j + 3) * n), Vector256.Create(Unsafe.Add(ref d, j + 3)), s3);
        }

        for (; j < m; j++)
        {
            s0 = Fma.MultiplyAdd(Load(ref w, j * n), Vector256.Create(Unsafe.Add(ref d, j)), s0);
        }

        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// <c>target[offset + k] += scale · x[k]</c> for k &lt; n, n ≥ 8: BP3/BP4 on one row, or a gradient step. The loop
    /// has the JIT's canonical form, so with a constant n it is unrolled. When n is not a multiple of 8 (the input
    /// layer), the last vector overlaps the one before: it is computed from the original values before the loop
    /// and stored after it, so the overlap is written twice with the same bits. (Aligning the stores as the
    /// kernels' rank-one update does was measured here too and was slower: 64-32-10 TrainStep varies from 287 to
    /// about 325 ns with the alignment of the parameter array, which the GC does not let us choose.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref float target, int offset, int n, float scale, ref float x)
    {
        Debug.Assert(n >= 8, "rows are at least one vector");
        ref float c = ref Unsafe.Add(ref target, offset);
        Vector256<float> s = Vector256.Create(scale);
        nuint whole = (nuint)(n & ~7);
        nuint last = (nuint)n - 8;
        Vector256<float> tail = whole == (nuint)n ? default : Fma.MultiplyAdd(Vector256.LoadUnsafe(ref x, last), s, Vector256.LoadUnsafe(ref c, last));
        for (nuint k = 0; k < whole; k += 8)
        {
            Fma.MultiplyAdd(Vector256.LoadUnsafe(ref x, k), s, Vector256.LoadUnsafe(ref c, k)).StoreUnsafe(ref c, k);
        }

        if (whole != (nuint)n)
        {
            tail.StoreUnsafe(ref c, last);
        }
    }

    /// <summary>
    /// The rank-one update of a block of 8 rows: <c>target[offset + r*n + k] += scales[r] · x[k]</c> for r &lt; 8,
    /// k &lt; n, n ≥ 8 (BP4 for 8 units at once, or their gradient step), as two passes of 4 rows: each vector of x is
    /// loaded once per 4 rows instead of once per row, and a pass keeps its 4 scales, the 4 rows' vectors and x in
    /// registers. The last partial vector as in <see cref="AddScaled"/>: each row's is computed from the original
    /// values before that row's loop and stored after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaledRows8(ref float target, int offset, int n, Vector256<float> scales, ref float x)
    {
        Debug.Assert(n >= 8, "rows are at least one vector");
        // Two passes of 4 rows: 4 scales, 4 rows and one vector of x live at a time.
        AddScaledRows4(ref Unsafe.Add(ref target, offset), n, scales.GetLower(), ref x);
        AddScaledRows4(ref Unsafe.Add(ref target, offset + (4 * n)), n, scales.GetUpper(), ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledRows4(ref float c0, int n, Vector128<float> scales, ref float x)
    {
        ref float c1 = ref Unsafe.Add(ref c0, n);
        ref float c2 = ref Unsafe.Add(ref c1, n);
        ref float c3 = ref Unsafe.Add(ref c2, n);
        Vector256<float> a0 = Vector256.Create(scales.GetElement(0));
        Vector256<float> a1 = Vector256.Create(scales.GetElement(1));
        Vector256<float> a2 = Vector256.Create(scales.GetElement(2));
        Vector256<float> a3 = Vector256.Create(scales.GetElement(3));
        nuint whole = (nuint)(n & ~7);
        nuint last = (nuint)n - 8;
        Vector256<float> t0 = default, t1 = default, t2 = default, t3 = default;
        if (whole != (nuint)n)
        {
            Vector256<float> xt = Vector256.LoadUnsafe(ref x, last);
            t0 = Fma.MultiplyAdd(xt, a0, Vector256.LoadUnsafe(ref c0, last));
            t1 = Fma.MultiplyAdd(xt, a1, Vector256.LoadUnsafe(ref c1, last));
            t2 = Fma.MultiplyAdd(xt, a2, Vector256.LoadUnsafe(ref c2, last));
            t3 = Fma.MultiplyAdd(xt, a3, Vector256.LoadUnsafe(ref c3, last));
        }

        for (nuint k = 0; k < whole; k += 8)
        {
            Vector256<float> xk = Vector256.LoadUnsafe(ref x, k);
            Fma.MultiplyAdd(xk, a0, Vector256.LoadUnsafe(ref c0, k)).StoreUnsafe(ref c0, k);
            Fma.MultiplyAdd(xk, a1, Vector256.LoadUnsafe(ref c1, k)).StoreUnsafe(ref c1, k);
            Fma.MultiplyAdd(xk, a2, Vector256.LoadUnsafe(ref c2, k)).StoreUnsafe(ref c2, k);
            Fma.MultiplyAdd(xk, a3, Vector256.LoadUnsafe(ref c3, k)).StoreUnsafe(ref c3, k);
        }

        if (whole != (nuint)n)
        {
            t0.StoreUnsafe(ref c0, last);
            t1.StoreUnsafe(ref c1, last);
            t2.StoreUnsafe(ref c2, last);
            t3.StoreUnsafe(ref c3, last);
        }
    }

    /// <summary>σ(z) = 1 / (1 + e^−z), lane by lane (the vector exp of the kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => Vector256<float>.One / (Vector256<float>.One + VectorMath.Exp(-z));

    /// <summary>tanh z, lane by lane (the vector tanh of the kernels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => VectorMath.Tanh(z);

    /// <summary>max(z, 0), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero);

    /// <summary>δ ⊙ σ'(z) with σ' = a (1 − a), written through a = σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TimesSigmoidDerivative(Vector256<float> d, Vector256<float> a) => d * (a * (Vector256<float>.One - a));

    /// <summary>δ ⊙ tanh'(z) with tanh' = 1 − a², written through a = tanh z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TimesTanhDerivative(Vector256<float> d, Vector256<float> a) => d * (Vector256<float>.One - (a * a));

    /// <summary>δ ⊙ ReLU'(z) with ReLU' = [a &gt; 0], written through a = max(z, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TimesReLUDerivative(Vector256<float> d, Vector256<float> a) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), d, Vector256<float>.Zero);
}
#endif
