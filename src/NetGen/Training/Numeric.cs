using System;
using System.Runtime.InteropServices;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>Span helpers over float or double without generic math (netstandard2.0) and without per-element delegates.</summary>
internal static class Numeric<T>
    where T : unmanaged
{
    /// <summary>The index of the first NaN or infinite value, or -1 (<see cref="Guard.FirstNonFinite(ReadOnlySpan{float})"/>, vectorised).</summary>
    public static int FirstNonFinite(ReadOnlySpan<T> values) =>
        typeof(T) == typeof(float)
            ? Guard.FirstNonFinite(MemoryMarshal.Cast<T, float>(values))
            : Guard.FirstNonFinite(MemoryMarshal.Cast<T, double>(values));

    /// <summary>The index of the first NaN, or -1.</summary>
    public static int FirstNaN(ReadOnlySpan<T> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(Scalar<T>.ToDouble(values[i])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"NaN", "+Infinity" or "-Infinity" for the value at <paramref name="index"/>.</summary>
    public static string Describe(ReadOnlySpan<T> values, int index) => Guard.Describe(Scalar<T>.ToDouble(values[index]));

    /// <summary>The index of the largest value (the first one on ties; NaN never wins), 0 for an all-NaN span.</summary>
    public static int ArgMax(ReadOnlySpan<T> values)
    {
        int best = 0;
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> v = MemoryMarshal.Cast<T, float>(values);
            for (int i = 1; i < v.Length; i++)
            {
                if (v[i] > v[best] || (float.IsNaN(v[best]) && !float.IsNaN(v[i])))
                {
                    best = i;
                }
            }
        }
        else
        {
            ReadOnlySpan<double> v = MemoryMarshal.Cast<T, double>(values);
            for (int i = 1; i < v.Length; i++)
            {
                if (v[i] > v[best] || (double.IsNaN(v[best]) && !double.IsNaN(v[i])))
                {
                    best = i;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The predicted class of an output: argmax, or for a single output 1 when g &gt;= 0.5, else 0; -1 (no prediction)
    /// when any output is NaN, as after parameters diverged.
    /// </summary>
    public static int PredictedClass(ReadOnlySpan<T> output)
    {
        if (FirstNaN(output) >= 0)
        {
            return -1;
        }

        if (output.Length == 1)
        {
            return Scalar<T>.ToDouble(output[0]) >= 0.5 ? 1 : 0;
        }

        return ArgMax(output);
    }

    /// <summary>Writes the target of a class label: one-hot, or for a single output y = label (0 or 1).</summary>
    public static void OneHot(int label, Span<T> target)
    {
        target.Clear();
        if (target.Length == 1)
        {
            if (label == 1)
            {
                target[0] = Scalar<T>.One;
            }
        }
        else
        {
            target[label] = Scalar<T>.One;
        }
    }
}
