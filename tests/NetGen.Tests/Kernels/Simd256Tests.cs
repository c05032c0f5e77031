using System;
using System.Runtime.Intrinsics;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The Vector256 building blocks the generated code inlines, against plain loops, at every row length the generator can
/// pass them (whole vectors, and inputs that end in a partial vector) and at offsets that are not vector-aligned.
/// On a CPU without AVX2 and FMA (CI's DOTNET_EnableAVX2=0 run) they are never called, and these tests only check that
/// the guard says so.
/// </summary>
public sealed class Simd256Tests
{
    public static TheoryData<int> Lengths => new() { 8, 9, 13, 15, 16, 24, 30, 31, 64, 100 };

    private static float[] Random(Random r, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)((r.NextDouble() * 2) - 1);
        }

        return a;
    }

    private static bool Guarded()
    {
        bool expected = System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        Assert.Equal(expected, Simd256.IsSupported);
        return expected;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotRows8_and_Dot_match_plain_dot_products(int n)
    {
        if (!Guarded())
        {
            return;
        }

        var r = new Random(n);
        const int offset = 3; // rows start off the 32-byte grid
        float[] w = Random(r, offset + (8 * n));
        float[] x = Random(r, n);
        Vector256<float> block = Simd256.DotRows8(ref w[0], offset, n, ref x[0]);
        for (int row = 0; row < 8; row++)
        {
            double expected = 0;
            for (int k = 0; k < n; k++)
            {
                expected += (double)w[offset + (row * n) + k] * x[k];
            }

            Assert.Equal(expected, block.GetElement(row), 1e-5);
            Assert.Equal(expected, Simd256.Dot(ref w[0], offset + (row * n), n, ref x[0]), 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaled_adds_a_scaled_row_and_touches_nothing_else(int n)
    {
        if (!Guarded())
        {
            return;
        }

        var r = new Random(100 + n);
        const int offset = 5;
        float[] c = Random(r, offset + n + 4);
        float[] before = (float[])c.Clone();
        float[] x = Random(r, n);
        Simd256.AddScaled(ref c[0], offset, n, -0.25f, ref x[0]);
        for (int i = 0; i < c.Length; i++)
        {
            bool inRow = i >= offset && i < offset + n;
            float expected = inRow ? MathF.FusedMultiplyAdd(x[i - offset], -0.25f, before[i]) : before[i];
            Assert.Equal(expected, c[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaledRows8_updates_eight_rows_as_AddScaled_would_and_touches_nothing_else(int n)
    {
        if (!Guarded())
        {
            return;
        }

        var r = new Random(200 + n);
        const int offset = 6;
        float[] c = Random(r, offset + (8 * n) + 8);
        float[] byRow = (float[])c.Clone();
        float[] before = (float[])c.Clone();
        float[] x = Random(r, n);
        float[] scales = { 0.5f, -0.125f, 3f, -1.75f, 0.03125f, -2f, 1f, -0.375f };
        Simd256.AddScaledRows8(ref c[0], offset, n, Vector256.Create(scales), ref x[0]);
        for (int row = 0; row < 8; row++)
        {
            Simd256.AddScaled(ref byRow[0], offset + (row * n), n, scales[row], ref x[0]);
        }

        // The same bits as eight AddScaled calls: c + s·x with one rounding (fused multiply-add), nothing else touched.
        Assert.Equal(byRow, c);
        for (int i = 0; i < c.Length; i++)
        {
            bool inBlock = i >= offset && i < offset + (8 * n);
            float expected = inBlock ? MathF.FusedMultiplyAdd(x[(i - offset) % n], scales[(i - offset) / n], before[i]) : before[i];
            Assert.Equal(expected, c[i]);
        }
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 3)]
    [InlineData(32, 10)]
    [InlineData(24, 128)]
    public void ColumnDot_is_one_block_of_W_transposed_times_delta(int n, int m)
    {
        if (!Guarded())
        {
            return;
        }

        var r = new Random((n * 1000) + m);
        float[] w = Random(r, n * m);
        float[] d = Random(r, m);
        for (int block = 0; block < n; block += 8)
        {
            Vector256<float> v = Simd256.ColumnDot(ref w[0], block, n, m, ref d[0]);
            for (int lane = 0; lane < 8; lane++)
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
