using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>Argument checks used by generated code. Public for generated code; not meant to be called directly.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Guard
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
        private static void ThrowBatchSize(int batchSize, string paramName) =>
            throw new ArgumentOutOfRangeException(paramName, batchSize, "The batch size m must be at least 1.");
    }
}
