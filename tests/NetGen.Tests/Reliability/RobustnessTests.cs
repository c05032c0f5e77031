using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// Saturated outputs: softmax with pre-activations around 1000 (e^1000 overflows double) and sigmoid cross-entropy
/// with z around ±100 and ±1000 (where ln(1 − σ(z)) is −∞ if computed from g). The contract's losses are defined for
/// these values, so the network must return finite losses and gradients, equal to the stable reference.
/// </summary>
public sealed class RobustnessTests
{
    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> SoftmaxDoubles => Names(NetworkCatalog.Doubles.Where(c => c.Spec.Output == Activation.Softmax).Select(c => c.Name));

    public static TheoryData<string> SigmoidCrossEntropyDoubles =>
        Names(NetworkCatalog.Doubles.Where(c => c.Spec.Output == Activation.Sigmoid && c.Spec.Loss == LossFunction.CrossEntropy).Select(c => c.Name));

    /// <summary>Softmax (both losses) with z ≈ 1000 ± a few hundred: finite, and equal to the reference.</summary>
    [Theory]
    [MemberData(nameof(SoftmaxDoubles))]
    public void Softmax_with_huge_preactivations_is_finite_and_exact_double(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        double worst = AssertSaturated(c, zScale: 400, zShift: 1000, tolerance: 1e-12);
        _output.WriteLine($"{c.Description}: worst relative difference {worst:E2}");
    }

    /// <summary>Sigmoid cross-entropy with |z| up to about 100 and up to about 1000.</summary>
    [Theory]
    [MemberData(nameof(SigmoidCrossEntropyDoubles))]
    public void Sigmoid_cross_entropy_with_saturated_outputs_is_finite_and_exact_double(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        double worst = Math.Max(
            AssertSaturated(c, zScale: 100, zShift: 0, tolerance: 1e-12),
            AssertSaturated(c, zScale: 1000, zShift: 0, tolerance: 1e-12));
        _output.WriteLine($"{c.Description}: worst relative difference {worst:E2}");
    }

    [Theory]
    [InlineData("F_CE_Sigmoid_Softmax_NoBias", 400, 1000)]
    [InlineData("F_Loop_Digits", 400, 1000)]
    [InlineData("F_SE_Identity_Softmax", 400, 1000)]
    [InlineData("F_CE_Tanh_Sigmoid", 100, 0)]
    public void Saturated_outputs_are_finite_and_exact_single(string name, double zScale, double zShift)
    {
        NetworkCase<float> c = NetworkCatalog.Single(name);
        double worst = AssertSaturated(c, zScale, zShift, tolerance: 1e-4);
        _output.WriteLine($"{c.Description}: worst relative difference {worst:E2}");
    }

    /// <summary>
    /// The stable formula, term by term, on a single sigmoid output: with z = b (zero weights), E = softplus(z) − y z
    /// = y softplus(−z) + (1 − y) softplus(z). For z = 100, y = 0: E = 100 + ln(1 + e^−100), which rounds to 100; for
    /// z = −100, y = 0: E = ln(1 + e^−100) ≈ e^−100; for z = 1000, y = 0.25: E = 750 (to rounding); ∂E/∂b = σ(z) − y.
    /// </summary>
    [Theory]
    [InlineData(100, 0)]
    [InlineData(-100, 0)]
    [InlineData(100, 1)]
    [InlineData(-100, 1)]
    [InlineData(1000, 0.25)]
    [InlineData(-1000, 0.25)]
    [InlineData(36.7, 0.5)]
    public void Sigmoid_cross_entropy_matches_the_stable_formula(double z, double y)
    {
        INetwork<double> net = NetworkCatalog.Double("CE_Tanh_Sigmoid_2_3_1").Create();
        LayerParameters output = NetworkLayout.Layers(net)[^1];
        net.Parameters.Slice(output.WeightOffset, output.WeightCount).Clear();
        net.Parameters[output.BiasOffset] = z;
        double[] x = { 0.3, -0.7 };

        double expected = (y * ReferenceNetwork.Softplus(-z)) + ((1 - y) * ReferenceNetwork.Softplus(z));
        double loss = net.Loss(x, new[] { y });
        Assert.True(double.IsFinite(loss), $"E = {loss}");
        Assert.True(Math.Abs(loss - expected) <= 1e-15 * Math.Max(1, expected), $"z = {z}, y = {y}: E = {loss:R}, stable formula {expected:R}");

        net.Backward(x, new[] { y });
        double sigma = 1 / (1 + Math.Exp(-z));
        Assert.Equal(sigma - y, net.Gradients[output.BiasOffset], 15);
        Assert.True(Compare.AllFinite(net.Gradients), "a gradient is not finite");
    }

    /// <summary>
    /// Scales the output layer so that its pre-activations z reach about <paramref name="zScale"/> (plus
    /// <paramref name="zShift"/> on every unit via the biases, where there are biases), then compares loss, output and
    /// gradient with the reference.
    /// </summary>
    private static double AssertSaturated<T>(NetworkCase<T> c, double zScale, double zShift, double tolerance)
        where T : unmanaged
    {
        INetwork<T> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        net.InitializeParameters(5);
        var rng = new Random(5);
        double[] theta = TestData.ToDouble<T>(net.Parameters);
        (double[] inputs, double[] targets) = TestData.Batch(rng, reference, theta, m: 4, reluMargin: 0);
        T[] x = TestData.FromDoubles<T>(inputs), y = TestData.FromDoubles<T>(targets);
        inputs = TestData.ToDouble<T>(x);
        targets = TestData.ToDouble<T>(y);

        // Scale W^L so that max |W^L a^(L-1)| over the batch is zScale, then put the biases at zShift ± zScale / 2.
        // Without biases, the weights alone must reach the shift.
        LayerParameters last = NetworkLayout.Layers(net)[^1];
        zScale = last.HasBias ? zScale : Math.Max(zScale, zShift);
        double required = last.HasBias && zShift > 0 ? zShift / 2 : zScale / 2;
        double maxZ = Enumerable.Range(0, 4).Max(i => reference.PreActivations(theta, inputs.AsSpan(i * net.InputCount, net.InputCount))[reference.L].Max(Math.Abs));
        for (int i = 0; i < last.WeightCount; i++)
        {
            theta[last.WeightOffset + i] *= zScale / maxZ;
        }

        for (int j = 0; last.HasBias && j < last.Outputs; j++)
        {
            theta[last.BiasOffset + j] = zShift + TestData.Uniform(rng, -zScale / 2, zScale / 2);
        }

        TestData.FromDoubles<T>(theta).CopyTo(net.Parameters);
        theta = TestData.ToDouble<T>(net.Parameters);
        double reached = Enumerable.Range(0, 4).Max(i => reference.PreActivations(theta, inputs.AsSpan(i * net.InputCount, net.InputCount))[reference.L].Max(Math.Abs));
        Assert.True(reached >= required, $"{c.Name}: max |z| only {reached}");

        ReferenceNetwork.Pass pass = reference.Run(theta, Matrix.FromRows(inputs, 4, net.InputCount), Matrix.FromRows(targets, 4, net.OutputCount));
        double worst = 0;
        var g = new T[net.OutputCount];
        net.ZeroGradients();
        for (int i = 0; i < 4; i++)
        {
            ReadOnlySpan<T> xi = x.AsSpan(i * net.InputCount, net.InputCount), yi = y.AsSpan(i * net.OutputCount, net.OutputCount);
            double loss = TestData.ToDouble<T>(new[] { net.Loss(xi, yi) })[0];
            Assert.True(double.IsFinite(loss), $"{c.Name}, example {i}: E = {loss}");
            worst = Math.Max(worst, Compare.Close(pass.Losses[i], loss, tolerance, $"{c.Name}, example {i}: Loss", floor: 1));

            net.Forward(xi, g);
            double[] output = TestData.ToDouble<T>(g);
            Assert.True(Compare.AllFinite(output), $"{c.Name}, example {i}: output {string.Join(", ", output)}");
            worst = Math.Max(worst, Compare.Close(Matrix.Row(pass.A[reference.L], i), output, tolerance, $"{c.Name}, example {i}: Forward"));
            net.Backward(xi, yi);
        }

        double[] gradients = TestData.ToDouble<T>(net.Gradients);
        Assert.True(Compare.AllFinite(gradients), $"{c.Name}: a gradient is not finite");
        worst = Math.Max(worst, Compare.Close(pass.Gradient, gradients, tolerance, $"{c.Name}: Gradients", floor: 1));
        return worst;
    }

    private static TheoryData<string> Names(System.Collections.Generic.IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
