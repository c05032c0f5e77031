using System;
using System.Threading;

namespace NetGen.Training;

/// <summary>The same training on data as users hold it: jagged rows (<c>float[][]</c>) or rectangular arrays (<c>float[,]</c>).</summary>
public static partial class Trainer
{
    /// <summary>Trains a classifier on rows of features and integer class labels (see the span overload).</summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n rows of <c>InputCount</c> values each.</param>
    /// <param name="labels">n class indices in [0, OutputCount) (0 or 1 for a single output).</param>
    /// <param name="options">Epochs, batch size, seed, validation split, schedule, early stopping; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch (and batch updates, if it is an <see cref="IBatchProgress"/>); may be null.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/>, <paramref name="inputs"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is null or has the wrong length, a value is NaN or infinite, or a label is out of range (the message names the row).</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, T[][] inputs, int[] labels, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        T[] x = Rows.Flatten(inputs, NetworkOf(optimizer).InputCount, nameof(inputs), "the network's InputCount");
        return Fit(optimizer, x, (labels ?? throw new ArgumentNullException(nameof(labels))).AsSpan(), options, progress, cancellationToken);
    }

    /// <summary>Trains on rows of features and rows of real-valued targets (see the span overload).</summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n rows of <c>InputCount</c> values each.</param>
    /// <param name="targets">n rows of <c>OutputCount</c> values each.</param>
    /// <param name="options">Epochs, batch size, seed, validation split, schedule, early stopping; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row is null or has the wrong length, or a value is NaN or infinite (the message names the row).</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, T[][] inputs, T[][] targets, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        INetwork<T> network = NetworkOf(optimizer);
        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        if (targets is not null && network.OutputCount > 1 && Array.TrueForAll(targets, row => row is not null && row.Length == 1))
        {
            Rows.NotLabels<T>(Array.ConvertAll(targets, row => row[0]), targets.Length, network.OutputCount, nameof(targets));
        }

        T[] y = Rows.Flatten(targets!, network.OutputCount, nameof(targets), "the network's OutputCount");
        return Fit(optimizer, x, (ReadOnlySpan<T>)y, options, progress, cancellationToken);
    }

    /// <summary>Trains a classifier on an [n, InputCount] array and integer class labels (see the span overload).</summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n rows, <c>InputCount</c> columns.</param>
    /// <param name="labels">n class indices.</param>
    /// <param name="options">Training options; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not fit the network, a value is NaN or infinite, or a label is out of range.</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, T[,] inputs, int[] labels, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        T[] x = Rows.Flatten(inputs, NetworkOf(optimizer).InputCount, nameof(inputs), "the network's InputCount");
        return Fit(optimizer, x, (labels ?? throw new ArgumentNullException(nameof(labels))).AsSpan(), options, progress, cancellationToken);
    }

    /// <summary>Trains on an [n, InputCount] array and an [n, OutputCount] array of targets (see the span overload).</summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n rows, <c>InputCount</c> columns.</param>
    /// <param name="targets">n rows, <c>OutputCount</c> columns.</param>
    /// <param name="options">Training options; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not fit the network, or a value is NaN or infinite.</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, T[,] inputs, T[,] targets, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        INetwork<T> network = NetworkOf(optimizer);
        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        T[] y = Rows.Flatten(targets, network.OutputCount, nameof(targets), "the network's OutputCount");
        return Fit(optimizer, x, (ReadOnlySpan<T>)y, options, progress, cancellationToken);
    }

    private static INetwork<T> NetworkOf<T>(Optimizer<T> optimizer)
        where T : unmanaged =>
        (optimizer ?? throw new ArgumentNullException(nameof(optimizer))).Network;
}
