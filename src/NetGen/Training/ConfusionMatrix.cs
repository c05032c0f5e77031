using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Training;

/// <summary>
/// Counts of (actual class, predicted class) pairs. Row = actual class, column = predicted class; the diagonal holds
/// the correct predictions. <see cref="ToString"/> prints the table with per-class recall and precision.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;
    private readonly string[] _names;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="classNames">Optional class names, one per class; by default "0", "1", ...</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not have one non-null name per class.</exception>
    public ConfusionMatrix(int classCount, IReadOnlyList<string>? classNames = null)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A confusion matrix has at least 1 class.");
        }

        if (classNames != null && classNames.Count != classCount)
        {
            throw new ArgumentException(
                DataCheck.Invariant("'classNames' has {0} names but there are {1} classes.", classNames.Count, classCount),
                nameof(classNames));
        }

        ClassCount = classCount;
        _counts = new long[classCount * classCount];
        _names = new string[classCount];
        for (int c = 0; c < classCount; c++)
        {
            string? name = classNames?[c];
            if (classNames != null && name is null)
            {
                throw new ArgumentException(DataCheck.Invariant("'classNames' entry {0} is null.", c), nameof(classNames));
            }

            _names[c] = name ?? c.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The class names, "0", "1", ... unless given.</summary>
    public IReadOnlyList<string> ClassNames => _names;

    /// <summary>The number of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class index is out of range.</exception>
    public long this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>The number of examples counted.</summary>
    public long Total { get; private set; }

    /// <summary>The number of examples whose prediction was right (the sum of the diagonal).</summary>
    public long Correct { get; private set; }

    /// <summary><see cref="Correct"/> / <see cref="Total"/>, or 0 for an empty matrix.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Counts one example.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class index is out of range.</exception>
    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
        if (actual == predicted)
        {
            Correct++;
        }
    }

    /// <summary>
    /// Records an example of class <paramref name="actual"/> for which the network predicted no class (its output was
    /// NaN): it counts in <see cref="Total"/> and <see cref="Unpredicted"/>, never as correct.
    /// </summary>
    /// <param name="actual">The true class.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="actual"/> is not a class.</exception>
    public void AddUnpredicted(int actual)
    {
        if ((uint)actual >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), actual, DataCheck.Invariant("The class must be in 0..{0}.", ClassCount - 1));
        }

        Unpredicted++;
        Total++;
    }

    /// <summary>The examples for which the network predicted no class because its output was NaN (see <see cref="AddUnpredicted"/>).</summary>
    public long Unpredicted { get; private set; }

    /// <summary>Recall of a class: correct predictions of it / examples of it (NaN when it has no examples).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is out of range.</exception>
    public double Recall(int c)
    {
        long row = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            row += _counts[Index(c, p)];
        }

        return row == 0 ? double.NaN : (double)_counts[Index(c, c)] / row;
    }

    /// <summary>Precision of a class: correct predictions of it / predictions of it (NaN when it was never predicted).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is out of range.</exception>
    public double Precision(int c)
    {
        long column = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            column += _counts[Index(a, c)];
        }

        return column == 0 ? double.NaN : (double)_counts[Index(c, c)] / column;
    }

    /// <summary>
    /// The table: one row per actual class, one column per predicted class, then each class's recall; a last row of
    /// precisions, and the overall accuracy.
    /// </summary>
    public override string ToString()
    {
        const string corner = "actual \\ predicted";
        var cells = new string[ClassCount + 2, ClassCount + 2];
        cells[0, 0] = corner;
        cells[0, ClassCount + 1] = "recall";
        cells[ClassCount + 1, 0] = "precision";
        cells[ClassCount + 1, ClassCount + 1] = string.Empty;
        for (int c = 0; c < ClassCount; c++)
        {
            cells[0, c + 1] = _names[c];
            cells[c + 1, 0] = _names[c];
            cells[c + 1, ClassCount + 1] = Ratio(Recall(c));
            cells[ClassCount + 1, c + 1] = Ratio(Precision(c));
            for (int p = 0; p < ClassCount; p++)
            {
                cells[c + 1, p + 1] = _counts[Index(c, p)].ToString(CultureInfo.InvariantCulture);
            }
        }

        var widths = new int[ClassCount + 2];
        for (int col = 0; col < ClassCount + 2; col++)
        {
            for (int row = 0; row < ClassCount + 2; row++)
            {
                widths[col] = Math.Max(widths[col], cells[row, col].Length);
            }
        }

        var text = new StringBuilder();
        for (int row = 0; row < ClassCount + 2; row++)
        {
            var line = new StringBuilder();
            for (int col = 0; col < ClassCount + 2; col++)
            {
                if (col == 0)
                {
                    line.Append(cells[row, col].PadRight(widths[col]));
                }
                else
                {
                    line.Append("  ").Append(cells[row, col].PadLeft(widths[col]));
                }
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        text.Append(DataCheck.Invariant("accuracy {0} ({1} of {2})", Ratio(Accuracy), Correct, Total));
        if (Unpredicted > 0)
        {
            text.Append(DataCheck.Invariant("; {0} with a NaN output (no prediction)", Unpredicted));
        }

        return text.ToString();
    }

    private static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private int Index(int actual, int predicted)
    {
        if ((uint)actual >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), actual, DataCheck.Invariant("The class must be in 0..{0}.", ClassCount - 1));
        }

        if ((uint)predicted >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, DataCheck.Invariant("The class must be in 0..{0}.", ClassCount - 1));
        }

        return (actual * ClassCount) + predicted;
    }
}
