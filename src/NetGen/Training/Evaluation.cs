using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// Evaluation of a network on labelled data. The predicted class of an output g is argmax_j g_j (the first on ties);
/// for a network with a single output it is 1 when g &gt;= 0.5 and 0 otherwise (binary classification with a
/// sigmoid output), so such a network has 2 classes.
/// </summary>
public static partial class Evaluation
{
    /// <summary>The number of classes a network distinguishes: <c>OutputCount</c>, or 2 when it has a single output.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static int ClassCount<T>(INetwork<T> network)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        return network.OutputCount == 1 ? 2 : network.OutputCount;
    }

    /// <summary>The index of the largest value, the first one on ties; NaN never wins (0 when every value is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("'values' is empty.", nameof(values));
        }

        return Scalar<float>.ArgMax(values);
    }

    /// <summary>The index of the largest value, the first one on ties; NaN never wins (0 when every value is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("'values' is empty.", nameof(values));
        }

        return Scalar<double>.ArgMax(values);
    }

    /// <summary>The class <paramref name="network"/> predicts for one input (see <see cref="Evaluation"/>); allocates nothing for up to 256 outputs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> does not have <c>InputCount</c> values, or one is NaN or infinite.</exception>
    /// <exception cref="ArithmeticException">The network's output is NaN (its parameters are not finite), so it predicts no class.</exception>
    public static int Predict<T>(INetwork<T> network, ReadOnlySpan<T> input)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        Guard.Length(input.Length, network.InputCount, nameof(input));
        DataCheck.Finite(input, network.InputCount, nameof(input));
        Span<T> output = network.OutputCount <= 256 ? stackalloc T[network.OutputCount] : new T[network.OutputCount];
        network.Forward(input, output);
        int predicted = Scalar<T>.PredictedClass(output);
        if (predicted < 0)
        {
            throw new ArithmeticException(
                DataCheck.Invariant("The network's output {0} is NaN, so it predicts no class: its parameters are not finite (training diverged?).", Scalar<T>.FirstNaN(output)));
        }

        return predicted;
    }

    /// <summary>The fraction of rows whose predicted class equals the label.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n examples as an [n, InputCount] row-major matrix, n &gt;= 1.</param>
    /// <param name="labels">n class indices in [0, <see cref="ClassCount{T}"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not match the network, an input is NaN or infinite, or a label is out of range (the message names the row).</exception>
    /// <remarks>A row whose output is NaN (a network whose parameters diverged) predicts no class and counts as wrong.</remarks>
    public static double Accuracy<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels)
        where T : unmanaged
    {
        ConfusionMatrix matrix = ConfusionMatrixOf(network, inputs, labels, null);
        return matrix.Accuracy;
    }

    /// <summary>The confusion matrix of <paramref name="network"/> on labelled rows.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n examples as an [n, InputCount] row-major matrix, n &gt;= 1.</param>
    /// <param name="labels">n class indices in [0, <see cref="ClassCount{T}"/>).</param>
    /// <param name="classNames">Optional names of the classes, for <see cref="ConfusionMatrix.ToString"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not match the network, an input is NaN or infinite, a label is out of range (the message names the row), or the class names are not one per class.</exception>
    /// <remarks>A row whose output is NaN predicts no class: it counts in <see cref="ConfusionMatrix.Unpredicted"/> and as wrong.</remarks>
    public static ConfusionMatrix ConfusionMatrixOf<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, IReadOnlyList<string>? classNames = null)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        int n = DataCheck.Rows(inputs, network.InputCount, nameof(inputs));
        DataCheck.SameRows(labels.Length, n, nameof(labels), "labels");
        DataCheck.Finite(inputs, network.InputCount, nameof(inputs));
        int classes = ClassCount(network);
        DataCheck.Labels(labels, classes, nameof(labels));
        var matrix = new ConfusionMatrix(classes, classNames);
        int inputCount = network.InputCount;
        int outputCount = network.OutputCount;
        int chunk = network is IBatchNetwork<T> ? ChunkRows(inputCount, outputCount, n) : 1;
        var outputs = new T[chunk * outputCount];
        for (int start = 0; start < n; start += chunk)
        {
            // A chunk of consecutive rows through the batched forward pass (one row at a time without it).
            int m = Math.Min(chunk, n - start);
            Forward(network, inputs.Slice(start * inputCount, m * inputCount), outputs.AsSpan(0, m * outputCount));
            for (int i = 0; i < m; i++)
            {
                int predicted = Scalar<T>.PredictedClass(outputs.AsSpan(i * outputCount, outputCount));
                if (predicted < 0)
                {
                    matrix.AddUnpredicted(labels[start + i]);
                }
                else
                {
                    matrix.Add(labels[start + i], predicted);
                }
            }
        }

        return matrix;
    }

    /// <summary>
    /// Rows per chunk for evaluating n rows through <see cref="IBatchNetwork{T}.ForwardBatch"/>: up to 256, and at
    /// most about 64 K values of inputs or outputs per chunk (so a wide network's buffer stays small).
    /// </summary>
    internal static int ChunkRows(int inputCount, int outputCount, int n) =>
        Math.Max(1, Math.Min(Math.Min(256, n), (1 << 16) / Math.Max(inputCount, outputCount)));

    /// <summary>The outputs of m rows: one <see cref="IBatchNetwork{T}.ForwardBatch"/> when the network has it, else m calls of Forward.</summary>
    internal static void Forward<T>(INetwork<T> network, ReadOnlySpan<T> inputs, Span<T> outputs)
        where T : unmanaged
    {
        if (network is IBatchNetwork<T> batch)
        {
            batch.ForwardBatch(inputs, outputs);
            return;
        }

        int inputCount = network.InputCount;
        int outputCount = network.OutputCount;
        for (int i = 0; i * inputCount < inputs.Length; i++)
        {
            network.Forward(inputs.Slice(i * inputCount, inputCount), outputs.Slice(i * outputCount, outputCount));
        }
    }

    /// <summary>The mean loss (1/n) sum_i E_i over the rows, without regularisation, accumulated in double.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n examples as an [n, InputCount] row-major matrix, n &gt;= 1.</param>
    /// <param name="targets">n targets as an [n, OutputCount] row-major matrix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not match the network, or a value is NaN or infinite (the message names the row).</exception>
    public static double MeanLoss<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        int n = DataCheck.Rows(inputs, network.InputCount, nameof(inputs));
        DataCheck.TargetRows(targets.Length, n, network.OutputCount, nameof(targets));
        DataCheck.Finite(inputs, network.InputCount, nameof(inputs));
        DataCheck.Finite(targets, network.OutputCount, nameof(targets));
        double sum = 0;
        for (int r = 0; r < n; r++)
        {
            sum += Scalar<T>.ToDouble(network.Loss(inputs.Slice(r * network.InputCount, network.InputCount), targets.Slice(r * network.OutputCount, network.OutputCount)));
        }

        return sum / n;
    }

    internal static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
