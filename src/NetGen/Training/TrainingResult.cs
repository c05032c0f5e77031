using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Training;

/// <summary>What <see cref="Trainer"/> returns when training ends (every epoch run, or stopped early).</summary>
public sealed class TrainingResult
{
    internal TrainingResult(IReadOnlyList<EpochReport> epochs, IReadOnlyList<int> trainingRows, IReadOnlyList<int> validationRows, TimeSpan elapsed, bool stoppedEarly = false, int? bestEpoch = null)
    {
        StoppedEarly = stoppedEarly;
        BestEpoch = bestEpoch;
        Epochs = epochs;
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
        Elapsed = elapsed;
    }

    /// <summary>One report per epoch, in order (the same objects passed to the progress callback).</summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>The report of the last epoch.</summary>
    public EpochReport Final => Epochs[Epochs.Count - 1];

    /// <summary>The indices of the rows trained on, ascending.</summary>
    public IReadOnlyList<int> TrainingRows { get; }

    /// <summary>The indices of the rows held out for validation, ascending (empty without a validation split).</summary>
    public IReadOnlyList<int> ValidationRows { get; }

    /// <summary>The total training time.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether training stopped before its last epoch (early stopping, or <see cref="TrainingOptions.OnEpoch"/> returned false).</summary>
    public bool StoppedEarly { get; }

    /// <summary>With <see cref="TrainingOptions.EarlyStopping"/>: the epoch with the lowest monitored loss (whose parameters the network holds when RestoreBestWeights is on); otherwise null.</summary>
    public int? BestEpoch { get; }

    /// <summary>
    /// The epoch history as CSV (RFC 4180, invariant culture, round-trip numbers; empty cells where a value does not
    /// apply): <c>epoch,learning_rate,loss,accuracy,validation_loss,validation_accuracy,elapsed_s</c>.
    /// </summary>
    /// <returns>A header line and one line per epoch, each ending in "\n".</returns>
    public string ToCsv()
    {
        var csv = new StringBuilder("epoch,learning_rate,loss,accuracy,validation_loss,validation_accuracy,elapsed_s\n");
        foreach (EpochReport r in Epochs)
        {
            csv.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(double.IsNaN(r.LearningRate) ? null : r.LearningRate)).Append(',')
                .Append(Cell(r.TrainingLoss)).Append(',')
                .Append(Cell(r.TrainingAccuracy)).Append(',')
                .Append(Cell(r.ValidationLoss)).Append(',')
                .Append(Cell(r.ValidationAccuracy)).Append(',')
                .Append(Cell(r.Elapsed.TotalSeconds)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to a file (replaced if it exists).</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WriteCsv(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("'path' must name a file.", nameof(path));
        }

        File.WriteAllText(path, ToCsv(), new UTF8Encoding(false));
    }

    private static string Cell(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
