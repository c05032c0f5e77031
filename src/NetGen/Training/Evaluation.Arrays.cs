using System;
using System.Collections.Generic;

namespace NetGen.Training;

/// <summary>Evaluation on data as users hold it: jagged rows (<c>float[][]</c>).</summary>
public static partial class Evaluation
{
    /// <summary>The fraction of rows whose predicted class equals the label.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n rows of <c>InputCount</c> values each.</param>
    /// <param name="labels">n class indices.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row has the wrong length, a value is NaN or infinite, or a label is out of range (the message names the row).</exception>
    public static double Accuracy<T>(INetwork<T> network, T[][] inputs, int[] labels)
        where T : unmanaged =>
        ConfusionMatrixOf(network, inputs, labels).Accuracy;

    /// <summary>The confusion matrix of <paramref name="network"/> on labelled rows.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n rows of <c>InputCount</c> values each.</param>
    /// <param name="labels">n class indices.</param>
    /// <param name="classNames">Optional names of the classes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row has the wrong length, a value is NaN or infinite, or a label is out of range (the message names the row).</exception>
    public static ConfusionMatrix ConfusionMatrixOf<T>(INetwork<T> network, T[][] inputs, int[] labels, IReadOnlyList<string>? classNames = null)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        return ConfusionMatrixOf(network, x, (labels ?? throw new ArgumentNullException(nameof(labels))).AsSpan(), classNames);
    }

    /// <summary>The mean loss over rows of inputs and targets, without regularisation.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">n rows of <c>InputCount</c> values each.</param>
    /// <param name="targets">n rows of <c>OutputCount</c> values each.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row has the wrong length, or a value is NaN or infinite (the message names the row).</exception>
    public static double MeanLoss<T>(INetwork<T> network, T[][] inputs, T[][] targets)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        T[] y = Rows.Flatten(targets, network.OutputCount, nameof(targets), "the network's OutputCount");
        return MeanLoss(network, x, (ReadOnlySpan<T>)y);
    }
}
