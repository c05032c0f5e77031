using System;
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
}
