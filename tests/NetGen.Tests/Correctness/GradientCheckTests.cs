using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// Backpropagation in the generated code against two-sided finite differences of the regularised batch cost
/// (<see cref="GradientCheck.Run{T}"/>), for every declared network.
/// </summary>
/// <remarks>
/// ReLU kinks: a central difference straddling z = 0 measures the average of the two one-sided slopes, not the
/// derivative. <see cref="TestData.Batch"/> therefore redraws any example that puts a ReLU pre-activation within a
/// margin of 0: 1e-3 in double, where the step is 1e-5 and a one-parameter step moves any z by at most
/// 1e-5 x (product of the weights and inputs along the way, well below 10 here), and 0.05 in single, where the step
/// is 1e-2 and inputs and hidden activations are at most 1 in magnitude. Every check also asserts that the gradient is not zero, so a check over dead units cannot pass vacuously.
/// </remarks>
public sealed class GradientCheckTests
{
    private const double DoubleTolerance = 1e-6;
    private const double SingleTolerance = 1e-2;
    private const int BatchSize = 4;

    private readonly ITestOutputHelper _output;

    public GradientCheckTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// Seeds 1-3 of <c>InitializeParameters</c> (seed 3 with random biases, since initialisation leaves them at 0; ReLU
    /// layers always get small positive biases, without which some seeds leave a ReLU output layer dead for every
    /// input), each with a fresh batch of 4 examples, each with λ = 0 and λ = 0.5. Loop-shape networks (over 512
    /// parameters, each probed twice per example) use batches of 2 and one λ per seed (0, 0.5, 0.5) to keep the run short.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Double_backpropagation_matches_finite_differences(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        double worst = Check(c, reluMargin: 1e-3, tolerance: DoubleTolerance);
        _output.WriteLine($"{c.Description}: worst relative error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Single_backpropagation_matches_finite_differences(string name)
    {
        NetworkCase<float> c = NetworkCatalog.Single(name);
        double worst = Check(c, reluMargin: 0.05, tolerance: SingleTolerance);
        _output.WriteLine($"{c.Description}: worst relative error {worst:E2}");
    }

    public static TheoryData<string> SoftmaxCrossEntropyDoubles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (NetworkCase<double> c in NetworkCatalog.Doubles.Where(c => c.Spec.Output == Activation.Softmax && c.Spec.Loss == LossFunction.CrossEntropy))
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    /// <summary>
    /// The contract defines softmax cross-entropy as E = −Σ_j y_j ln g_j for any y; with targets that do not sum to 1
    /// (weighted labels) its gradient is ∂E/∂z_k = g_k Σ_j y_j − y_k, not the familiar g_k − y_k. Targets here are
    /// probability vectors scaled by 0.6 and by 1.5.
    /// </summary>
    [Theory]
    [MemberData(nameof(SoftmaxCrossEntropyDoubles))]
    public void Softmax_cross_entropy_gradient_holds_for_targets_that_do_not_sum_to_1(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        INetwork<double> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        var rng = new Random(31);
        TestData.RandomizeBiases(net, reference, rng, 0.5);
        double[] theta = net.Parameters.ToArray();
        (double[] x, double[] y) = TestData.Batch(rng, reference, theta, 2, reluMargin: 1e-3);
        for (int i = 0; i < net.OutputCount; i++)
        {
            // Example 0 was drawn one-hot, example 1 as a probability vector; scale both.
            y[i] = 0.6 * ((y[i] * 0.5) + (0.5 / net.OutputCount));
            y[net.OutputCount + i] *= 1.5;
        }

        GradientCheckResult result = GradientCheck.Run<double>(net, x, y, l2: 0.1);
        Assert.True(result.RelativeError <= DoubleTolerance, $"{c.Description}: {result}");

        net.ZeroGradients();
        net.Backward(x.AsSpan(0, net.InputCount), y.AsSpan(0, net.OutputCount));
        net.Backward(x.AsSpan(net.InputCount), y.AsSpan(net.OutputCount));
        Compare.Close(reference.GradientSum(theta, x, y), net.Gradients, 1e-12, c.Name + ": Gradients");
    }

    /// <summary>The check is not vacuous: a gradient that is off in a single entry by 1e-3 is caught.</summary>
    [Fact]
    public void Gradient_check_detects_a_wrong_gradient()
    {
        NetworkCase<double> c = NetworkCatalog.Double("SE_Tanh_Sigmoid");
        var net = new CorruptedBackward(c.Create(), index: 7, error: 1e-3);
        var rng = new Random(1);
        (double[] x, double[] y) = TestData.Batch(rng, c.Reference, net.Parameters.ToArray(), BatchSize, 0);

        GradientCheckResult result = GradientCheck.Run<double>(net, x, y);

        Assert.True(result.RelativeError > 1e-4, result.ToString());
        Assert.Equal(7, result.WorstIndex);
    }

    private static double Check<T>(NetworkCase<T> c, double reluMargin, double tolerance)
        where T : unmanaged
    {
        INetwork<T> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        double worst = 0;
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            net.InitializeParameters(seed);
            var rng = new Random((int)seed * 7919);
            TestData.RandomizeBiases(net, reference, rng, 0.5, reluLayersOnly: seed != 3);

            double[] theta = TestData.ToDouble<T>(net.Parameters);
            (double[] x, double[] y) = TestData.Batch(rng, reference, theta, c.IsLoopShape ? 2 : BatchSize, reluMargin);
            foreach (double l2 in c.IsLoopShape ? new[] { seed == 1 ? 0 : 0.5 } : new[] { 0, 0.5 })
            {
                GradientCheckResult result = GradientCheck.Run<T>(net, TestData.FromDoubles<T>(x), TestData.FromDoubles<T>(y), l2);
                Assert.True(
                    result.RelativeError <= tolerance,
                    $"{c.Description}, seed {seed}, l2 {l2}: {result}");
                Assert.True(result.Numeric.Max(Math.Abs) > 1e-4, $"{c.Name}, seed {seed}: the gradient is zero, the check says nothing");
                worst = Math.Max(worst, result.RelativeError);
            }

            // GradientCheck restores the parameters and the gradients.
            Assert.Equal(theta, TestData.ToDouble<T>(net.Parameters));
            Assert.All(TestData.ToDouble<T>(net.Gradients), g => Assert.Equal(0, g));
        }

        return worst;
    }

    /// <summary>A network whose Backward adds a fixed error to one gradient entry.</summary>
    private sealed class CorruptedBackward : INetwork<double>
    {
        private readonly INetwork<double> _inner;
        private readonly int _index;
        private readonly double _error;

        public CorruptedBackward(INetwork<double> inner, int index, double error)
        {
            _inner = inner;
            _index = index;
            _error = error;
        }

        public int InputCount => _inner.InputCount;

        public int OutputCount => _inner.OutputCount;

        public int ParameterCount => _inner.ParameterCount;

        public ReadOnlySpan<int> LayerSizes => _inner.LayerSizes;

        public bool HasBias => _inner.HasBias;

        public Span<double> Parameters => _inner.Parameters;

        public Span<double> Gradients => _inner.Gradients;

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => _inner.Forward(input, output);

        public double Loss(ReadOnlySpan<double> input, ReadOnlySpan<double> target) => _inner.Loss(input, target);

        public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
        {
            double e = _inner.Backward(input, target);
            _inner.Gradients[_index] += _error;
            return e;
        }

        public void ZeroGradients() => _inner.ZeroGradients();

        public void ApplyGradients(double learningRate, int batchSize = 1, double l2 = 0) => _inner.ApplyGradients(learningRate, batchSize, l2);

        public double TrainStep(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double learningRate) => _inner.TrainStep(input, target, learningRate);

        public void InitializeParameters(ulong seed) => _inner.InitializeParameters(seed);
    }
}
