using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen;
using NetGen.Training;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Training.Tests;

/// <summary>The training loop: convergence on iris, reproducibility, batching, cancellation, progress, data checks.</summary>
public class TrainerTests(ITestOutputHelper output)
{
    /// <summary>A synchronous progress sink (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(Action<EpochReport>? onReport = null) : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = new();

        public void Report(EpochReport value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    public static TheoryData<string> OptimizerNames => new() { "sgd", "momentum", "nesterov", "adam" };

    private static Optimizer<float> Create(string name, INetwork<float> net) => name switch
    {
        "sgd" => new Sgd<float>(net, 0.1),
        "momentum" => new SgdMomentum<float>(net, 0.02, 0.9),
        "nesterov" => new SgdMomentum<float>(net, 0.02, 0.9, nesterov: true),
        _ => new Adam<float>(net, 0.01),
    };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Iris_reaches_90_percent_accuracy(string optimizer)
    {
        var net = new Iris32();
        var recorder = new Recorder();
        var options = new TrainingOptions { Epochs = 50, BatchSize = 10, Seed = 5, ValidationFraction = 0.2 };
        TrainingResult result = Trainer.Fit(Create(optimizer, net), Iris.Features32, Iris.Labels, options, recorder);

        EpochReport final = result.Final;
        output.WriteLine($"{optimizer}: {final}");
        Assert.Equal(50, recorder.Reports.Count);
        Assert.Equal(30, result.ValidationRows.Count);
        Assert.Equal(120, result.TrainingRows.Count);
        Assert.True(final.TrainingAccuracy >= 0.9, $"training accuracy {final.TrainingAccuracy}");
        Assert.True(final.ValidationAccuracy >= 0.9, $"validation accuracy {final.ValidationAccuracy}");
        Assert.True(final.TrainingLoss < recorder.Reports[0].TrainingLoss);

        // The helpers agree with the loop's own evaluation on the held-out rows.
        int[] rows = result.ValidationRows.ToArray();
        float[] x = rows.SelectMany(r => Iris.Features32.Skip(r * 4).Take(4)).ToArray();
        int[] y = rows.Select(r => Iris.Labels[r]).ToArray();
        ConfusionMatrix matrix = Evaluation.ConfusionMatrixOf(net, x, y, Iris.ClassNames);
        Assert.Equal(final.ValidationAccuracy.Value, matrix.Accuracy, 12);
        Assert.Equal(final.ValidationAccuracy.Value, Evaluation.Accuracy(net, x, y), 12);
        output.WriteLine(matrix.ToString());
    }

    [Fact]
    public void Iris_double_with_adam()
    {
        var net = new Iris64();
        TrainingResult result = Trainer.Fit(new Adam<double>(net, 0.01), Iris.Features64, Iris.Labels, new TrainingOptions { Epochs = 60, BatchSize = 10, Seed = 3 });
        output.WriteLine(result.Final.ToString());
        Assert.True(result.Final.TrainingAccuracy >= 0.95);
        Assert.Null(result.Final.ValidationLoss);
        Assert.Null(result.Final.ValidationAccuracy);
        Assert.Empty(result.ValidationRows);
        output.WriteLine(Evaluation.ConfusionMatrixOf(net, Iris.Features64, Iris.Labels, Iris.ClassNames).ToString());
    }

    [Fact]
    public void Same_seed_gives_bit_identical_parameters()
    {
        static int[] Run(ulong seed)
        {
            var net = new Iris32();
            Trainer.Fit(new Adam<float>(net, 0.01), Iris.Features32, Iris.Labels, new TrainingOptions { Epochs = 5, BatchSize = 7, Seed = seed, ValidationFraction = 0.1 });
            return Bits.Of(net.Parameters);
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Batches_follow_the_rows_and_the_last_one_uses_its_own_size()
    {
        // 5 rows, batch size 2, no shuffling: steps on rows {0,1}, {2,3}, {4} with m = 2, 2, 1 — the same as doing it
        // by hand with the batched backward pass the trainer uses for generated networks.
        double[] x = Rows.Uniform(1, 5 * 3);
        double[] y = Rows.Uniform(2, 5 * 2, 0.1, 0.9);
        var net = new Tiny64();
        var byHand = new Tiny64();
        TrainingResult result = Trainer.Fit(new Sgd<double>(net, 0.5, 0.01), x, (ReadOnlySpan<double>)y, new TrainingOptions { Epochs = 2, BatchSize = 2, Shuffle = false });
        double lossEpoch1 = 0;
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int first, int count) in new[] { (0, 2), (2, 2), (4, 1) })
            {
                double e = byHand.BackwardBatch(x.AsSpan(first * 3, count * 3), y.AsSpan(first * 2, count * 2));
                lossEpoch1 += epoch == 0 ? e : 0;
                byHand.ApplyGradients(0.5, count, 0.01);
            }
        }

        Assert.Equal(Bits.Of(byHand.Parameters), Bits.Of(net.Parameters));
        Assert.Equal(lossEpoch1 / 5, result.Epochs[0].TrainingLoss, 14);
        Assert.Null(result.Final.TrainingAccuracy);
    }

    [Fact]
    public void A_network_without_the_batch_interface_is_trained_example_by_example()
    {
        // Through a wrapper that implements only INetwork<T>, the trainer calls Backward per row (shuffled with the seed):
        // the same as Backward row by row in the same order, by hand.
        double[] x = Rows.Uniform(3, 7 * 3);
        double[] y = Rows.Uniform(4, 7 * 2, 0.1, 0.9);
        var inner = new Tiny64();
        var plain = new PlainNetwork<double>(inner);
        Assert.False((object)plain is IBatchNetwork<double>);
        TrainingResult result = Trainer.Fit(new Sgd<double>(plain, 0.5), x, (ReadOnlySpan<double>)y, new TrainingOptions { Epochs = 1, BatchSize = 3, Shuffle = false });
        var byHand = new Tiny64();
        double loss = 0;
        foreach ((int first, int count) in new[] { (0, 3), (3, 3), (6, 1) })
        {
            for (int r = first; r < first + count; r++)
            {
                loss += byHand.Backward(x.AsSpan(r * 3, 3), y.AsSpan(r * 2, 2));
            }

            byHand.ApplyGradients(0.5, count);
        }

        Assert.Equal(Bits.Of(byHand.Parameters), Bits.Of(inner.Parameters));
        Assert.Equal(loss / 7, result.Final.TrainingLoss, 14);
    }

    [Fact]
    public void Regression_targets_report_validation_loss_without_accuracy()
    {
        double[] x = Rows.Uniform(5, 40 * 3);
        double[] y = Rows.Uniform(6, 40 * 2, 0.1, 0.9);
        var net = new Tiny64();
        var recorder = new Recorder();
        TrainingResult result = Trainer.Fit(new Adam<double>(net, 0.01), x, (ReadOnlySpan<double>)y, new TrainingOptions { Epochs = 3, BatchSize = 8, ValidationFraction = 0.25 }, recorder);
        Assert.Equal(new[] { 1, 2, 3 }, recorder.Reports.Select(r => r.Epoch));
        Assert.All(recorder.Reports, r => Assert.Equal(3, r.EpochCount));
        Assert.Same(recorder.Reports[2], result.Final);
        Assert.Equal(10, result.ValidationRows.Count);
        Assert.Empty(result.TrainingRows.Intersect(result.ValidationRows));
        Assert.Null(result.Final.TrainingAccuracy);
        Assert.Null(result.Final.ValidationAccuracy);
        double[] vx = result.ValidationRows.SelectMany(r => x.Skip(r * 3).Take(3)).ToArray();
        double[] vy = result.ValidationRows.SelectMany(r => y.Skip(r * 2).Take(2)).ToArray();
        Assert.Equal(Evaluation.MeanLoss(net, vx, vy), result.Final.ValidationLoss!.Value, 14);
        Assert.True(result.Final.Elapsed >= recorder.Reports[0].Elapsed);
        Assert.StartsWith("epoch 3/3: loss ", result.Final.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_labels_train_a_single_sigmoid_output()
    {
        // Two blobs: label 1 when x0 + x1 > 0.
        float[] x = Rows.Uniform32(9, 200 * 2);
        int[] labels = Enumerable.Range(0, 200).Select(i => x[2 * i] + x[(2 * i) + 1] > 0 ? 1 : 0).ToArray();
        var net = new Binary32();
        TrainingResult result = Trainer.Fit(new Adam<float>(net, 0.05), x, labels, new TrainingOptions { Epochs = 30, BatchSize = 16 });
        Assert.True(result.Final.TrainingAccuracy >= 0.95, result.Final.ToString());
        Assert.Equal(2, Evaluation.ClassCount(net));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new Adam<float>(net), x, labels.Select(l => l * 2).ToArray()));
    }

    [Fact]
    public void Cancellation_stops_between_batches_and_keeps_the_last_step()
    {
        // Cancel from the first epoch's report: training stops before the first batch of epoch 2, so the parameters
        // are exactly those of a 1-epoch run with the same seed.
        using var cts = new CancellationTokenSource();
        var net = new Iris32();
        var recorder = new Recorder(_ => cts.Cancel());
        var options = new TrainingOptions { Epochs = 50, BatchSize = 16, Seed = 11 };
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Fit(new Adam<float>(net, 0.01), Iris.Features32, Iris.Labels, options, recorder, cts.Token));
        Assert.Single(recorder.Reports);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));

        var oneEpoch = new Iris32();
        Trainer.Fit(new Adam<float>(oneEpoch, 0.01), Iris.Features32, Iris.Labels, new TrainingOptions { Epochs = 1, BatchSize = 16, Seed = 11 });
        Assert.Equal(Bits.Of(oneEpoch.Parameters), Bits.Of(net.Parameters));
    }

    [Fact]
    public void An_already_cancelled_token_changes_nothing()
    {
        var net = new Iris32();
        int[] before = Bits.Of(net.Parameters);
        var adam = new Adam<float>(net, 0.01);
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Fit(adam, Iris.Features32, Iris.Labels, null, null, new CancellationToken(canceled: true)));
        Assert.Equal(before, Bits.Of(net.Parameters));
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void Training_allocates_nothing_per_batch()
    {
        // Batch size 1 takes 150 steps per epoch, batch size 150 one: the allocations must be the same.
        static long Allocated(int batchSize)
        {
            var net = new Iris32();
            var sgd = new Sgd<float>(net, 0.05);
            float[] x = Iris.Features32;
            int[] y = Iris.Labels;
            var options = new TrainingOptions { Epochs = 4, BatchSize = batchSize };
            Trainer.Fit(sgd, x, y, options); // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Fit(sgd, x, y, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long oneStepPerRow = Allocated(1);
        long oneStepPerEpoch = Allocated(150);
        output.WriteLine($"allocated: batch size 1 {oneStepPerRow} bytes, batch size 150 {oneStepPerEpoch} bytes");

        // 600 steps allocate no more than 4 steps; batch size 150 only has larger batch buffers (150 x (4 + 3) floats).
        Assert.True(oneStepPerRow <= oneStepPerEpoch, $"{oneStepPerRow} > {oneStepPerEpoch}");
        Assert.InRange(oneStepPerEpoch - oneStepPerRow, 0, (149 * 7 * sizeof(float)) + 256);
    }

    [Fact]
    public void Bad_inputs_are_rejected_before_training_naming_row_and_column()
    {
        float[] x = Iris.Features32;
        int[] y = Iris.Labels;

        AssertRejected(x.Take(598).ToArray(), y, "inputs", "row 149 has only 2 of its 4 columns");
        AssertRejected(x.Take(596).ToArray(), y, "labels", "row 149 has labels but no inputs");
        AssertRejected(x, y.Take(149).ToArray(), "labels", "row 149 has inputs but no labels");
        AssertRejected(Array.Empty<float>(), Array.Empty<int>(), "inputs", "no rows");

        float[] nan = (float[])x.Clone();
        nan[(17 * 4) + 2] = float.NaN;
        AssertRejected(nan, y, "inputs", "row 17, column 2 is NaN");

        float[] inf = (float[])x.Clone();
        inf[(149 * 4) + 3] = float.NegativeInfinity;
        AssertRejected(inf, y, "inputs", "row 149, column 3 is -Infinity");

        int[] big = (int[])y.Clone();
        big[42] = 3;
        AssertRejected(x, big, "labels", "row 42 is 3, outside the 3 classes 0..2");

        int[] negative = (int[])y.Clone();
        negative[0] = -1;
        AssertRejected(x, negative, "labels", "row 0 is -1");
    }

    [Fact]
    public void Bad_targets_are_rejected_before_training()
    {
        double[] x = Rows.Uniform(1, 10 * 3);
        double[] y = Rows.Uniform(2, 10 * 2, 0.1, 0.9);
        var net = new Tiny64();
        long[] before = Bits.Of(net.Parameters);

        void Rejected(double[] inputs, double[] targets, string param, string text)
        {
            var sgd = new Sgd<double>(net, 0.1);
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(sgd, inputs, (ReadOnlySpan<double>)targets));
            Assert.Equal(param, e.ParamName);
            Assert.Contains(text, e.Message, StringComparison.Ordinal);
            Assert.Equal(before, Bits.Of(net.Parameters));
        }

        Rejected(x, y.Take(19).ToArray(), "targets", "row 9 has only 1 of its 2 columns");
        Rejected(x, y.Take(18).ToArray(), "targets", "'targets' has 9 rows but 'inputs' has 10 rows: row 9 has inputs but no targets");
        double[] nan = (double[])y.Clone();
        nan[(4 * 2) + 1] = double.NaN;
        Rejected(x, nan, "targets", "row 4, column 1 is NaN");
        double[] inf = (double[])x.Clone();
        inf[(3 * 3) + 0] = double.PositiveInfinity;
        Rejected(inf, y, "inputs", "row 3, column 0 is +Infinity");
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Epochs = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { ValidationFraction = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { ValidationFraction = -0.1 });
        Assert.Throws<ArgumentNullException>(() => Trainer.Fit<float>(null!, Iris.Features32, Iris.Labels));

        // 3 rows with a 10% split leave no validation row.
        var net = new Iris32();
        ArgumentException e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Sgd<float>(net, 0.1), Iris.Features32.Take(12).ToArray(), new[] { 0, 1, 2 }, new TrainingOptions { ValidationFraction = 0.1 }));
        Assert.Contains("leaves 0 validation and 3 training rows", e.Message, StringComparison.Ordinal);
    }

    private static void AssertRejected(float[] x, int[] y, string param, string text)
    {
        var net = new Iris32();
        int[] before = Bits.Of(net.Parameters);
        var sgd = new Sgd<float>(net, 0.1);
        var recorder = new Recorder();
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(sgd, x, y, null, recorder));
        Assert.Equal(param, e.ParamName);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(net.Parameters));
        Assert.Equal(0, sgd.StepCount);
        Assert.Empty(recorder.Reports);
    }
}
