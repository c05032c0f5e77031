using System;
using System.Linq;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// LeakyReLU, ELU, GELU (tanh form), SiLU and Softplus, and the Huber and absolute-error terms: NetMath's f and f'
/// against the formulas at known points and against central differences, their stability at large |z|, and the span
/// kernels against NetMath.
/// </summary>
public sealed class NewActivationMathTests
{
    private static readonly double[] Points = { -30, -6, -2.5, -1, -0.3, -1e-7, 1e-7, 0.2, 0.9, 1.7, 4, 12, 40 };

    private static readonly Activation[] Added = { Activation.LeakyReLU, Activation.ELU, Activation.GELU, Activation.SiLU, Activation.Softplus };

    /// <summary>The formulas as documented on <see cref="Activation"/>, written directly.</summary>
    private static double Formula(Activation f, double z) => f switch
    {
        Activation.LeakyReLU => z > 0 ? z : 0.01 * z,
        Activation.ELU => z > 0 ? z : Math.Exp(z) - 1,
        Activation.GELU => 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + (0.044715 * Math.Pow(z, 3))))),
        Activation.SiLU => z / (1 + Math.Exp(-z)),
        Activation.Softplus => Math.Log(1 + Math.Exp(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    private static double Apply(Activation f, double z) => f switch
    {
        Activation.LeakyReLU => NetMath.LeakyReLU(z),
        Activation.ELU => NetMath.ELU(z),
        Activation.GELU => NetMath.GELU(z),
        Activation.SiLU => NetMath.SiLU(z),
        _ => NetMath.Softplus(z),
    };

    /// <summary>f'(z) as the generated code computes it: through a = f(z) where the contract says so, else from z.</summary>
    private static double Derivative(Activation f, double z)
    {
        double a = Apply(f, z);
        return f switch
        {
            Activation.LeakyReLU => a > 0 ? 1 : 0.01,
            Activation.ELU => a > 0 ? 1 : a + 1,
            Activation.Softplus => 1 - Math.Exp(-a),
            Activation.GELU => NetMath.GELUDerivative(z),
            _ => NetMath.SiLUDerivative(z),
        };
    }

    private static void Near(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), "expected " + expected + ", actual " + actual);

    [Fact]
    public void Double_f_matches_the_formula_at_known_points()
    {
        foreach (Activation f in Added)
        {
            foreach (double z in Points)
            {
                double expected = Formula(f, z);
                Assert.True(Math.Abs(Apply(f, z) - expected) <= 1e-14 * Math.Max(1, Math.Abs(expected)), f + "(" + z + ") = " + Apply(f, z) + ", expected " + expected);
            }
        }

        Assert.Equal(-0.02, NetMath.LeakyReLU(-2d), 15);
        Assert.Equal(Math.Exp(-1) - 1, NetMath.ELU(-1d), 15);
        Assert.Equal(0.8411919906082768, NetMath.GELU(1d), 14); // PyTorch gelu(1, approximate='tanh')
        Assert.Equal(0.7310585786300049, NetMath.SiLU(1d), 15);
        Assert.Equal(Math.Log(2), NetMath.Softplus(0d), 15);
    }

    [Fact]
    public void Double_derivative_matches_central_differences()
    {
        const double h = 1e-6;
        foreach (Activation f in Added)
        {
            foreach (double z in Points.Where(p => Math.Abs(p) > 1e-3))
            {
                double numeric = (Formula(f, z + h) - Formula(f, z - h)) / (2 * h);
                Assert.True(Math.Abs(Derivative(f, z) - numeric) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), f + "'(" + z + ") = " + Derivative(f, z) + ", numeric " + numeric);
            }
        }
    }

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e30)]
    [InlineData(1e200)]
    public void Large_inputs_stay_finite_and_exact(double big)
    {
        Assert.Equal(big, NetMath.Softplus(big));
        Assert.InRange(NetMath.Softplus(-big), 0, 1e-300);
        Assert.Equal(big, NetMath.SiLU(big));
        Assert.Equal(0, NetMath.SiLU(-big));
        Assert.Equal(1, NetMath.SiLUDerivative(big));
        Assert.Equal(0, NetMath.SiLUDerivative(-big));
        Assert.Equal(big, NetMath.GELU(big));
        Assert.Equal(0, NetMath.GELU(-big));
        Assert.Equal(1, NetMath.GELUDerivative(big));
        Assert.Equal(0, NetMath.GELUDerivative(-big));
        Assert.Equal(-1, NetMath.ELU(-big));
        Assert.Equal(-0.01 * big, NetMath.LeakyReLU(-big));
    }

    [Fact]
    public void Float_versions_agree_with_double_and_stay_finite()
    {
        foreach (double z in Points)
        {
            float x = (float)z;
            Near(NetMath.LeakyReLU((double)x), NetMath.LeakyReLU(x), 1e-6);
            Near(NetMath.ELU((double)x), NetMath.ELU(x), 1e-6);
            Near(NetMath.GELU((double)x), NetMath.GELU(x), 1e-6);
            Near(NetMath.SiLU((double)x), NetMath.SiLU(x), 1e-6);
            Near(NetMath.Softplus((double)x), NetMath.Softplus(x), 1e-6);
            Near(NetMath.GELUDerivative((double)x), NetMath.GELUDerivative(x), 1e-6);
            Near(NetMath.SiLUDerivative((double)x), NetMath.SiLUDerivative(x), 1e-6);
        }

        foreach (float big in new[] { 1e3f, 1e20f, 3e38f })
        {
            Assert.Equal(big, NetMath.GELU(big));
            Assert.Equal(0f, NetMath.GELU(-big));
            Assert.Equal(1f, NetMath.GELUDerivative(big));
            Assert.Equal(0f, NetMath.GELUDerivative(-big));
            Assert.Equal(1f, NetMath.SiLUDerivative(big));
            Assert.Equal(0f, NetMath.SiLUDerivative(-big));
            Assert.Equal(big, NetMath.Softplus(big));
            Assert.True(float.IsFinite(NetMath.SiLU(-big)) && float.IsFinite(NetMath.Softplus(-big)));
        }
    }

    [Theory]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.ELU)]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.Softplus)]
    public void Span_kernels_match_NetMath(Activation f)
    {
        double[] z = Enumerable.Range(0, 37).Select(i => (i - 18) * 0.37).ToArray();
        var a = new double[z.Length];
        Kernels.Activate<double>(z, a, f);
        var d = Enumerable.Repeat(2.0, z.Length).ToArray();
        if (f is Activation.GELU or Activation.SiLU)
        {
            Assert.Throws<ArgumentException>(() => Kernels.MultiplyByDerivative<double>(new double[1], new double[1], f));
            Kernels.MultiplyByDerivativeFromZ<double>(d, z, f);
        }
        else
        {
            Kernels.MultiplyByDerivative<double>(d, a, f);
        }

        var fromZ = Enumerable.Repeat(2.0, z.Length).ToArray();
        Kernels.MultiplyByDerivativeFromZ<double>(fromZ, z, f);
        var af = new float[z.Length];
        Kernels.Activate<float>(z.Select(v => (float)v).ToArray(), af, f);
        for (int i = 0; i < z.Length; i++)
        {
            Assert.Equal(Apply(f, z[i]), a[i], 14);
            Assert.Equal(2 * Derivative(f, z[i]), d[i], 12);
            Assert.Equal(2 * Derivative(f, z[i]), fromZ[i], 12);
            Near(a[i], af[i], 1e-6);
        }
    }

    [Fact]
    public void Huber_and_absolute_error_terms_and_their_gradients()
    {
        Assert.Equal(0.125, NetMath.Huber(0.5));
        Assert.Equal(0.5, NetMath.Huber(-1.0));
        Assert.Equal(2.5, NetMath.Huber(-3.0));
        Assert.Equal(0.5, NetMath.HuberGradient(0.5));
        Assert.Equal(-1, NetMath.HuberGradient(-3.0));
        Assert.Equal(1f, NetMath.HuberGradient(7f));
        Assert.Equal(3.0, NetMath.Abs(-3.0));
        Assert.Equal(-1, NetMath.Sign(-0.2));
        Assert.Equal(0, NetMath.Sign(0.0)); // the subgradient at 0
        Assert.Equal(0f, NetMath.Sign(0f));

        double[] g = { 0.5, -2, 1, 4 };
        double[] y = { 0, 1, 1, 0.5 };
        var d = new double[4];
        Assert.Equal(0.125 + 2.5 + 0 + 3.0, Kernels.HuberDeltas<double>(g, y, d, Activation.Identity), 14);
        Assert.Equal(new[] { 0.5, -1, 0, 1 }, d);
        Assert.Equal(0.5 + 3 + 0 + 3.5, Kernels.AbsoluteErrorDeltas<double>(g, y, d, Activation.Identity), 14);
        Assert.Equal(new[] { 1.0, -1, 0, 1 }, d);
        Assert.Equal(0.5 + 3 + 0 + 3.5, Kernels.AbsoluteErrorDeltas<double>(g, y, d, Activation.LeakyReLU), 14);
        Assert.Equal(new[] { 1.0, -0.01, 0, 1 }, d); // f' through a: a = −2 is on the leaky side
    }
}
