using System;
using System.Linq;
using System.Runtime.Intrinsics;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// NetGen's own exp, log, tanh and the rest (DeterministicMath): as accurate as the platform's within a few ulps, the
/// special values right, and the deterministic kernels' documented operation orders exactly.
/// </summary>
public class DeterministicMathTests
{
    private static readonly double[] Samples = Enumerable.Range(-4000, 8001).Select(i => i * 0.0173).Concat(new[]
    {
        1e-300, -1e-300, 1e-20, -1e-20, 1e-9, -1e-9, 0.3465, 0.3466, -0.3466, 0.5 * Math.Log(2), 709.7, -708.3, -745.0, 700, -700, 88.7, -87.3, 22, -22, 21.99,
    }).ToArray();

    /// <summary>|a − b| in units of b's last place (doubles).</summary>
    private static double Ulps(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(Math.BitIncrement(b) - b), double.Epsilon);

    [Fact]
    public void Exp_is_within_two_ulps_of_Math_Exp()
    {
        foreach (double x in Samples)
        {
            double expected = Math.Exp(x);
            Assert.True(Ulps(DeterministicMath.Exp(x), expected) <= 2 || (expected < 1e-300 && Math.Abs(DeterministicMath.Exp(x) - expected) <= 4.95e-324 * 2), $"exp({x:R}) = {DeterministicMath.Exp(x):R}, Math.Exp {expected:R}");
        }
    }

    [Fact]
    public void Log_is_within_two_ulps_of_Math_Log()
    {
        foreach (double x in Samples.Select(Math.Abs).Where(x => x > 0).Concat(new[] { double.Epsilon, 1e-310, 1 + 1e-15, 1 - 1e-16, 1.4142135623730951, 0.7071067811865476, double.MaxValue }))
        {
            Assert.True(Ulps(DeterministicMath.Log(x), Math.Log(x)) <= 2, $"log({x:R}) = {DeterministicMath.Log(x):R}, Math.Log {Math.Log(x):R}");
        }
    }

    [Fact]
    public void Tanh_ExpMinusOne_and_LogOnePlus_are_within_four_ulps()
    {
        foreach (double x in Samples.Where(x => Math.Abs(x) < 700))
        {
            Assert.True(Ulps(DeterministicMath.Tanh(x), Math.Tanh(x)) <= 4, $"tanh({x:R}) = {DeterministicMath.Tanh(x):R}, Math.Tanh {Math.Tanh(x):R}");
            Assert.True(Ulps(DeterministicMath.ExpMinusOne(x), Math.Exp(x) - 1) <= 4 || Math.Abs(x) < 0.5, $"expm1({x:R})");
            if (x > -1)
            {
                // Math.Log(1 + x) is off by up to 1.1e-16 / (1 + x) itself (the rounding of 1 + x).
                Assert.True(Math.Abs(DeterministicMath.LogOnePlus(x) - Math.Log(1 + x)) <= (4 * Math.Abs(Math.BitIncrement(Math.Log(1 + x)) - Math.Log(1 + x))) + (2.3e-16 / (1 + x)), $"log1p({x:R})");
            }
        }

        // Near 0, against the series themselves (Math.Exp(x) − 1 cancels there).
        Assert.Equal(1e-20, DeterministicMath.ExpMinusOne(1e-20));
        Assert.Equal(1e-20, DeterministicMath.LogOnePlus(1e-20));
        Assert.True(Ulps(DeterministicMath.ExpMinusOne(1e-5), 1.0000050000166667e-5) <= 2);
        Assert.True(Ulps(DeterministicMath.LogOnePlus(1e-5), 9.9999500003333308e-6) <= 2);
    }

    [Fact]
    public void Float_functions_are_the_double_ones_rounded_once()
    {
        foreach (double d in Samples.Where(x => Math.Abs(x) < 80))
        {
            float x = (float)d;
            Assert.Equal((float)Math.Exp(x), DeterministicMath.Exp(x), 1e-6f * Math.Max(1f, (float)Math.Exp(x)));
            Assert.Equal((float)DeterministicMath.Exp((double)x), DeterministicMath.Exp(x));
            Assert.Equal((float)DeterministicMath.Tanh((double)x), DeterministicMath.Tanh(x));
            Assert.Equal((float)DeterministicMath.Sigmoid((double)x), DeterministicMath.Sigmoid(x));
        }
    }

    [Fact]
    public void Special_values()
    {
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710d));
        Assert.Equal(0d, DeterministicMath.Exp(-746d));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
        Assert.Equal(1d, DeterministicMath.Exp(0d));
        Assert.True(Ulps(DeterministicMath.Exp(1d), Math.E) <= 2, $"exp(1) = {DeterministicMath.Exp(1d):R}, e = {Math.E:R}, exp(1 - 1e-12) = {DeterministicMath.Exp(1 - 1e-12):R} vs {Math.Exp(1 - 1e-12):R}");
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0d));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1d)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.Equal(0d, DeterministicMath.Log(1d));
        Assert.Equal(1d, DeterministicMath.Tanh(40d));
        Assert.Equal(-1d, DeterministicMath.Tanh(-40d));
        Assert.True(double.IsNaN(DeterministicMath.Tanh(double.NaN)));
        Assert.Equal(0d, DeterministicMath.ReLU(double.NaN));
        Assert.True(double.IsNaN(DeterministicMath.Max(1d, double.NaN)));
        Assert.Equal(1d, DeterministicMath.Max(double.NaN, 1d));
        Assert.Equal(0d, DeterministicMath.Sigmoid(-1000d));
        Assert.Equal(1d, DeterministicMath.Sigmoid(1000d));
        Assert.Equal(3.7200759760208361e-44, DeterministicMath.SigmoidCrossEntropy(100d, 1d), 1e-55);
        Assert.Equal(100d, DeterministicMath.Softplus(100d));
    }

    [Fact]
    public void Power_and_the_cosine_schedule_are_exact_enough()
    {
        Assert.Equal(1d, DeterministicMath.Power(0.9, 0));
        Assert.Equal(1024d, DeterministicMath.Power(2d, 10));
        Assert.Equal(0.9 * 0.9 * 0.9, DeterministicMath.Power(0.9, 3));
        foreach (long n in new long[] { 1, 2, 7, 100, 1000, 123_456, 10_000_000 })
        {
            // Repeated squaring: a relative error of at most about n units of 2^-53, which in Adam's 1 − β^t is an
            // absolute error of at most max_n n β^n 2^-53 (about 4e-14 for β = 0.999).
            double expected = Math.Pow(0.999, n);
            Assert.True(Math.Abs(DeterministicMath.Power(0.999, n) - expected) <= (n * 2.3e-16 * expected) + 1e-300, $"0.999^{n}");
            Assert.True(Math.Abs(DeterministicMath.Power(0.999, n) - expected) <= 1e-13, $"0.999^{n}");
        }

        Assert.Throws<ArgumentOutOfRangeException>("n", () => DeterministicMath.Power(2d, -1));
        for (int i = 0; i <= 100; i++)
        {
            Assert.True(Math.Abs(Math.Cos(Math.PI * i / 100) - DeterministicMath.CosPi(i / 100d)) <= 1e-15, $"cos(π {i}/100)");
        }
    }

    [Fact]
    public void Dot_products_follow_the_documented_order_at_every_length_in_every_form()
    {
        // Float: 8 partial sums, combined ((s0+s4)+(s2+s6))+((s1+s5)+(s3+s7)); double: 4, (s0+s2)+(s1+s3). The vector
        // form this CPU takes (Vector256, two Vector128, or scalars) must give exactly these bits.
        var rng = new Random(5);
        for (int n = 0; n <= 40; n++)
        {
            float[] a = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * 1e3f).ToArray();
            float[] b = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * 1e-3f).ToArray();
            var s = new float[8];
            for (int i = 0; i < n; i++)
            {
                s[i % 8] += a[i] * b[i];
            }

            float expected = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(DeterministicKernels.Dot(a, b)));
            var c = new float[1];
            DeterministicKernels.MultiplyTransposed<float>(a, b, new[] { 0.5f }, c, 1, 1, n);
            Assert.Equal(BitConverter.SingleToInt32Bits(0.5f + expected), BitConverter.SingleToInt32Bits(c[0]));
            float[] ones = Enumerable.Repeat(1f, n).ToArray();
            var t = new float[8];
            for (int i = 0; i < n; i++)
            {
                t[i % 8] += a[i];
            }

            Assert.Equal(((t[0] + t[4]) + (t[2] + t[6])) + ((t[1] + t[5]) + (t[3] + t[7])), DeterministicKernels.Sum(a));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(DeterministicKernels.ScalarDot(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a), ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(b), n)));

            double[] da = a.Select(v => (double)v * 1.1).ToArray(), db = b.Select(v => (double)v / 3).ToArray();
            var d = new double[4];
            for (int i = 0; i < n; i++)
            {
                d[i % 4] += da[i] * db[i];
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits((d[0] + d[2]) + (d[1] + d[3])), BitConverter.DoubleToInt64Bits(DeterministicKernels.Dot(da, db)));
        }
    }

    [Fact]
    public void The_vector_forms_of_exp_sigmoid_and_tanh_give_the_scalar_bits_in_every_lane()
    {
        double[] xs = Samples.Concat(new[] { -708d, 709d, -708.0000001, 709.0000001, -1e-310, 22d, 22.0000001, -22d, 0d, -0d, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 800, -800 }).ToArray();
        for (int i = 0; i + 1 < xs.Length; i++)
        {
            var v = System.Runtime.Intrinsics.Vector128.Create(xs[i], xs[i + 1]);
            for (int lane = 0; lane < 2; lane++)
            {
                double x = xs[i + lane];
                Assert.Equal(BitConverter.DoubleToInt64Bits(DeterministicMath.Exp(x)), BitConverter.DoubleToInt64Bits(DeterministicMath.Exp(v).GetElement(lane)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(DeterministicMath.Sigmoid(x)), BitConverter.DoubleToInt64Bits(DeterministicMath.Sigmoid(v).GetElement(lane)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(DeterministicMath.Tanh(x)), BitConverter.DoubleToInt64Bits(DeterministicMath.Tanh(v).GetElement(lane)));
            }
        }

        // Through the kernel, float and double, against the scalar functions.
        float[] zf = xs.Where(x => !double.IsNaN(x)).Select(x => (float)x).ToArray();
        foreach (Activation f in new[] { Activation.Sigmoid, Activation.Tanh })
        {
            var af = new float[zf.Length];
            DeterministicKernels.Activate<float>(zf, af, f);
            for (int i = 0; i < zf.Length; i++)
            {
                float expected = f == Activation.Sigmoid ? DeterministicMath.Sigmoid(zf[i]) : DeterministicMath.Tanh(zf[i]);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(af[i]));
            }

            var ad = new double[xs.Length];
            DeterministicKernels.Activate<double>(xs, ad, f);
            for (int i = 0; i < xs.Length; i++)
            {
                double expected = f == Activation.Sigmoid ? DeterministicMath.Sigmoid(xs[i]) : DeterministicMath.Tanh(xs[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ad[i]));
            }
        }
    }

    [Fact]
    public void Deterministic_kernels_agree_with_the_SIMD_kernels_to_rounding()
    {
        var rng = new Random(8);
        const int m = 7, n = 13, k = 37;
        double[] a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] b = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] bias = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var fast = new double[m * n];
        var exact = new double[m * n];
        Kernels.MultiplyTransposed<double>(a, b, bias, fast, m, n, k);
        DeterministicKernels.MultiplyTransposed<double>(a, b, bias, exact, m, n, k);
        for (int i = 0; i < fast.Length; i++)
        {
            Assert.Equal(fast[i], exact[i], 12);
        }

        var rowsFast = new double[m * k];
        var rowsExact = new double[m * k];
        Kernels.AccumulateRows<double>(rowsFast, m, k, a, 1, m, a, m, 0.5);
        DeterministicKernels.AccumulateRows<double>(rowsExact, m, k, a, 1, m, a, m, 0.5);
        for (int i = 0; i < rowsFast.Length; i++)
        {
            Assert.Equal(rowsFast[i], rowsExact[i], 12);
        }
    }
}
