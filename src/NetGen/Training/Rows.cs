using System;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>Data as users hold it (jagged rows, rectangular arrays) turned into the row-major spans the trainer reads.</summary>
internal static class Rows
{
    /// <summary>[n][width] rows as one [n, width] row-major array; every row checked, the first bad one named.</summary>
    public static T[] Flatten<T>(T[][] rows, int width, string name, string widthName)
    {
        if (rows is null)
        {
            throw new ArgumentNullException(name);
        }

        if (rows.Length == 0)
        {
            throw new ArgumentException(DataCheck.Invariant("'{0}' has no rows: it must hold n >= 1 rows of {1} values.", name, width), name);
        }

        if ((long)rows.Length * width > Guard.MaxArrayLength)
        {
            throw new ArgumentException(DataCheck.Invariant("'{0}' has {1} rows of {2} values, more than one array can hold.", name, rows.Length, width), name);
        }

        var flat = new T[rows.Length * width];
        for (int r = 0; r < rows.Length; r++)
        {
            T[]? row = rows[r];
            if (row is null)
            {
                throw new ArgumentException(DataCheck.Invariant("'{0}' row {1} is null.", name, r), name);
            }

            if (row.Length != width)
            {
                throw new ArgumentException(
                    DataCheck.Invariant("'{0}' row {1} has {2} values, but every row must have {3} ({4}); the rows are ragged or the network's sizes differ from the data's.", name, r, row.Length, width, widthName),
                    name);
            }

            Array.Copy(row, 0, flat, r * width, width);
        }

        return flat;
    }

    /// <summary>A rectangular [n, width] array as one row-major array.</summary>
    public static T[] Flatten<T>(T[,] matrix, int width, string name, string widthName)
    {
        if (matrix is null)
        {
            throw new ArgumentNullException(name);
        }

        int n = matrix.GetLength(0);
        if (n == 0)
        {
            throw new ArgumentException(DataCheck.Invariant("'{0}' has no rows: it must hold n >= 1 rows of {1} values.", name, width), name);
        }

        if (matrix.GetLength(1) != width)
        {
            throw new ArgumentException(
                DataCheck.Invariant("'{0}' has {1} columns, but the network needs {2} ({3}).", name, matrix.GetLength(1), width, widthName),
                name);
        }

        var flat = new T[n * width];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < width; c++)
            {
                flat[(r * width) + c] = matrix[r, c];
            }
        }

        return flat;
    }

    /// <summary>
    /// Throws a hint when targets hold one whole number in [0, classes) per row for a network with several outputs:
    /// the caller almost certainly meant class labels, which go in as <c>int[]</c>.
    /// </summary>
    public static void NotLabels<T>(ReadOnlySpan<T> targets, int rows, int outputCount, string name)
        where T : unmanaged
    {
        if (outputCount < 2 || targets.Length != rows)
        {
            return;
        }

        for (int i = 0; i < targets.Length; i++)
        {
            double v = Scalar<T>.ToDouble(targets[i]);
            if (!(v >= 0 && v < outputCount && Math.Floor(v) == v))
            {
                return;
            }
        }

        throw new ArgumentException(
            DataCheck.Invariant(
                "'{0}' has one value per row ({1} values for {1} rows), and they look like class labels (whole numbers in 0..{2}), but the network has OutputCount = {3}: pass the labels as int[] (Trainer.Fit(optimizer, inputs, labels)), which become one-hot targets.",
                name,
                rows,
                outputCount - 1,
                outputCount),
            name);
    }
}
