using System;
using System.Runtime.CompilerServices;

namespace NetGen.__Internals;

/// <summary>
/// Conversions between a network's element type (float or double) and double, for the generic helpers and kernels.
/// The typeof tests fold away in each instantiation, so a conversion costs nothing at run time.
/// </summary>
internal static class Scalar<T>
    where T : unmanaged
{
    /// <summary>The value 1 as T.</summary>
    public static readonly T One = FromDouble(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(T value)
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T, float>(ref value);
        }

        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<T, double>(ref value);
        }

        throw NotSupported();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromDouble(double value)
    {
        if (typeof(T) == typeof(float))
        {
            float f = (float)value;
            return Unsafe.As<float, T>(ref f);
        }

        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<double, T>(ref value);
        }

        throw NotSupported();
    }

    private static NotSupportedException NotSupported() =>
        new("NetGen networks use float or double, not " + typeof(T).Name + ".");
}
