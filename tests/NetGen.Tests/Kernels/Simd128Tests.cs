using System;
using System.Runtime.Intrinsics;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The Vector128 building blocks the generated code calls on 128-bit CPUs (ARM64, WebAssembly, x64 without AVX2),
/// against plain loops, at every row length the generator can pass them (whole vectors, and inputs that end in a
/// partial vector) and at offsets that are not vector-aligned. Vector128 is accelerated on every CPU CI runs (x64 with
/// and without AVX2, arm64 under QEMU), so these run everywhere, not only where the generated code picks them.
/// </summary>
public sealed class Simd128Tests
{
    public static TheoryData<int> Lengths => new() { 4, 5, 7, 8, 9, 12, 13, 15, 16, 24, 30, 31, 64, 100 };

    private static float[] Random(Random r, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)((r.NextDouble() * 2) - 1);
        }

        return a;
    }

    private static bool Accelerated()
    {
        // The generated code's guard: 128-bit vectors and Vector<float> of that width (false with AVX2, whose
        // Vector<float> holds 8 lanes; the Vector256 code runs there instead).
        Assert.Equal(Vector128.IsHardwareAccelerated && System.Numerics.Vector<float>.Count == 4, Simd128.IsSupported);
        return Vector128.IsHardwareAccelerated;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotRows4_and_Dot_match_plain_dot_products(int n)
    {
        if (!Accelerated())
        {
            return;
        }

        var r = new Random(n);
        const int offset = 3; // rows start off the 16-byte grid
        float[] w = Random(r, offset + (4 * n));
        float[] x = Random(r, n);
        Vector128<float> block = Simd128.DotRows4(ref w[0], offset, n, ref x[0]);
        for (int row = 0; row < 4; row++)
        {
            double expected = 0;
            for (int k = 0; k < n; k++)
            {
                expected += (double)w[offset + (row * n) + k] * x[k];
            }

            Assert.Equal(expected, block.GetElement(row), 1e-5);
            Assert.Equal(expected, Simd128.Dot(ref w[0], offset + (row * n), n, ref x[0]), 1e-5);
        }
    }

    [Fact]
    public void Sum4_puts_the_sum_of_each_vector_in_its_lane()
    {
        if (!Accelerated())
        {
            return;
        }

        // Powers of two: every order of addition gives the same sums exactly.
        Vector128<float> s = Simd128.Sum4(
            Vector128.Create(1f, 2f, 4f, 8f),
            Vector128.Create(16f, 32f, 64f, 128f),
            Vector128.Create(-1f, -2f, 0.5f, 0.25f),
            Vector128.Create(1024f, 0f, 0f, 2048f));
        Assert.Equal(Vector128.Create(15f, 240f, -2.25f, 3072f), s);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaled_adds_a_scaled_row_and_touches_nothing_else(int n)
    {
        if (!Accelerated())
        {
            return;
        }

        var r = new Random(100 + n);
        const int offset = 5;
        float[] c = Random(r, offset + n + 4);
        float[] before = (float[])c.Clone();
        float[] x = Random(r, n);
        Simd128.AddScaled(ref c[0], offset, n, -0.25f, ref x[0]);
        for (int i = 0; i < c.Length; i++)
        {
            bool inRow = i >= offset && i < offset + n;
            float expected = inRow ? (x[i - offset] * -0.25f) + before[i] : before[i];
            Assert.Equal(expected, c[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaledRows4_updates_four_rows_as_AddScaled_would_and_touches_nothing_else(int n)
    {
        if (!Accelerated())
        {
            return;
        }

        var r = new Random(200 + n);
        const int offset = 6;
        float[] c = Random(r, offset + (4 * n) + 4);
        float[] byRow = (float[])c.Clone();
        float[] before = (float[])c.Clone();
        float[] x = Random(r, n);
        float[] scales = { 0.5f, -0.125f, 3f, -1.75f };
        Simd128.AddScaledRows4(ref c[0], offset, n, Vector128.Create(scales[0], scales[1], scales[2], scales[3]), ref x[0]);
        for (int row = 0; row < 4; row++)
        {
            Simd128.AddScaled(ref byRow[0], offset + (row * n), n, scales[row], ref x[0]);
        }

        // The same bits as four AddScaled calls, and each value is c + s·x rounded twice (no fused multiply-add).
        Assert.Equal(byRow, c);
        for (int i = 0; i < c.Length; i++)
        {
            int row = (i - offset) / n;
            bool inBlock = i >= offset && i < offset + (4 * n);
            float expected = inBlock ? (x[(i - offset) % n] * scales[row]) + before[i] : before[i];
            Assert.Equal(expected, c[i]);
        }
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(8, 3)]
    [InlineData(16, 4)]
    [InlineData(32, 10)]
    [InlineData(24, 128)]
    public void ColumnDot_is_one_block_of_W_transposed_times_delta(int n, int m)
    {
        if (!Accelerated())
        {
            return;
        }

        var r = new Random((n * 1000) + m);
        float[] w = Random(r, n * m);
        float[] d = Random(r, m);
        for (int block = 0; block < n; block += 4)
        {
            Vector128<float> v = Simd128.ColumnDot(ref w[0], block, n, m, ref d[0]);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = 0;
                for (int j = 0; j < m; j++)
                {
                    expected += (double)w[(j * n) + block + lane] * d[j];
                }

                Assert.Equal(expected, v.GetElement(lane), 1e-4);
            }
        }
    }
}
