using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// Argument and value checks used by generated code.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Guard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string paramName)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="rows"/> ×
    /// <paramref name="width"/>, the product taken in 64 bits (so a product past <see cref="int.MaxValue"/> cannot wrap
    /// around to a length that passes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int rows, int width, string paramName)
    {
        if (actual != (long)rows * width)
        {
            ThrowLength(actual, rows, width, paramName);
        }
    }

    /// <summary>
    /// The largest number of elements one array may hold (.NET's <c>Array.MaxLength</c>, which netstandard2.0 lacks).
    /// </summary>
    public const int MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> and the batch size unless a workspace
    /// of <paramref name="m"/> × <paramref name="valuesPerExample"/> elements fits in one array. Generated batch members
    /// call it before they size their workspace, so that the product cannot wrap around in 32 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchCapacity(int m, int valuesPerExample, string paramName)
    {
        if ((long)m * valuesPerExample > MaxArrayLength)
        {
            ThrowBatchCapacity(m, valuesPerExample, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="batchSize"/> is at least 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchSize(int batchSize, string paramName)
    {
        if (batchSize < 1)
        {
            ThrowBatchSize(batchSize, paramName);
        }
    }

    /// <summary>
    /// The number of rows m of a row-major batch: throws <see cref="ArgumentException"/> unless
    /// <paramref name="length"/> is a positive multiple of <paramref name="width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows(int length, int width, string paramName)
    {
        if (length == 0 || length % width != 0)
        {
            ThrowRows(length, width, paramName);
        }

        return length / width;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRows(int length, int width, string paramName) =>
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "'{0}' must hold m >= 1 rows of {1} values (length m * {1}) but has length {2}.", paramName, width, length),
            paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int expected, string paramName) =>
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "'{0}' must have length {1} but has length {2}.", paramName, expected, actual),
            paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int rows, int width, string paramName) =>
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "'{0}' must have length {1} ({2} rows of {3} values) but has length {4}.", paramName, (long)rows * width, rows, width, actual),
            paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBatchCapacity(int m, int valuesPerExample, string paramName) =>
        throw new ArgumentException(
            string.Format(
                CultureInfo.InvariantCulture,
                "'{0}' holds a batch of m = {1} examples, but this network's batch workspace needs {2} values per example, and m * {2} = {3} is more than one array can hold ({4}). Pass batches of at most {5} examples.",
                paramName,
                m,
                valuesPerExample,
                (long)m * valuesPerExample,
                MaxArrayLength,
                MaxArrayLength / valuesPerExample),
            paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBatchSize(int batchSize, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, batchSize, "The batch size m must be at least 1.");
}
