using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>A wide network for the parallel batch tests (loop shape).</summary>
[Network(50, 40, 6, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
public partial class ParallelNet
{
}

public class ParallelBatchTests
{
    private static (double[] X, double[] Y) Batch(int m, int seed)
    {
        var r = new Random(seed);
        var x = new double[m * ParallelNet.InputCount];
        var y = new double[m * ParallelNet.OutputCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (r.NextDouble() * 2) - 1;
        }

        for (int i = 0; i < m; i++)
        {
            y[(i * ParallelNet.OutputCount) + r.Next(ParallelNet.OutputCount)] = 1;
        }

        return (x, y);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(33, 2)]
    [InlineData(64, 3)]
    public void Split_batch_equals_the_whole_batch_and_is_deterministic(int m, int workers)
    {
        // At most one thread per processor (ParallelBatch's bound): a 2-core machine splits in two.
        workers = Math.Min(workers, Environment.ProcessorCount);
        (double[] x, double[] y) = Batch(m, m);
        var whole = new ParallelNet();
        double expectedLoss = whole.BackwardBatch(x, y);

        var net = new ParallelNet();
        using var parallel = new ParallelBatch<double>(net, () => new ParallelNet(), workers);
        Assert.Equal(workers, parallel.WorkerCount);
        double loss = parallel.BackwardBatch(x, y);
        double[] first = net.Gradients.ToArray();
        Assert.Equal(expectedLoss, loss, 1e-12);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(whole.Gradients[i], first[i], 1e-12);
        }

        // Same inputs, same bits, however the threads are scheduled.
        for (int run = 0; run < 20; run++)
        {
            net.ZeroGradients();
            parallel.BackwardBatch(x, y);
            Assert.True(first.AsSpan().SequenceEqual(net.Gradients), "parallel gradients changed between runs");
        }
    }

    [Fact]
    public void Workers_follow_parameter_updates_of_the_network()
    {
        (double[] x, double[] y) = Batch(16, 7);
        var net = new ParallelNet();
        var reference = new ParallelNet();
        using var parallel = new ParallelBatch<double>(net, () => new ParallelNet(), 2);
        for (int step = 0; step < 5; step++)
        {
            parallel.BackwardBatch(x, y);
            net.ApplyGradients(0.1, 16);
            reference.BackwardBatch(x, y);
            reference.ApplyGradients(0.1, 16);
        }

        for (int i = 0; i < ParallelNet.ParameterCount; i++)
        {
            Assert.Equal(reference.Parameters[i], net.Parameters[i], 1e-12);
        }
    }

    [Fact]
    public void Bad_arguments_are_reported()
    {
        var net = new ParallelNet();
        Assert.Throws<ArgumentException>(() => new ParallelBatch<double>(net, () => net, 2));
        using var parallel = new ParallelBatch<double>(net, () => new ParallelNet(), 2);
        ArgumentException e = Assert.Throws<ArgumentException>(() => parallel.BackwardBatch(new double[49], new double[6]));
        Assert.Equal("inputs", e.ParamName);
    }
}
