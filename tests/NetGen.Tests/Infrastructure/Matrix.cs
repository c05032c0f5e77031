using System;

namespace NetGen.Tests;

/// <summary>
/// Plain dense matrix operations on <c>double[rows, columns]</c> for <see cref="ReferenceNetwork"/>: written for
/// clarity (triple loops, no blocking, no spans), so their correctness can be checked by eye.
/// </summary>
internal static class Matrix
{
    public static int Rows(double[,] a) => a.GetLength(0);

    public static int Columns(double[,] a) => a.GetLength(1);

    /// <summary>C = A B.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        if (Columns(a) != Rows(b))
        {
            throw new ArgumentException($"Cannot multiply [{Rows(a)}, {Columns(a)}] by [{Rows(b)}, {Columns(b)}].");
        }

        var c = new double[Rows(a), Columns(b)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(b); j++)
            {
                double sum = 0;
                for (int k = 0; k < Columns(a); k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>Aᵀ.</summary>
    public static double[,] Transpose(double[,] a)
    {
        var t = new double[Columns(a), Rows(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    /// <summary>A + 1 bᵀ: adds the row vector b to every row of A (the bias of every example).</summary>
    public static double[,] AddToEveryRow(double[,] a, double[] b)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                c[i, j] += b[j];
            }
        }

        return c;
    }

    /// <summary>A ⊙ B, the element-wise (Hadamard) product.</summary>
    public static double[,] Hadamard(double[,] a, double[,] b)
    {
        var c = new double[Rows(a), Columns(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                c[i, j] = a[i, j] * b[i, j];
            }
        }

        return c;
    }

    /// <summary>A − B.</summary>
    public static double[,] Subtract(double[,] a, double[,] b)
    {
        var c = new double[Rows(a), Columns(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                c[i, j] = a[i, j] - b[i, j];
            }
        }

        return c;
    }

    /// <summary>f applied to every element.</summary>
    public static double[,] Map(double[,] a, Func<double, double> f)
    {
        var c = new double[Rows(a), Columns(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                c[i, j] = f(a[i, j]);
            }
        }

        return c;
    }

    /// <summary>Aᵀ 1: the sum of each column (over the examples of a batch).</summary>
    public static double[] ColumnSums(double[,] a)
    {
        var s = new double[Columns(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                s[j] += a[i, j];
            }
        }

        return s;
    }

    /// <summary>Row i as a new array.</summary>
    public static double[] Row(double[,] a, int i)
    {
        var r = new double[Columns(a)];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = a[i, j];
        }

        return r;
    }

    /// <summary>A row-major flat array as an [rows, columns] matrix.</summary>
    public static double[,] FromRows(ReadOnlySpan<double> flat, int rows, int columns)
    {
        if (flat.Length != rows * columns)
        {
            throw new ArgumentException($"Expected {rows * columns} values, got {flat.Length}.", nameof(flat));
        }

        var a = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                a[i, j] = flat[(i * columns) + j];
            }
        }

        return a;
    }

    /// <summary>The matrix as a row-major flat array.</summary>
    public static double[] ToRows(double[,] a)
    {
        var flat = new double[Rows(a) * Columns(a)];
        for (int i = 0; i < Rows(a); i++)
        {
            for (int j = 0; j < Columns(a); j++)
            {
                flat[(i * Columns(a)) + j] = a[i, j];
            }
        }

        return flat;
    }
}
