using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// Mini-batch training of any <see cref="INetwork{T}"/> with an <see cref="Optimizer{T}"/>: epochs, shuffling from a
/// seed, an optional validation split, progress reports and cancellation.
/// </summary>
/// <remarks>
/// <para>
/// Each epoch visits the training rows (in a new seeded random order when <see cref="TrainingOptions.Shuffle"/> is
/// on) in batches of <see cref="TrainingOptions.BatchSize"/>; for each batch it copies the rows into one
/// [m, InputCount] block (and their targets, or one-hot labels, into [m, OutputCount]), calls
/// <see cref="IBatchNetwork{T}.BackwardBatch"/> on it (m calls of <see cref="INetwork{T}.Backward"/> for a network
/// that does not implement <see cref="IBatchNetwork{T}"/>), then <see cref="Optimizer{T}.Step"/> with the batch's size m.
/// After the epoch it evaluates the training accuracy (classification only) and the validation loss and accuracy,
/// and reports an <see cref="EpochReport"/>.
/// </para>
/// <para>
/// All data is checked before the first parameter changes: a wrong row count or width, a NaN or infinite input or
/// target, or a label out of range throws <see cref="ArgumentException"/> naming the row (and column). The network's
/// gradients are zeroed at the start. Training is reproducible: the same seed, data, options, initial parameters and
/// optimizer state give bit-identical parameters.
/// </para>
/// <para>
/// Cancellation: the token is checked before every batch. When it is cancelled, training stops there and
/// <see cref="OperationCanceledException"/> is thrown; the network keeps the parameters of the last completed step
/// (a consistent state with zero gradients), so it can still be used or saved. Epochs completed before then were
/// reported through the progress callback.
/// </para>
/// <para>
/// Allocation: a few arrays per call (the row order, the batch buffers, the reports); nothing per batch or per
/// example (a loop-shape network's batch workspace grows once, on its first batch).
/// </para>
/// </remarks>
public static partial class Trainer
{
    /// <summary>Trains on real-valued targets (regression, or any targets the loss accepts); no accuracy is reported.</summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n examples as an [n, InputCount] row-major matrix.</param>
    /// <param name="targets">n targets as an [n, OutputCount] row-major matrix.</param>
    /// <param name="options">Epochs, batch size, seed, validation split; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training between batches (see the remarks on <see cref="Trainer"/>).</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network (the message names the row and column), or the validation split leaves a part empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        INetwork<T> network = Check(optimizer, inputs, out int n);
        Rows.NotLabels(targets, n, network.OutputCount, nameof(targets));
        DataCheck.TargetRows(targets.Length, n, network.OutputCount, nameof(targets));
        DataCheck.Finite(targets, network.OutputCount, nameof(targets));
        return Run(optimizer, inputs, targets, default, false, n, options ?? new TrainingOptions(), progress, cancellationToken);
    }

    /// <summary>
    /// Trains a classifier on integer class labels: the target of label c is the one-hot vector e_c (for a network
    /// with a single output, y = c with c 0 or 1); training and validation accuracy are reported.
    /// </summary>
    /// <param name="optimizer">The optimizer, bound to the network to train.</param>
    /// <param name="inputs">n examples as an [n, InputCount] row-major matrix.</param>
    /// <param name="labels">n class indices in [0, OutputCount) (0 or 1 for a single output).</param>
    /// <param name="options">Epochs, batch size, seed, validation split; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch; may be null.</param>
    /// <param name="cancellationToken">Stops training between batches (see the remarks on <see cref="Trainer"/>).</param>
    /// <returns>The per-epoch reports and the split used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network (the message names the row and column), or the validation split leaves a part empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingResult Fit<T>(Optimizer<T> optimizer, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        INetwork<T> network = Check(optimizer, inputs, out int n);
        DataCheck.SameRows(labels.Length, n, nameof(labels), "labels");
        DataCheck.Labels(labels, Evaluation.ClassCount(network), nameof(labels));
        return Run(optimizer, inputs, default, labels, true, n, options ?? new TrainingOptions(), progress, cancellationToken);
    }

    private static INetwork<T> Check<T>(Optimizer<T> optimizer, ReadOnlySpan<T> inputs, out int n)
        where T : unmanaged
    {
        if (optimizer is null)
        {
            throw new ArgumentNullException(nameof(optimizer));
        }

        INetwork<T> network = optimizer.Network;
        n = DataCheck.Rows(inputs, network.InputCount, nameof(inputs));
        DataCheck.Finite(inputs, network.InputCount, nameof(inputs));
        return network;
    }

    [MethodImpl(Kernels.Optimized)]
    private static TrainingResult Run<T>(
        Optimizer<T> optimizer,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        ReadOnlySpan<int> labels,
        bool classification,
        int n,
        TrainingOptions options,
        IProgress<EpochReport>? progress,
        CancellationToken cancellationToken)
        where T : unmanaged
    {
        INetwork<T> network = optimizer.Network;
        int inputCount = network.InputCount;
        int outputCount = network.OutputCount;
        int epochs = options.Epochs;
        int batchSize = options.BatchSize;

        // The split: floor(n * fraction) rows drawn with the seed, then both parts in ascending row order.
        ulong state = options.Seed;
        int validationCount = (int)Math.Floor(n * options.ValidationFraction);
        if (options.ValidationFraction > 0 && (validationCount < 1 || validationCount >= n))
        {
            throw new ArgumentException(
                DataCheck.Invariant("A validation fraction of {0} of {1} rows leaves {2} validation and {3} training rows; both must be at least 1.", options.ValidationFraction, n, validationCount, n - validationCount),
                nameof(options));
        }

        (int[] validation, int[] training) = Split(n, validationCount, ref state);
        int[] trainingRows = (int[])training.Clone();

        int bufferRows = Math.Min(batchSize, training.Length);
        var batchInputs = new T[bufferRows * inputCount];
        var batchTargets = new T[bufferRows * outputCount];
        var target = new T[outputCount];
        // The accuracy passes predict a chunk of rows at a time (regression has no accuracy, so no chunk buffers to speak of).
        int chunkRows = classification && network is IBatchNetwork<T> ? Evaluation.ChunkRows(inputCount, outputCount, n) : 1;
        var chunkInputs = new T[chunkRows * inputCount];
        var chunkOutputs = new T[chunkRows * outputCount];
        var reports = new List<EpochReport>(epochs);
        var control = new TrainingControl<T>(optimizer, options);
        IBatchProgress? batchProgress = progress as IBatchProgress;
        Stopwatch clock = Stopwatch.StartNew();
        network.ZeroGradients();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            control.StartEpoch(epoch);
            if (options.Shuffle)
            {
                Shuffle(training, ref state);
            }

            double lossSum = 0;
            for (int start = 0; start < training.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int m = Math.Min(batchSize, training.Length - start);

                // Gather the batch's rows (and one-hot targets) into [m, InputCount] and [m, OutputCount] buffers.
                for (int i = 0; i < m; i++)
                {
                    int r = training[start + i];
                    inputs.Slice(r * inputCount, inputCount).CopyTo(batchInputs.AsSpan(i * inputCount, inputCount));
                    Span<T> y = batchTargets.AsSpan(i * outputCount, outputCount);
                    if (classification)
                    {
                        Scalar<T>.OneHot(labels[r], y);
                    }
                    else
                    {
                        targets.Slice(r * outputCount, outputCount).CopyTo(y);
                    }
                }

                lossSum += BackwardBatch(network, batchInputs.AsSpan(0, m * inputCount), batchTargets.AsSpan(0, m * outputCount));
                optimizer.Step(m);
                batchProgress?.ReportBatch(new BatchReport(epoch, epochs, start + m, training.Length, lossSum / (start + m), clock.Elapsed));
            }

            double? trainingAccuracy = null;
            if (classification)
            {
                Evaluate(network, inputs, default, labels, true, false, trainingRows, target, chunkInputs, chunkOutputs, out _, out double accuracy);
                trainingAccuracy = accuracy;
            }

            double? validationLoss = null;
            double? validationAccuracy = null;
            if (validation.Length > 0)
            {
                Evaluate(network, inputs, targets, labels, classification, true, validation, target, chunkInputs, chunkOutputs, out double loss, out double accuracy);
                validationLoss = loss;
                validationAccuracy = classification ? accuracy : null;
            }

            var report = new EpochReport(epoch, epochs, lossSum / training.Length, trainingAccuracy, validationLoss, validationAccuracy, clock.Elapsed, optimizer.LearningRate);
            reports.Add(report);
            progress?.Report(report);
            if (control.EndEpoch(report))
            {
                break;
            }
        }

        control.Finish();
        return new TrainingResult(reports, trainingRows, validation, clock.Elapsed, reports.Count < epochs, control.BestEpoch);
    }

    /// <summary>
    /// Mean loss (when <paramref name="computeLoss"/>) and accuracy (classification only) over some rows. The
    /// predictions go through the batched forward pass, the rows gathered a chunk at a time into
    /// <paramref name="chunkInputs"/> (one row at a time for a network without it); the loss is the network's
    /// <see cref="INetwork{T}.Loss"/> per row.
    /// </summary>
    private static void Evaluate<T>(
        INetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        ReadOnlySpan<int> labels,
        bool classification,
        bool computeLoss,
        int[] rows,
        T[] target,
        T[] chunkInputs,
        T[] chunkOutputs,
        out double meanLoss,
        out double accuracy)
        where T : unmanaged
    {
        int inputCount = network.InputCount;
        int outputCount = network.OutputCount;
        int chunk = chunkOutputs.Length / outputCount;
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < rows.Length; start += chunk)
        {
            int m = Math.Min(chunk, rows.Length - start);
            if (classification)
            {
                for (int i = 0; i < m; i++)
                {
                    inputs.Slice(rows[start + i] * inputCount, inputCount).CopyTo(chunkInputs.AsSpan(i * inputCount, inputCount));
                }

                Evaluation.Forward(network, chunkInputs.AsSpan(0, m * inputCount), chunkOutputs.AsSpan(0, m * outputCount));
            }

            for (int i = 0; i < m; i++)
            {
                int r = rows[start + i];
                ReadOnlySpan<T> x = inputs.Slice(r * inputCount, inputCount);
                if (classification)
                {
                    if (Scalar<T>.PredictedClass(chunkOutputs.AsSpan(i * outputCount, outputCount)) == labels[r])
                    {
                        correct++;
                    }

                    if (computeLoss)
                    {
                        lossSum += Scalar<T>.ToDouble(network.Loss(x, Label(labels[r], target)));
                    }
                }
                else
                {
                    lossSum += Scalar<T>.ToDouble(network.Loss(x, targets.Slice(r * outputCount, outputCount)));
                }
            }
        }

        meanLoss = lossSum / rows.Length;
        accuracy = (double)correct / rows.Length;
    }

    private static ReadOnlySpan<T> Label<T>(int label, T[] target)
        where T : unmanaged
    {
        Scalar<T>.OneHot(label, target);
        return target;
    }

    /// <summary>
    /// Rows 0..n-1 split in two: <paramref name="drawn"/> rows drawn with the seed's stream (a shuffle, only when any
    /// are drawn), the rest; both in ascending row order. The validation split and <see cref="Data.TrainTestSplit"/>.
    /// </summary>
    internal static (int[] Drawn, int[] Others) Split(int n, int drawn, ref ulong state)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        if (drawn > 0)
        {
            Shuffle(order, ref state);
        }

        int[] first = order.AsSpan(0, drawn).ToArray();
        int[] rest = order.AsSpan(drawn).ToArray();
        Array.Sort(first);
        Array.Sort(rest);
        return (first, rest);
    }

    /// <summary>Fisher-Yates shuffle driven by SplitMix64, with unbiased bounded draws (integer arithmetic only).</summary>
    private static void Shuffle(int[] values, ref ulong state)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            ulong bound = (ulong)i + 1;
            ulong threshold = unchecked(0UL - bound) % bound;
            ulong r;
            do
            {
                r = ParameterInitializer.Next(ref state);
            }
            while (r < threshold);

            int j = (int)(r % bound);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>The summed loss of a batch: the batched matrix path when the network has one (every generated network does), else m calls of Backward.</summary>
    private static double BackwardBatch<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged
    {
        if (network is IBatchNetwork<T> batch)
        {
            return Scalar<T>.ToDouble(batch.BackwardBatch(inputs, targets));
        }

        int inputCount = network.InputCount;
        int outputCount = network.OutputCount;
        int m = inputs.Length / inputCount;
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += Scalar<T>.ToDouble(network.Backward(inputs.Slice(i * inputCount, inputCount), targets.Slice(i * outputCount, outputCount)));
        }

        return sum;
    }
}
