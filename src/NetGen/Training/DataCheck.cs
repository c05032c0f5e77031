using System;
using System.Globalization;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>Checks of row-major data against a network, with messages that name the row and column at fault.</summary>
internal static class DataCheck
{
    /// <summary>The number of rows n of an [n, width] matrix; throws unless it is a whole number of rows, n &gt;= 1.</summary>
    public static int Rows<T>(ReadOnlySpan<T> values, int width, string name)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException(Invariant("'{0}' has no rows: it must hold n >= 1 rows of {1} values.", name, width), name);
        }

        if (values.Length % width != 0)
        {
            int full = values.Length / width;
            throw new ArgumentException(
                Invariant(
                    "'{0}' has {1} values, not a whole number of rows of {2}: row {3} has only {4} of its {2} columns.",
                    name,
                    values.Length,
                    width,
                    full,
                    values.Length - (full * width)),
                name);
        }

        return values.Length / width;
    }

    /// <summary>Throws unless a targets matrix has exactly <paramref name="rows"/> rows of <paramref name="width"/> values.</summary>
    public static void TargetRows(int length, int rows, int width, string name)
    {
        if (length == (long)rows * width)
        {
            return;
        }

        if (length % width != 0)
        {
            int full = length / width;
            throw new ArgumentException(
                Invariant(
                    "'{0}' has {1} values, not a whole number of rows of OutputCount = {2}: row {3} has only {4} of its {2} columns.",
                    name,
                    length,
                    width,
                    full,
                    length - (full * width)),
                name);
        }

        SameRows(length / width, rows, name, "targets");
    }

    /// <summary>Throws unless <paramref name="actualRows"/> equals the input row count.</summary>
    public static void SameRows(int actualRows, int rows, string name, string what)
    {
        if (actualRows == rows)
        {
            return;
        }

        string detail = actualRows < rows
            ? Invariant("row {0} has inputs but no {1}", actualRows, what)
            : Invariant("row {0} has {1} but no inputs", rows, what);
        throw new ArgumentException(Invariant("'{0}' has {1} rows but 'inputs' has {2} rows: {3}.", name, actualRows, rows, detail), name);
    }

    /// <summary>Throws if any value of an [n, width] matrix is NaN or infinite, naming its row and column.</summary>
    public static void Finite<T>(ReadOnlySpan<T> values, int width, string name)
        where T : unmanaged
    {
        int i = Scalar<T>.FirstNonFinite(values);
        if (i >= 0)
        {
            throw new ArgumentException(
                Invariant("'{0}' row {1}, column {2} is {3}; every value must be finite.", name, i / width, i % width, Scalar<T>.Describe(values, i)),
                name);
        }
    }

    /// <summary>Throws if a label is outside [0, classes), naming its row.</summary>
    public static void Labels(ReadOnlySpan<int> labels, int classes, string name)
    {
        for (int r = 0; r < labels.Length; r++)
        {
            if ((uint)labels[r] >= (uint)classes)
            {
                throw new ArgumentException(
                    Invariant("'{0}' row {1} is {2}, outside the {3} classes 0..{4} of the network.", name, r, labels[r], classes, classes - 1),
                    name);
            }
        }
    }

    public static string Invariant(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
