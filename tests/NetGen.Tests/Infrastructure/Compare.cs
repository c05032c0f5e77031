using System;
using System.Globalization;
using Xunit;

namespace NetGen.Tests;

/// <summary>Tolerance comparisons that report where two vectors differ.</summary>
internal static class Compare
{
    /// <summary>
    /// max_i |actual_i - expected_i| / max(max_i |expected_i|, floor): the error relative to the vector's scale, so
    /// entries much smaller than the largest one are not held to a tighter standard than the rounding of the largest.
    /// </summary>
    public static double RelativeDifference(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double floor = 1e-300)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = floor;
        double diff = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            diff = Math.Max(diff, double.IsNaN(actual[i]) || double.IsNaN(expected[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]));
        }

        return diff / scale;
    }

    /// <summary>Asserts <see cref="RelativeDifference"/> is at most <paramref name="tolerance"/>; returns it.</summary>
    public static double Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what, double floor = 1e-300)
    {
        double error = RelativeDifference(actual, expected, floor);
        if (!(error <= tolerance))
        {
            int worst = 0;
            for (int i = 1; i < expected.Length; i++)
            {
                if (Math.Abs(actual[i] - expected[i]) > Math.Abs(actual[worst] - expected[worst]) || double.IsNaN(actual[i]))
                {
                    worst = i;
                }
            }

            Assert.Fail(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: relative difference {1:E3} > {2:E1}; worst at index {3}: expected {4:R}, actual {5:R}",
                what,
                error,
                tolerance,
                worst,
                expected[worst],
                actual[worst]));
        }

        return error;
    }

    /// <summary>Scalar version: |actual - expected| / max(|expected|, floor).</summary>
    public static double Close(double expected, double actual, double tolerance, string what, double floor = 1e-300) =>
        Close(new[] { expected }, new[] { actual }, tolerance, what, floor);

    /// <summary>Whether the two spans hold the same bits.</summary>
    public static bool Bitwise<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));

    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
