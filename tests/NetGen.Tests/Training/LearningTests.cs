using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>Worked behaviour: two classic problems learnt end to end (Mazur's worked example is in MazurWorkedExampleTests.cs).</summary>
public sealed class LearningTests
{
    private static readonly double[][] XorInputs = { new double[] { 0, 0 }, new double[] { 0, 1 }, new double[] { 1, 0 }, new double[] { 1, 1 } };
    private static readonly double[] XorTargets = { 0, 1, 1, 0 };

    private readonly ITestOutputHelper _output;

    public LearningTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// XOR on the 2-3-1 sigmoid network of the QuickStart: online SGD (TrainStep, η = 2) from seed 1 drives the total
    /// loss Σ E over the four patterns below 0.01, and every output to the right side of 0.5.
    /// </summary>
    [Fact]
    public void Xor_is_learnt_by_TrainStep_double()
    {
        var net = new XorDouble();
        net.InitializeParameters(1);
        double total = TrainOnline(net, XorInputs, XorTargets.Select(t => new[] { t }).ToArray(), 2.0, epochs: 5000);

        _output.WriteLine($"XOR (double, TrainStep): total loss {total:E3}");
        Assert.True(total < 0.01, $"total loss {total}");
        AssertClassified(net, XorInputs, XorTargets.Select(t => new[] { t }).ToArray());
    }

    /// <summary>The same with the single-precision <see cref="Xor"/> declared exactly as in the QuickStart, by full-batch descent.</summary>
    [Fact]
    public void Xor_is_learnt_by_batch_gradient_descent_single()
    {
        var net = new Xor();
        net.InitializeParameters(1);
        float total = 0;
        for (int epoch = 0; epoch < 10000 && (epoch == 0 || total >= 0.005f); epoch++)
        {
            total = 0;
            for (int i = 0; i < 4; i++)
            {
                total += net.Backward(XorInputs[i].Select(v => (float)v).ToArray(), new[] { (float)XorTargets[i] });
            }

            net.ApplyGradients(8f, batchSize: 4);
        }

        total = XorInputs.Select((x, i) => net.Loss(x.Select(v => (float)v).ToArray(), new[] { (float)XorTargets[i] })).Sum();
        _output.WriteLine($"XOR (single, Backward + ApplyGradients): total loss {total:E3}");
        Assert.True(total < 0.01f, $"total loss {total}");
        var g = new float[1];
        for (int i = 0; i < 4; i++)
        {
            net.Forward(XorInputs[i].Select(v => (float)v).ToArray(), g);
            Assert.True(g[0] > 0.5f == XorTargets[i] > 0.5, $"XOR{i}: output {g[0]}");
        }
    }

    /// <summary>
    /// The 3-4-3 encoder (single precision, as declared in the README) learns to reproduce all eight 3-bit patterns
    /// through its four hidden units: every output bit ends on the right side of 0.5.
    /// </summary>
    [Fact]
    public void Encoder_reproduces_all_eight_3_bit_patterns()
    {
        double[][] patterns = Enumerable.Range(0, 8).Select(p => new double[] { (p >> 2) & 1, (p >> 1) & 1, p & 1 }).ToArray();
        var net = new Encoder();
        net.InitializeParameters(1);
        float[][] x = patterns.Select(p => p.Select(v => (float)v).ToArray()).ToArray();
        float total = 0;
        for (int epoch = 0; epoch < 20000; epoch++)
        {
            total = 0;
            for (int i = 0; i < 8; i++)
            {
                total += net.TrainStep(x[i], x[i], 1.0f);
            }
        }

        _output.WriteLine($"3-4-3 encoder: total loss {total:E3}");
        var g = new float[3];
        for (int i = 0; i < 8; i++)
        {
            net.Forward(x[i], g);
            for (int j = 0; j < 3; j++)
            {
                Assert.True(g[j] > 0.5f == patterns[i][j] > 0.5, $"pattern {string.Join("", patterns[i])}: output {string.Join(", ", g)}");
            }
        }
    }

    private static double TrainOnline(INetwork<double> net, double[][] inputs, double[][] targets, double eta, int epochs)
    {
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                net.TrainStep(inputs[i], targets[i], eta);
            }
        }

        return inputs.Select((x, i) => net.Loss(x, targets[i])).Sum();
    }

    private static void AssertClassified(INetwork<double> net, double[][] inputs, double[][] targets)
    {
        var g = new double[net.OutputCount];
        for (int i = 0; i < inputs.Length; i++)
        {
            net.Forward(inputs[i], g);
            for (int j = 0; j < g.Length; j++)
            {
                Assert.True(g[j] > 0.5 == targets[i][j] > 0.5, $"example {i}: output {g[j]}, target {targets[i][j]}");
            }
        }
    }
}
