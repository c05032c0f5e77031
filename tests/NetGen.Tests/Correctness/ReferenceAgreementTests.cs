using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>Forward, Loss and Backward of every generated network against <see cref="ReferenceNetwork"/>.</summary>
public sealed class ReferenceAgreementTests
{
    /// <summary>Double: both sides round differently (summation order, softmax and loss formulas), nothing more.</summary>
    private const double DoubleTolerance = 1e-12;

    /// <summary>Single: the generated network rounds every operation to float; the reference runs in double.</summary>
    private const double SingleTolerance = 1e-4;

    private readonly ITestOutputHelper _output;

    public ReferenceAgreementTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Double_network_agrees_with_the_reference(string name)
    {
        double worst = Agree(NetworkCatalog.Double(name), DoubleTolerance);
        _output.WriteLine($"{NetworkCatalog.Double(name).Description}: worst relative difference {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Single_network_agrees_with_the_reference(string name)
    {
        double worst = Agree(NetworkCatalog.Single(name), SingleTolerance);
        _output.WriteLine($"{NetworkCatalog.Single(name).Description}: worst relative difference {worst:E2}");
    }

    /// <summary>
    /// For seeds 1-3 (initialised weights, random biases) and a batch of 5 examples: Forward and Loss per example, the
    /// value Backward returns, and the gradients summed over the batch.
    /// </summary>
    private static double Agree<T>(NetworkCase<T> c, double tolerance)
        where T : unmanaged
    {
        INetwork<T> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        double worst = 0;
        var g = new T[net.OutputCount];
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            net.InitializeParameters(seed);
            var rng = new Random(1000 + (int)seed);
            TestData.RandomizeBiases(net, reference, rng, 0.5);
            double[] theta = TestData.ToDouble<T>(net.Parameters);
            (double[] inputs, double[] targets) = TestData.Batch(rng, reference, theta, m: 5, reluMargin: 0);
            T[] x = TestData.FromDoubles<T>(inputs);
            T[] y = TestData.FromDoubles<T>(targets);

            // The reference sees exactly the values the network sees (float inputs rounded first).
            inputs = TestData.ToDouble<T>(x);
            targets = TestData.ToDouble<T>(y);
            ReferenceNetwork.Pass pass = reference.Run(theta, Matrix.FromRows(inputs, 5, net.InputCount), Matrix.FromRows(targets, 5, net.OutputCount));

            net.ZeroGradients();
            for (int i = 0; i < 5; i++)
            {
                ReadOnlySpan<T> xi = x.AsSpan(i * net.InputCount, net.InputCount);
                ReadOnlySpan<T> yi = y.AsSpan(i * net.OutputCount, net.OutputCount);
                string at = $"{c.Name}, seed {seed}, example {i}";

                net.Forward(xi, g);
                worst = Math.Max(worst, Compare.Close(Matrix.Row(pass.A[reference.L], i), TestData.ToDouble<T>(g), tolerance, at + ": Forward"));

                T loss = net.Loss(xi, yi);
                worst = Math.Max(worst, Compare.Close(pass.Losses[i], TestData.ToDouble<T>(new[] { loss })[0], tolerance, at + ": Loss"));

                T returned = net.Backward(xi, yi);
                Assert.True(loss.Equals(returned), $"{at}: Backward returned {returned}, Loss gave {loss}");
            }

            worst = Math.Max(worst, Compare.Close(pass.Gradient, TestData.ToDouble<T>(net.Gradients), tolerance, $"{c.Name}, seed {seed}: Gradients after 5 Backward calls"));

            // Backward and Loss leave the parameters alone.
            Assert.Equal(theta, TestData.ToDouble<T>(net.Parameters));
        }

        return worst;
    }
}
