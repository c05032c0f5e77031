using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// The mini-batch members (<see cref="IBatchNetwork{T}"/>: ForwardBatch, BackwardBatch), the batched matrix form of
/// the seed, against the reference's matrix form and against m single-example calls.
/// </summary>
public sealed class BatchApiTests
{
    private readonly ITestOutputHelper _output;

    public BatchApiTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Batch_members_agree_with_the_reference_double(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        (double reference, double single) = AssertBatch(c, referenceTolerance: 1e-12, singleTolerance: 1e-13);
        _output.WriteLine($"{c.Description}: vs reference {reference:E2}, vs m Backward calls {single:E2}");
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Batch_members_agree_with_the_reference_single(string name)
    {
        NetworkCase<float> c = NetworkCatalog.Single(name);
        (double reference, double single) = AssertBatch(c, referenceTolerance: 1e-4, singleTolerance: 1e-5);
        _output.WriteLine($"{c.Description}: vs reference {reference:E2}, vs m Backward calls {single:E2}");
    }

    /// <summary>BackwardBatch over m examples, then ApplyGradients(η, m, λ): the averaged matrix step of the seed.</summary>
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void BackwardBatch_then_ApplyGradients_is_the_averaged_matrix_step(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        var net = (IBatchNetwork<double>)c.Create();
        ReferenceNetwork reference = c.Reference;
        var rng = new Random(404);
        TestData.RandomizeBiases(net, reference, rng, 0.5);
        double[] before = net.Parameters.ToArray();
        (double[] x, double[] y) = TestData.Batch(rng, reference, before, 5, reluMargin: 0);

        net.BackwardBatch(x, y);
        net.ApplyGradients(0.4, 5, 0.3);

        Compare.Close(reference.BatchStep(before, x, y, 0.4, 0.3), net.Parameters, 1e-12, name + ": parameters after the step");
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    [Theory]
    [InlineData("SE_Sigmoid_Sigmoid")]
    [InlineData("CE_ReLU_Softmax_NoBias")]
    [InlineData("Digits")]
    public void Batch_members_reject_wrong_lengths(string name)
    {
        var net = (IBatchNetwork<double>)NetworkCatalog.Double(name).Create();
        int n0 = net.InputCount, nL = net.OutputCount;
        double[] theta = net.Parameters.ToArray();

        foreach (int length in new[] { 0, n0 - 1, (2 * n0) + 1 }.Where(n => n >= 0 && n != n0))
        {
            AssertRejected(() => net.ForwardBatch(new double[length], new double[nL]), "inputs", length, n0);
            AssertRejected(() => net.BackwardBatch(new double[length], new double[nL]), "inputs", length, n0);
        }

        // Three input rows: outputs and targets must have three rows too.
        foreach (int length in new[] { 0, nL, 4 * nL, (3 * nL) + 1 })
        {
            AssertRejected(() => net.ForwardBatch(new double[3 * n0], new double[length]), "outputs", length, 3 * nL);
            AssertRejected(() => net.BackwardBatch(new double[3 * n0], new double[length]), "targets", length, 3 * nL);
        }

        Assert.Equal(theta, net.Parameters.ToArray());
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    /// <summary>The batch workspace grows only when a larger batch arrives: repeated batches of one size allocate nothing.</summary>
    [Theory]
    [InlineData("CE_Tanh_Softmax")]
    [InlineData("Digits")]
    public void Batch_members_do_not_allocate_for_a_batch_size_seen_before(string name)
    {
        var net = (IBatchNetwork<double>)NetworkCatalog.Double(name).Create();
        const int m = 16;
        var x = new double[m * net.InputCount];
        var y = new double[m * net.OutputCount];
        var g = new double[m * net.OutputCount];
        for (int i = 0; i < 100; i++)
        {
            net.ForwardBatch(x, g);
            net.BackwardBatch(x, y);
            net.BackwardBatch(x.AsSpan(0, 3 * net.InputCount), y.AsSpan(0, 3 * net.OutputCount));
            net.ApplyGradients(1e-3, m + 3);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            net.ForwardBatch(x, g);
            net.BackwardBatch(x, y);
            net.BackwardBatch(x.AsSpan(0, 3 * net.InputCount), y.AsSpan(0, 3 * net.OutputCount));
            net.ApplyGradients(1e-3, m + 3);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// For batches of 1, 3 and 9 examples (initialised weights, random biases): ForwardBatch against the reference's
    /// outputs, BackwardBatch's summed loss and gradients against the reference and against m Backward calls, and the
    /// gradients accumulating across calls.
    /// </summary>
    private static (double Reference, double Single) AssertBatch<T>(NetworkCase<T> c, double referenceTolerance, double singleTolerance)
        where T : unmanaged
    {
        INetwork<T> created = c.Create();
        var net = Assert.IsAssignableFrom<IBatchNetwork<T>>(created);
        INetwork<T> oneByOne = c.Create();
        ReferenceNetwork reference = c.Reference;
        double worstReference = 0, worstSingle = 0;
        foreach (int m in new[] { 1, 3, 9 })
        {
            net.InitializeParameters((ulong)m);
            var rng = new Random(m);
            TestData.RandomizeBiases(net, reference, rng, 0.5);
            net.Parameters.CopyTo(oneByOne.Parameters);
            double[] theta = TestData.ToDouble<T>(net.Parameters);
            (double[] xd, double[] yd) = TestData.Batch(rng, reference, theta, m, reluMargin: 0);
            T[] x = TestData.FromDoubles<T>(xd), y = TestData.FromDoubles<T>(yd);
            ReferenceNetwork.Pass pass = reference.Run(theta, Matrix.FromRows(TestData.ToDouble<T>(x), m, net.InputCount), Matrix.FromRows(TestData.ToDouble<T>(y), m, net.OutputCount));
            string at = $"{c.Name}, m = {m}";

            var g = new T[m * net.OutputCount];
            net.ForwardBatch(x, g);
            worstReference = Math.Max(worstReference, Compare.Close(Matrix.ToRows(pass.A[reference.L]), TestData.ToDouble<T>(g), referenceTolerance, at + ": ForwardBatch"));

            net.ZeroGradients();
            double total = TestData.ToDouble<T>(new[] { net.BackwardBatch(x, y) })[0];
            worstReference = Math.Max(worstReference, Compare.Close(pass.Losses.Sum(), total, referenceTolerance, at + ": BackwardBatch's summed loss"));
            double[] batchGradients = TestData.ToDouble<T>(net.Gradients);
            worstReference = Math.Max(worstReference, Compare.Close(pass.Gradient, batchGradients, referenceTolerance, at + ": BackwardBatch gradients"));

            oneByOne.ZeroGradients();
            for (int i = 0; i < m; i++)
            {
                oneByOne.Backward(x.AsSpan(i * net.InputCount, net.InputCount), y.AsSpan(i * net.OutputCount, net.OutputCount));
            }

            worstSingle = Math.Max(worstSingle, Compare.Close(TestData.ToDouble<T>(oneByOne.Gradients), batchGradients, singleTolerance, at + ": BackwardBatch vs m Backward calls"));

            // A second BackwardBatch adds the same sums again.
            net.BackwardBatch(x, y);
            Compare.Close(batchGradients.Select(v => 2 * v).ToArray(), TestData.ToDouble<T>(net.Gradients), singleTolerance, at + ": accumulation");
            Assert.Equal(theta, TestData.ToDouble<T>(net.Parameters));
        }

        return (worstReference, worstSingle);
    }

    private static void AssertRejected(Action call, string parameter, int actual, int expected)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(e.ParamName == parameter, $"ParamName '{e.ParamName}', expected '{parameter}'");
        Assert.Matches($@"(?<![\d.]){expected}(?!\d)", e.Message);
        Assert.Matches($@"(?<![\d.]){actual}(?!\d)", e.Message);
    }
}
