using System;
using System.Collections.Generic;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>Argmax, accuracy and the confusion matrix.</summary>
public class EvaluationTests
{
    [Fact]
    public void ArgMax_takes_the_first_largest_and_ignores_NaN()
    {
        Assert.Equal(1, Evaluation.ArgMax(new[] { 0.1f, 0.7f, 0.7f, 0.2f }));
        Assert.Equal(2, Evaluation.ArgMax(new[] { double.NaN, -1, 3, 2 }));
        Assert.Equal(0, Evaluation.ArgMax(new[] { double.NaN, double.NaN }));
        Assert.Throws<ArgumentException>(() => Evaluation.ArgMax(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void Confusion_matrix_counts_and_prints()
    {
        var m = new ConfusionMatrix(3, new[] { "cat", "dog", "bird" });
        (int Actual, int Predicted)[] pairs = { (0, 0), (0, 0), (0, 1), (1, 1), (1, 1), (1, 1), (2, 0), (2, 2) };
        foreach ((int a, int p) in pairs)
        {
            m.Add(a, p);
        }

        Assert.Equal(8, m.Total);
        Assert.Equal(6, m.Correct);
        Assert.Equal(0.75, m.Accuracy);
        Assert.Equal(2, m[0, 0]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(2.0 / 3, m.Recall(0), 15);
        Assert.Equal(2.0 / 3, m.Precision(0), 15);
        Assert.Equal(0.75, m.Precision(1), 15);
        Assert.Equal(0.5, m.Recall(2), 15);
        Assert.Equal(
            """
            actual \ predicted    cat    dog   bird  recall
            cat                     2      1      0   0.667
            dog                     0      3      0   1.000
            bird                    1      0      1   0.500
            precision           0.667  0.750  1.000
            accuracy 0.750 (6 of 8)
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            m.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Confusion_matrix_without_names_and_with_empty_classes()
    {
        var m = new ConfusionMatrix(2);
        m.Add(1, 1);
        Assert.Equal(new[] { "0", "1" }, m.ClassNames);
        Assert.True(double.IsNaN(m.Recall(0)));
        Assert.True(double.IsNaN(m.Precision(0)));
        Assert.Contains("accuracy 1.000 (1 of 1)", m.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m[0, -1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(3, new[] { "a", "b" }));
    }

    [Fact]
    public void Accuracy_and_predict_on_a_network_with_known_outputs()
    {
        // A 2-1 single-output network with w = (1, -1), b = 0 and a sigmoid output: class 1 exactly when x0 >= x1.
        var net = new Binary32();
        net.Parameters.Clear();
        net.Parameters[0] = 5f;   // hidden unit 0 = tanh(5 x0 - 5 x1); the others stay 0
        net.Parameters[1] = -5f;
        net.Parameters[12] = 10f; // output weight from hidden unit 0
        float[] x = { 1, 0, 0, 1, 0.5f, 0.2f, -1, 1 };
        Assert.Equal(1, Evaluation.Predict(net, x.AsSpan(0, 2)));
        Assert.Equal(0, Evaluation.Predict(net, x.AsSpan(2, 2)));
        Assert.Equal(0.75, Evaluation.Accuracy(net, x, new[] { 1, 0, 1, 1 }));
        ConfusionMatrix m = Evaluation.ConfusionMatrixOf(net, x, new[] { 1, 0, 1, 1 });
        Assert.Equal(1, m[1, 0]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(net, x, new[] { 1, 0, 2, 1 }));
        Assert.Contains("row 2 is 2, outside the 2 classes 0..1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(net, x, new[] { 1, 0, 1 }));
    }

    /// <summary>A generated network behind a wrapper that records the row count of every ForwardBatch call.</summary>
    private sealed class ChunkRecorder<T>(IBatchNetwork<T> inner) : IBatchNetwork<T>
        where T : unmanaged
    {
        public List<int> Chunks { get; } = new();

        public int InputCount => inner.InputCount;

        public int OutputCount => inner.OutputCount;

        public int ParameterCount => inner.ParameterCount;

        public ReadOnlySpan<int> LayerSizes => inner.LayerSizes;

        public bool HasBias => inner.HasBias;

        public Span<T> Parameters => inner.Parameters;

        public Span<T> Gradients => inner.Gradients;

        public void Forward(ReadOnlySpan<T> input, Span<T> output) => throw new InvalidOperationException("evaluation goes through ForwardBatch");

        public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs)
        {
            Chunks.Add(inputs.Length / InputCount);
            inner.ForwardBatch(inputs, outputs);
        }

        public T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.Loss(input, target);

        public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.Backward(input, target);

        public T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets) => inner.BackwardBatch(inputs, targets);

        public void ZeroGradients() => inner.ZeroGradients();

        public void ApplyGradients(T learningRate, int batchSize = 1, T l2 = default) => inner.ApplyGradients(learningRate, batchSize, l2);

        public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => inner.TrainStep(input, target, learningRate);

        public void InitializeParameters(ulong seed) => inner.InitializeParameters(seed);
    }

    [Fact]
    public void The_confusion_matrix_runs_the_batched_forward_pass_in_chunks_and_counts_what_Predict_predicts()
    {
        // 600 rows: chunks of 256, 256 and 88 through ForwardBatch; every row counted as Predict (one Forward) classifies it.
        var net = new Iris32();
        net.InitializeParameters(7);
        double[] values = Rows.Uniform(11, 600 * 4, -2, 2);
        float[] x = Array.ConvertAll(values, v => (float)v);
        var labels = new int[600];
        var expected = new ConfusionMatrix(3);
        for (int r = 0; r < 600; r++)
        {
            labels[r] = r % 3;
            expected.Add(labels[r], Evaluation.Predict(net, x.AsSpan(r * 4, 4)));
        }

        var recorder = new ChunkRecorder<float>(net);
        ConfusionMatrix matrix = Evaluation.ConfusionMatrixOf(recorder, x, labels);
        Assert.Equal(new[] { 256, 256, 88 }, recorder.Chunks);
        for (int actual = 0; actual < 3; actual++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
            {
                Assert.Equal(expected[actual, predicted], matrix[actual, predicted]);
            }
        }

        // A network without the batch interface: one Forward per row, the same counts.
        ConfusionMatrix plain = Evaluation.ConfusionMatrixOf(new PlainNetwork<float>(net), x, labels);
        Assert.Equal(expected.Correct, plain.Correct);
        Assert.Equal(expected.Correct, matrix.Correct);
    }

    [Fact]
    public void The_trainer_reports_the_accuracy_the_batched_evaluation_gives_on_its_own_rows()
    {
        var net = new Iris32();
        var recorder = new ChunkRecorder<float>(net);
        TrainingResult result = Trainer.Fit(new Adam<float>(recorder, 0.01), Iris.Features32, Iris.Labels, new TrainingOptions { Epochs = 3, BatchSize = 16, ValidationFraction = 0.2 });

        // 120 training rows and 30 validation rows, each pass one chunk per epoch.
        Assert.Equal(new[] { 120, 30, 120, 30, 120, 30 }, recorder.Chunks);
        float[] train = Pick(Iris.Features32, result.TrainingRows, 4);
        float[] validation = Pick(Iris.Features32, result.ValidationRows, 4);
        Assert.Equal(Evaluation.Accuracy(net, train, PickLabels(result.TrainingRows)), result.Final.TrainingAccuracy!.Value, 15);
        Assert.Equal(Evaluation.Accuracy(net, validation, PickLabels(result.ValidationRows)), result.Final.ValidationAccuracy!.Value, 15);

        static float[] Pick(float[] rows, IReadOnlyList<int> which, int width)
        {
            var picked = new float[which.Count * width];
            for (int i = 0; i < which.Count; i++)
            {
                Array.Copy(rows, which[i] * width, picked, i * width, width);
            }

            return picked;
        }

        static int[] PickLabels(IReadOnlyList<int> which)
        {
            var picked = new int[which.Count];
            for (int i = 0; i < which.Count; i++)
            {
                picked[i] = Iris.Labels[which[i]];
            }

            return picked;
        }
    }
}
