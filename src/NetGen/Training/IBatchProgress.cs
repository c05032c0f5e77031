using System;

namespace NetGen.Training;

/// <summary>
/// A progress receiver that also wants updates within an epoch: when the <c>progress</c> argument of
/// <see cref="Trainer"/>.Fit implements it, the trainer calls <see cref="ReportBatch"/> after every batch, on the
/// training thread (keep it cheap: <see cref="ConsoleProgress"/> redraws at most every 100 ms).
/// </summary>
public interface IBatchProgress
{
    /// <summary>Called after every batch.</summary>
    /// <param name="report">Where training stands.</param>
    void ReportBatch(BatchReport report);
}

/// <summary>Where training stands after a batch.</summary>
public readonly struct BatchReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="epoch">The current epoch, from 1.</param>
    /// <param name="epochCount">The epochs planned.</param>
    /// <param name="rowsDone">Training rows done in this epoch.</param>
    /// <param name="rowCount">Training rows per epoch.</param>
    /// <param name="meanLoss">The mean loss of this epoch's rows so far.</param>
    /// <param name="elapsed">Time since training started.</param>
    public BatchReport(int epoch, int epochCount, int rowsDone, int rowCount, double meanLoss, TimeSpan elapsed)
    {
        Epoch = epoch;
        EpochCount = epochCount;
        RowsDone = rowsDone;
        RowCount = rowCount;
        MeanLoss = meanLoss;
        Elapsed = elapsed;
    }

    /// <summary>The current epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The epochs planned (training may stop earlier).</summary>
    public int EpochCount { get; }

    /// <summary>Training rows done in this epoch.</summary>
    public int RowsDone { get; }

    /// <summary>Training rows per epoch.</summary>
    public int RowCount { get; }

    /// <summary>The mean loss of this epoch's rows so far.</summary>
    public double MeanLoss { get; }

    /// <summary>Time since training started.</summary>
    public TimeSpan Elapsed { get; }
}
