using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>ApplyGradients, TrainStep and the bookkeeping of Gradients.</summary>
public sealed class UpdateRuleTests
{
    private readonly ITestOutputHelper _output;

    public UpdateRuleTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// Backward over a batch of m = 3 examples, then ApplyGradients(η, m, λ), equals one averaged batch step of the
    /// seed in matrix form: W ← W − η ((1/m) Δᵀ A + (λ/m) W), b ← b − η (1/m) Δᵀ 1 (<see cref="ReferenceNetwork.BatchStep"/>).
    /// The new parameters must agree to 1e-12 of their scale, and the step θ_old − θ_new itself to 1e-9 of its scale
    /// (the subtraction costs up to |θ| / |step| ≈ 1e3 ulps).
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Batch_Backward_then_ApplyGradients_is_the_averaged_matrix_step(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        INetwork<double> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        double worstTheta = 0, worstStep = 0;
        foreach ((ulong seed, double eta, double l2) in new[] { (1UL, 0.3, 0.0), (2UL, 0.05, 0.2), (3UL, 1.5, 2.0) })
        {
            const int m = 3;
            net.InitializeParameters(seed);
            var rng = new Random(50 + (int)seed);
            TestData.RandomizeBiases(net, c.Reference, rng, 0.5);
            double[] before = net.Parameters.ToArray();
            (double[] x, double[] y) = TestData.Batch(rng, reference, before, m, reluMargin: 0);

            for (int i = 0; i < m; i++)
            {
                net.Backward(x.AsSpan(i * net.InputCount, net.InputCount), y.AsSpan(i * net.OutputCount, net.OutputCount));
            }

            net.ApplyGradients(eta, m, l2);

            double[] expected = reference.BatchStep(before, x, y, eta, l2);
            double[] after = net.Parameters.ToArray();
            worstTheta = Math.Max(worstTheta, Compare.Close(expected, after, 1e-12, $"{name}, seed {seed}: parameters after the step"));
            double[] expectedStep = before.Zip(expected, (b, e) => b - e).ToArray();
            double[] actualStep = before.Zip(after, (b, a) => b - a).ToArray();
            worstStep = Math.Max(worstStep, Compare.Close(expectedStep, actualStep, 1e-9, $"{name}, seed {seed}: the step"));
            Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0, g));
        }

        _output.WriteLine($"{c.Description}: parameters {worstTheta:E2}, step {worstStep:E2}");
    }

    /// <summary>
    /// TrainStep(x, y, η) from zero gradients: the same parameters as Backward(x, y) + ApplyGradients(η, 1), over a
    /// sequence of 6 steps, each compared from the same starting parameters; returns E before the step. Unrolled networks
    /// agree bit for bit (θ − η (g·1 + 0·θ) and θ − η g are the same IEEE operations); loop-shape networks to one
    /// rounding (see below).
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void TrainStep_equals_Backward_then_ApplyGradients_double(string name) =>
        _output.WriteLine($"{name}: max relative difference {AssertTrainStepIsFused(NetworkCatalog.Double(name), 0.3):E2}");

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void TrainStep_equals_Backward_then_ApplyGradients_single(string name) =>
        _output.WriteLine($"{name}: max relative difference {AssertTrainStepIsFused(NetworkCatalog.Single(name), 0.3f):E2}");

    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Gradients_accumulate_until_ZeroGradients_or_ApplyGradients(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        INetwork<double> net = c.Create();
        var rng = new Random(77);
        TestData.RandomizeBiases(net, c.Reference, rng, 0.5);
        double[] theta = net.Parameters.ToArray();
        (double[] x, double[] y) = TestData.Batch(rng, c.Reference, theta, m: 2, reluMargin: 0);
        ReadOnlySpan<double> x1 = x.AsSpan(0, net.InputCount), x2 = x.AsSpan(net.InputCount);
        ReadOnlySpan<double> y1 = y.AsSpan(0, net.OutputCount), y2 = y.AsSpan(net.OutputCount);

        net.Backward(x1, y1);
        double[] g1 = net.Gradients.ToArray();
        net.ZeroGradients();
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0, g));
        net.Backward(x2, y2);
        double[] g2 = net.Gradients.ToArray();
        net.ZeroGradients();

        net.Backward(x1, y1);
        net.Backward(x2, y2);
        double[] sum = g1.Zip(g2, (a, b) => a + b).ToArray();
        AssertSum(c, sum, net.Gradients, "G(x1) + G(x2)");
        Assert.Contains(sum, g => g != 0);

        // Twice the same example: twice its gradient.
        net.ZeroGradients();
        net.Backward(x1, y1);
        net.Backward(x1, y1);
        AssertSum(c, g1.Select(g => g + g).ToArray(), net.Gradients, "2 G(x1)");

        // Nothing so far moved the parameters; ApplyGradients does, and leaves the gradients at zero.
        Assert.Equal(theta, net.Parameters.ToArray());
        net.ApplyGradients(0.1, 2);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0, g));
        Assert.NotEqual(theta, net.Parameters.ToArray());

        // ApplyGradients with zero gradients and no L2 is the identity; with L2 it only shrinks the weights.
        double[] trained = net.Parameters.ToArray();
        net.ApplyGradients(0.1, 3);
        Assert.Equal(trained, net.Parameters.ToArray());
        net.ApplyGradients(0.1, 4, 0.8);
        bool[] isWeight = c.Reference.WeightMask();
        double[] shrunk = net.Parameters.ToArray();
        for (int p = 0; p < trained.Length; p++)
        {
            double expected = isWeight[p] ? trained[p] - (0.1 * (0.8 / 4) * trained[p]) : trained[p];
            Assert.True(Math.Abs(expected - shrunk[p]) <= 1e-15 * Math.Abs(trained[p]), $"parameter {p}: expected {expected:R}, got {shrunk[p]:R}");
        }
    }

    /// <summary>
    /// Unrolled code adds δ_j a_k into the gradient with a separate multiply and add, so accumulating is exactly the
    /// sum; the loop shape's SIMD kernel fuses the multiply-add (one rounding instead of two), so there the sum holds
    /// to within a rounding of the largest entry.
    /// </summary>
    private static void AssertSum(NetworkCase<double> c, double[] expected, ReadOnlySpan<double> actual, string what)
    {
        if (c.IsLoopShape)
        {
            Compare.Close(expected, actual, 1e-15, $"{c.Name}: {what}");
        }
        else
        {
            Assert.True(Compare.Bitwise<double>(expected, actual), $"{c.Name}: {what} differs from the accumulated gradient");
        }
    }

    [Fact]
    public void ApplyGradients_defaults_are_batch_size_1_and_no_L2()
    {
        NetworkCase<double> c = NetworkCatalog.Double("CE_Tanh_Softmax");
        INetwork<double> a = c.Create(), b = c.Create();
        var rng = new Random(3);
        (double[] x, double[] y) = TestData.Batch(rng, c.Reference, a.Parameters.ToArray(), 1, 0);
        a.Backward(x, y);
        b.Backward(x, y);
        a.ApplyGradients(0.25);
        b.ApplyGradients(0.25, 1, 0);
        Assert.True(Compare.Bitwise<double>(a.Parameters, b.Parameters));
    }

    private static double AssertTrainStepIsFused<T>(NetworkCase<T> c, T eta)
        where T : unmanaged
    {
        const int steps = 6;
        double worst = 0;
        INetwork<T> fused = c.Create(), separate = c.Create(), probe = c.Create();
        var rng = new Random(11);
        TestData.RandomizeBiases(fused, c.Reference, rng, 0.5);
        T[] initial = fused.Parameters.ToArray();
        (double[] xs, double[] ys) = TestData.Batch(rng, c.Reference, TestData.ToDouble<T>(fused.Parameters), steps, 0);
        T[] inputs = TestData.FromDoubles<T>(xs), targets = TestData.FromDoubles<T>(ys);
        for (int step = 0; step < steps; step++)
        {
            ReadOnlySpan<T> x = inputs.AsSpan(step * c.Reference.InputCount, c.Reference.InputCount);
            ReadOnlySpan<T> y = targets.AsSpan(step * c.Reference.OutputCount, c.Reference.OutputCount);

            // Both paths start each step from the same parameters (TrainStep's own trajectory continues).
            fused.Parameters.CopyTo(separate.Parameters);
            fused.Parameters.CopyTo(probe.Parameters);
            T lossBefore = probe.Loss(x, y);
            T returned = fused.TrainStep(x, y, eta);
            T backward = separate.Backward(x, y);
            separate.ApplyGradients(eta, 1);

            Assert.True(returned.Equals(lossBefore), $"{c.Name}, step {step}: TrainStep returned {returned}, E before the step is {lossBefore}");
            Assert.True(returned.Equals(backward), $"{c.Name}, step {step}: TrainStep returned {returned}, Backward {backward}");
            if (c.IsLoopShape)
            {
                // Loop shape: TrainStep's kernel computes θ + (−η δ_j) a_k with a fused multiply-add, while Backward then
                // ApplyGradients round δ_j a_k first ("to rounding" in the contract). Measured: below one unit in the
                // last place of the largest parameter.
                double tolerance = typeof(T) == typeof(float) ? 2.5e-7 : 4.5e-16;
                worst = Math.Max(worst, Compare.Close(TestData.ToDouble<T>(separate.Parameters), TestData.ToDouble<T>(fused.Parameters), tolerance, $"{c.Name}, step {step}: parameters"));
            }
            else
            {
                Assert.True(
                    Compare.Bitwise<T>(fused.Parameters, separate.Parameters),
                    $"{c.Name}, step {step}: parameters differ, relative {Compare.RelativeDifference(TestData.ToDouble<T>(fused.Parameters), TestData.ToDouble<T>(separate.Parameters)):E2}");
            }
        }

        // The steps did something (a no-op TrainStep would pass the comparison above only if Backward were broken too).
        Assert.NotEqual(TestData.ToDouble<T>(initial), TestData.ToDouble<T>(fused.Parameters));
        return worst;
    }
}
