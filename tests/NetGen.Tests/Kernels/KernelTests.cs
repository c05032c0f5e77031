using System;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>The SIMD kernels of loop-shape and batched networks against naive loops, at sizes that exercise every tail.</summary>
public class KernelTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 4, 8 }, { 1, 5, 17 }, { 2, 4, 16 }, { 3, 7, 33 }, { 5, 9, 64 }, { 32, 10, 128 }, { 7, 13, 100 },
        // One row against 8 rows or more (the online matrix-vector product), k with and without a partial last vector.
        { 1, 8, 8 }, { 1, 10, 13 }, { 1, 24, 9 }, { 3, 17, 31 }, { 1, 16, 4 }, { 1, 8, 5 },
        // k of one 16-float vector, with a partial last vector, and MNIST-wide; 4-row blocks of 32 columns and the rest.
        { 1, 8, 16 }, { 1, 9, 37 }, { 1, 24, 784 }, { 2, 5, 784 }, { 4, 33, 70 }, { 6, 8, 47 },
        // The 512-bit batch blocks (4 x 4 dot products; 4 rows x 4, 2 and 1 vectors of 16): whole blocks, a row and a
        // column left over, k of exactly one vector and MNIST-wide with a partial last vector.
        { 8, 8, 16 }, { 9, 13, 8 }, { 13, 6, 117 }, { 16, 128, 784 }, { 5, 4, 785 },
    };

    /// <summary>
    /// Shapes of <see cref="Kernels.AccumulateRows{T}"/> with scale 1 (the batch path): rows, columns, terms. Columns
    /// cover 4, 2 and 1 blocks of 16 floats and a partial one; rows a whole number of 4-row blocks and not.
    /// </summary>
    public static TheoryData<int, int, int> UnitScaleShapes => new()
    {
        { 1, 1, 1 }, { 3, 7, 2 }, { 4, 16, 3 }, { 5, 117, 9 }, { 8, 64, 64 }, { 9, 96, 10 }, { 128, 784, 5 }, { 7, 40, 33 }, { 2, 8, 200 },
    };

    /// <summary>
    /// With scale 1 every element of C is its own chain over the terms in order (a fused multiply-add per term where
    /// the columns fill whole 8-float vectors, on a CPU with FMA; a multiply and an add in the last columns), whatever
    /// width the kernel runs at: the same bits as that chain written out, with the 512-bit blocks or without.
    /// </summary>
    [Theory]
    [MemberData(nameof(UnitScaleShapes))]
    public void AccumulateRows_with_scale_one_computes_each_element_as_its_own_chain_over_the_terms(int rows, int cols, int terms)
    {
        var r = new Random((rows * 31) + (cols * 7) + terms);
        float[] x = Array.ConvertAll(RandomArray(r, rows * terms), v => (float)v);
        float[] s = Array.ConvertAll(RandomArray(r, terms * cols), v => (float)v);
        float[] c0 = Array.ConvertAll(RandomArray(r, rows * cols), v => (float)v);

        // Both stride patterns: x as [rows, terms] (BP2, the forward pass) and as [terms, rows] (BP4).
        foreach ((int rowStride, int termStride) in new[] { (terms, 1), (1, rows) })
        {
            var c = (float[])c0.Clone();
            Kernels.AccumulateRows<float>(c, rows, cols, x, rowStride, termStride, s, terms, 1f);
            bool fused = System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Numerics.Vector<float>.Count == 8;
            int vectorColumns = cols / 8 * 8;
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    float expected = c0[(i * cols) + j];
                    for (int t = 0; t < terms; t++)
                    {
                        float xt = x[(i * rowStride) + (t * termStride)], st = s[(t * cols) + j];
                        expected = fused && j < vectorColumns ? MathF.FusedMultiplyAdd(xt, st, expected) : expected + (xt * st);
                    }

                    if (fused || j >= vectorColumns)
                    {
                        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(c[(i * cols) + j]), $"strides ({rowStride}, {termStride}), element [{i}, {j}]: {c[(i * cols) + j]:R} vs {expected:R}");
                    }
                    else
                    {
                        Assert.Equal(expected, c[(i * cols) + j], 1e-4f * terms);
                    }
                }
            }

            // And in double, against the exact sum (8-lane blocks of 512 bits, 4-lane vectors of 256).
            double[] xd = Array.ConvertAll(x, v => (double)v), sd = Array.ConvertAll(s, v => (double)v), cd = Array.ConvertAll(c0, v => (double)v);
            Kernels.AccumulateRows<double>(cd, rows, cols, xd, rowStride, termStride, sd, terms, 1d);
            for (int e = 0; e < rows * cols; e++)
            {
                double expected = c0[e];
                for (int t = 0; t < terms; t++)
                {
                    expected += xd[((e / cols) * rowStride) + (t * termStride)] * sd[(t * cols) + (e % cols)];
                }

                Assert.Equal(expected, cd[e], 1e-12);
            }
        }
    }

    private static double[] RandomArray(Random r, int n)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (r.NextDouble() * 2) - 1;
        }

        return a;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposedAdd_adds_A_times_B_transposed_to_what_C_holds(int m, int n, int k)
    {
        var r = new Random((m * 1000) + (n * 10) + k + 7);
        double[] a = RandomArray(r, m * k), b = RandomArray(r, n * k), c0 = RandomArray(r, m * n);
        var c = (double[])c0.Clone();
        Kernels.MultiplyTransposedAdd<double>(a, b, c, m, n, k);
        float[] cf = Array.ConvertAll(c0, x => (float)x);
        Kernels.MultiplyTransposedAdd<float>(Array.ConvertAll(a, x => (float)x), Array.ConvertAll(b, x => (float)x), cf, m, n, k);
        for (int i = 0; i < m * n; i++)
        {
            int row = i / n, col = i % n;
            double expected = c0[i];
            for (int kk = 0; kk < k; kk++)
            {
                expected += a[(row * k) + kk] * b[(col * k) + kk];
            }

            // Tolerances, not decimal places: rounding both to 4 places fails when they straddle a rounding boundary.
            Assert.Equal(expected, c[i], 1e-10);
            Assert.Equal(expected, cf[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 8)]
    [InlineData(200, 24)]
    [InlineData(17, 33)]
    [InlineData(9, 7)]
    [InlineData(2, 200)]
    [InlineData(64, 16)]
    public void Transpose_moves_every_element_exactly(int rows, int cols)
    {
        var r = new Random((rows * 100) + cols);
        double[] a = RandomArray(r, rows * cols);
        float[] af = Array.ConvertAll(a, x => (float)x);
        var b = new double[rows * cols];
        var bf = new float[rows * cols];
        Kernels.Transpose<double>(a, b, rows, cols);
        Kernels.Transpose<float>(af, bf, rows, cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(a[(i * cols) + j], b[(j * rows) + i]);
                Assert.Equal(af[(i * cols) + j], bf[(j * rows) + i]);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 37)]
    [InlineData(8, 200)]
    [InlineData(5, 16)]
    public void BroadcastRows_and_AddRowSums_fill_and_sum_rows(int rows, int cols)
    {
        var r = new Random((rows * 31) + cols);
        double[] values = RandomArray(r, rows);
        var c = new double[rows * cols];
        c.AsSpan().Fill(double.NaN);
        Kernels.BroadcastRows<double>(values, c, rows, cols);
        for (int i = 0; i < rows * cols; i++)
        {
            Assert.Equal(values[i / cols], c[i]);
        }

        Kernels.BroadcastRows<double>(ReadOnlySpan<double>.Empty, c, rows, cols);
        Assert.All(c, x => Assert.Equal(0.0, x));

        double[] d = RandomArray(r, rows * cols), g0 = RandomArray(r, rows);
        var g = (double[])g0.Clone();
        float[] gf = Array.ConvertAll(g0, x => (float)x);
        Kernels.AddRowSums<double>(d, g, rows, cols, 0.5);
        Kernels.AddRowSums<float>(Array.ConvertAll(d, x => (float)x), gf, rows, cols, 0.5f);
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < cols; j++)
            {
                sum += d[(i * cols) + j];
            }

            Assert.Equal(g0[i] + (0.5 * sum), g[i], 1e-12);
            Assert.Equal(g0[i] + (0.5 * sum), gf[i], 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposed_matches_naive_A_times_B_transposed_plus_bias(int m, int n, int k)
    {
        var r = new Random((m * 1000) + (n * 10) + k);
        double[] a = RandomArray(r, m * k), b = RandomArray(r, n * k), bias = RandomArray(r, n);
        var c = new double[m * n];
        Kernels.MultiplyTransposed<double>(a, b, bias, c, m, n, k);
        var cf = new float[m * n];
        Kernels.MultiplyTransposed<float>(Array.ConvertAll(a, x => (float)x), Array.ConvertAll(b, x => (float)x), ReadOnlySpan<float>.Empty, cf, m, n, k);
        var cfBias = new float[m * n];
        Kernels.MultiplyTransposed<float>(Array.ConvertAll(a, x => (float)x), Array.ConvertAll(b, x => (float)x), Array.ConvertAll(bias, x => (float)x), cfBias, m, n, k);
        var cNoBias = new double[m * n];
        Kernels.MultiplyTransposed<double>(a, b, ReadOnlySpan<double>.Empty, cNoBias, m, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    expected += a[(i * k) + kk] * b[(j * k) + kk];
                }

                Assert.Equal(expected + bias[j], c[(i * n) + j], 1e-12);
                Assert.Equal(expected, cNoBias[(i * n) + j], 1e-12);
                Assert.Equal(expected, cf[(i * n) + j], 1e-4);
                Assert.Equal(expected + bias[j], cfBias[(i * n) + j], 1e-4);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AccumulateRows_matches_naive_sums_for_both_stride_patterns(int m, int n, int k)
    {
        var r = new Random((m * 7) + (n * 13) + k);

        // BP2 pattern: C[m, k] += scale * X[m, n] W[n, k].
        double[] x = RandomArray(r, m * n), w = RandomArray(r, n * k), c = RandomArray(r, m * k);
        double[] before = (double[])c.Clone();
        Kernels.AccumulateRows<double>(c, m, k, x, n, 1, w, n, 0.5);
        for (int i = 0; i < m; i++)
        {
            for (int col = 0; col < k; col++)
            {
                double expected = before[(i * k) + col];
                for (int t = 0; t < n; t++)
                {
                    expected += 0.5 * x[(i * n) + t] * w[(t * k) + col];
                }

                Assert.Equal(expected, c[(i * k) + col], 1e-12);
            }
        }

        // BP4 pattern: G[n, k] += scale * Xᵀ A, X [m, n], A [m, k].
        double[] a = RandomArray(r, m * k), g = RandomArray(r, n * k);
        double[] g0 = (double[])g.Clone();
        Kernels.AccumulateRows<double>(g, n, k, x, 1, n, a, m, -2.0);
        for (int j = 0; j < n; j++)
        {
            for (int col = 0; col < k; col++)
            {
                double expected = g0[(j * k) + col];
                for (int i = 0; i < m; i++)
                {
                    expected += -2.0 * x[(i * n) + j] * a[(i * k) + col];
                }

                Assert.Equal(expected, g[(j * k) + col], 1e-12);
            }
        }

        // The same two patterns in float (the SIMD forms differ from double's: 8 or 16 lanes, fused multiply-adds).
        float[] xf = Array.ConvertAll(x, v => (float)v), wf = Array.ConvertAll(w, v => (float)v), af = Array.ConvertAll(a, v => (float)v);
        float[] cf = Array.ConvertAll(before, v => (float)v), gf = Array.ConvertAll(g0, v => (float)v);
        Kernels.AccumulateRows<float>(cf, m, k, xf, n, 1, wf, n, 0.5f);
        Kernels.AccumulateRows<float>(gf, n, k, xf, 1, n, af, m, -2.0f);
        for (int i = 0; i < m * k; i++)
        {
            double expected = before[i];
            for (int t = 0; t < n; t++)
            {
                expected += 0.5 * xf[((i / k) * n) + t] * wf[(t * k) + (i % k)];
            }

            Assert.True(Math.Abs(expected - cf[i]) <= 1e-5 * (n + 1), $"BP2 pattern, float, element {i}: {cf[i]} vs {expected}");
        }

        for (int i = 0; i < n * k; i++)
        {
            double expected = g0[i];
            for (int e = 0; e < m; e++)
            {
                expected += -2.0 * xf[(e * n) + (i / k)] * af[(e * k) + (i % k)];
            }

            Assert.True(Math.Abs(expected - gf[i]) <= 1e-5 * (m + 1), $"BP4 pattern, float, element {i}: {gf[i]} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddColumnSums_and_Descend_match_the_scalar_formulas(int m, int n, int k)
    {
        var r = new Random(m + n + k);
        double[] d = RandomArray(r, m * n), g = RandomArray(r, n);
        double[] g0 = (double[])g.Clone();
        Kernels.AddColumnSums<double>(d, g, m, n, 3.0);
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < m; i++)
            {
                sum += d[(i * n) + j];
            }

            Assert.Equal(g0[j] + (3.0 * sum), g[j], 1e-12);
        }

        float[] p = Array.ConvertAll(RandomArray(r, k), v => (float)v), grad = Array.ConvertAll(RandomArray(r, k), v => (float)v);
        float[] p0 = (float[])p.Clone(), grad0 = (float[])grad.Clone();
        Kernels.Descend<float>(p, grad, 0.1f, 0.25f, 0.01f);
        for (int i = 0; i < k; i++)
        {
            // Bit-identical to the scalar update (no fused multiply-add).
            Assert.Equal(p0[i] - (0.1f * ((grad0[i] * 0.25f) + (0.01f * p0[i]))), p[i]);
            Assert.Equal(0f, grad[i]);
        }
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Identity)]
    public void Vectorised_float_activations_are_accurate_over_the_whole_range(Activation f)
    {
        const int count = 20001;
        var z = new float[count];
        var a = new float[count];
        for (int i = 0; i < count; i++)
        {
            z[i] = -100f + (200f * i / (count - 1));
        }

        Kernels.Activate<float>(z, a, f);
        for (int i = 0; i < count; i++)
        {
            double exact = f switch
            {
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z[i])),
                Activation.Tanh => Math.Tanh(z[i]),
                Activation.ReLU => Math.Max(0, z[i]),
                _ => z[i],
            };
            double tolerance = f == Activation.Sigmoid ? Math.Max(2e-7 * exact, 1e-30) : 2e-7 * Math.Max(1, Math.Abs(exact));
            Assert.True(Math.Abs(a[i] - exact) <= tolerance, $"{f}({z[i]}) = {a[i]}, exact {exact}");
            Assert.False(float.IsNaN(a[i]));
        }
    }

    [Fact]
    public void Scalar_float_tanh_is_accurate_near_zero_and_everywhere_else()
    {
        for (int i = -200000; i <= 200000; i++)
        {
            float z = i * 1e-4f;
            double exact = Math.Tanh(z);
            float t = NetMath.Tanh(z);
            Assert.True(Math.Abs(t - exact) <= 1.2e-7, $"tanh({z}) = {t}, exact {exact}");
            Assert.True(Math.Abs(z) >= 0.05f || Math.Abs(t - exact) <= 5e-6 * Math.Abs(exact) + 1e-30, $"tanh({z}) relative error");
        }

        Assert.Equal(1f, NetMath.Tanh(50f));
        Assert.Equal(-1f, NetMath.Tanh(-1e30f));
        Assert.Equal(0f, NetMath.Tanh(0f));
    }

    [Fact]
    public void Results_do_not_depend_on_where_the_arrays_sit_in_memory()
    {
        // The rank-one update aligns its stores (an overlapping unaligned head and tail vector); the matrix-vector
        // product masks a partial last vector: every element must still get the same bits wherever the arrays sit.
        const int rows = 9, cols = 37, k = 45;
        var r = new Random(9);
        float[] s = Array.ConvertAll(RandomArray(r, cols), v => (float)v);
        float[] x = Array.ConvertAll(RandomArray(r, rows), v => (float)v);
        float[] c0 = Array.ConvertAll(RandomArray(r, rows * cols), v => (float)v);
        float[]? first = null;
        float[] a = Array.ConvertAll(RandomArray(r, k), v => (float)v);
        float[] w = Array.ConvertAll(RandomArray(r, rows * k), v => (float)v);
        float[]? firstDot = null;
        for (int offset = 0; offset < 16; offset++)
        {
            var buffer = new float[offset + (rows * cols)];
            c0.AsSpan().CopyTo(buffer.AsSpan(offset));
            Kernels.AccumulateRows<float>(buffer.AsSpan(offset), rows, cols, x, 1, rows, s, 1, -0.3f);
            float[] result = buffer.AsSpan(offset).ToArray();
            first ??= result;
            Assert.True(first.AsSpan().SequenceEqual(result), $"rank-one update differs at offset {offset}");

            var weights = new float[offset + (rows * k)];
            w.AsSpan().CopyTo(weights.AsSpan(offset));
            var z = new float[rows];
            Kernels.MultiplyTransposed<float>(a, weights.AsSpan(offset), ReadOnlySpan<float>.Empty, z, 1, rows, k);
            firstDot ??= z;
            Assert.True(firstDot.AsSpan().SequenceEqual(z), $"dot products differ at offset {offset}");
        }
    }

    [Fact]
    public void Kernels_reject_spans_that_are_too_short()
    {
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyTransposed<float>(new float[3], new float[4], ReadOnlySpan<float>.Empty, new float[1], 1, 1, 4));
        Assert.Throws<ArgumentException>(() => Kernels.AccumulateRows<float>(new float[4], 2, 4, new float[1], 1, 1, new float[4], 1, 1f));
    }
}
