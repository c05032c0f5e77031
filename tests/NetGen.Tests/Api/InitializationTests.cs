using System;
using System.Linq;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>The constructor and <c>InitializeParameters(seed)</c>.</summary>
public sealed class InitializationTests
{
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void New_instance_has_the_parameters_of_seed_0_and_zero_gradients_double(string name) =>
        AssertNewInstance(NetworkCatalog.Double(name));

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void New_instance_has_the_parameters_of_seed_0_and_zero_gradients_single(string name) =>
        AssertNewInstance(NetworkCatalog.Single(name));

    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void InitializeParameters_is_reproducible_seed_dependent_and_bounded_double(string name) =>
        AssertInitialization(NetworkCatalog.Double(name));

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void InitializeParameters_is_reproducible_seed_dependent_and_bounded_single(string name) =>
        AssertInitialization(NetworkCatalog.Single(name));

    /// <summary>
    /// The runtime's generator is SplitMix64: its first five outputs for seed 1234567 are the published reference
    /// values (Rosetta Code, "Pseudo-random numbers/Splitmix64", computed with Vigna's splitmix64.c).
    /// </summary>
    [Fact]
    public void ParameterInitializer_is_SplitMix64()
    {
        ulong[] published = { 6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821 };
        ulong state = 1234567;
        Assert.Equal(published, published.Select(_ => ParameterInitializer.Next(ref state)));

        ulong mine = 1234567;
        Assert.Equal(published, published.Select(_ => SplitMix64(ref mine)));
    }

    /// <summary>
    /// Pins the bits "on every runtime and OS": InitializeParameters(seed) draws layer after layer from one SplitMix64
    /// stream started at the seed, w = (2u − 1) r with u = (next >> 11) 2^−53, r the Glorot bound (He for the ReLU family),
    /// biases 0 — recomputed here with this file's own SplitMix64. If the scheme changes on purpose, this test changes
    /// with it (and that is a breaking change for saved seeds).
    /// </summary>
    [Theory]
    [InlineData("SE_Tanh_ReLU")]
    [InlineData("CE_ReLU_Softmax_NoBias")]
    [InlineData("Deep_SE_ReLU_Softmax_2_6_5_4_3_2")]
    [InlineData("NA_GELU_SiLU_Softplus_Absolute")]
    [InlineData("NA_LeakyReLU_ELU_Identity_Huber")]
    [InlineData("Digits")]
    public void InitializeParameters_draws_the_documented_SplitMix64_stream(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        INetwork<double> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        foreach (ulong seed in new ulong[] { 0, 1, 0xDEADBEEF, ulong.MaxValue })
        {
            var expected = new double[reference.ParameterCount];
            ulong state = seed;
            for (int l = 1; l <= reference.L; l++)
            {
                double r = Bound(reference, l);
                for (int i = 0; i < reference.Sizes[l] * reference.Sizes[l - 1]; i++)
                {
                    double u = (SplitMix64(ref state) >> 11) * (1.0 / (1UL << 53));
                    expected[reference.WeightOffset(l) + i] = ((2 * u) - 1) * r;
                }
            }

            net.InitializeParameters(seed);
            Assert.True(Compare.Bitwise<double>(expected, net.Parameters), $"{name}, seed {seed}: not the documented stream");
        }
    }

    /// <summary>
    /// r = √(6 / (fan_in + fan_out)) (Glorot uniform), or √(6 / fan_in) (He uniform) for the ReLU family: ReLU,
    /// LeakyReLU, ELU, GELU, SiLU, Softplus.
    /// </summary>
    private static double Bound(ReferenceNetwork net, int l) =>
        net.ActivationOf(l) is Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU or Activation.SiLU or Activation.Softplus
            ? Math.Sqrt(6.0 / net.Sizes[l - 1])
            : Math.Sqrt(6.0 / (net.Sizes[l - 1] + net.Sizes[l]));

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014), as in Vigna's reference splitmix64.c.</summary>
    private static ulong SplitMix64(ref ulong x)
    {
        unchecked
        {
            x += 0x9e3779b97f4a7c15;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
            z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
            return z ^ (z >> 31);
        }
    }

    private static void AssertNewInstance<T>(NetworkCase<T> c)
        where T : unmanaged
    {
        INetwork<T> fresh = c.Create();
        INetwork<T> seeded = c.Create();
        seeded.Parameters.Fill(TestData.FromDouble<T>(double.NaN));
        seeded.InitializeParameters(0);

        Assert.True(Compare.Bitwise<T>(fresh.Parameters, seeded.Parameters), $"{c.Name}: new instance differs from InitializeParameters(0)");
        Assert.All(TestData.ToDouble<T>(fresh.Gradients), g => Assert.Equal(0, g));
        Assert.Contains(TestData.ToDouble<T>(fresh.Parameters), p => p != 0);
    }

    private static void AssertInitialization<T>(NetworkCase<T> c)
        where T : unmanaged
    {
        INetwork<T> a = c.Create(), b = c.Create();
        ReferenceNetwork reference = c.Reference;

        // Same seed, same bits, whatever the parameters were before (here: NaN, or trained).
        b.Parameters.Fill(TestData.FromDouble<T>(double.NaN));
        a.InitializeParameters(42);
        b.InitializeParameters(42);
        Assert.True(Compare.Bitwise<T>(a.Parameters, b.Parameters), $"{c.Name}: seed 42 twice gave different parameters");
        double[] seed42 = TestData.ToDouble<T>(a.Parameters);

        a.InitializeParameters(43);
        double[] seed43 = TestData.ToDouble<T>(a.Parameters);
        bool[] isWeight = reference.WeightMask();
        int sameWeights = Enumerable.Range(0, seed42.Length).Count(p => isWeight[p] && seed42[p] == seed43[p]);
        Assert.True(sameWeights == 0, $"{c.Name}: {sameWeights} weights equal under seeds 42 and 43");

        foreach (double[] theta in new[] { seed42, seed43 })
        {
            for (int l = 1; l <= reference.L; l++)
            {
                // In float, (2u - 1) r is rounded once, which may land a rounding step above r.
                double r = Bound(reference, l) * (typeof(T) == typeof(float) ? 1 + 1e-7 : 1);
                double[] w = theta.AsSpan(reference.WeightOffset(l), reference.Sizes[l] * reference.Sizes[l - 1]).ToArray();
                Assert.All(w, v => Assert.True(Math.Abs(v) <= r, $"{c.Name}, layer {l}: |{v}| > bound {r}"));
                if (w.Length >= 16)
                {
                    // Spread over the interval, not squeezed into a corner of it.
                    Assert.True(w.Max() > r / 2 && w.Min() < -r / 2, $"{c.Name}, layer {l}: weights in [{w.Min()}, {w.Max()}], bound {r}");
                }

                if (reference.HasBias)
                {
                    Assert.All(theta.AsSpan(reference.BiasOffset(l), reference.Sizes[l]).ToArray(), v => Assert.Equal(0, v));
                }
            }
        }
    }
}
