using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.__Internals;

/// <summary>
/// Generic arithmetic on a network's element type (float or double) inside the runtime, without generic math
/// (netstandard2.0) and without per-element delegates: conversions to and from double, +, −, ×, the multiply-add
/// the kernels' scalar tails use, and the span helpers of training and evaluation (finiteness, argmax, classes).
/// The typeof tests fold away in each instantiation, so none of it costs anything at run time. Internal: generated
/// code never calls it (it calls <see cref="NetMath"/> and <see cref="Kernels"/>).
/// </summary>
internal static class Scalar<T>
    where T : unmanaged
{
    /// <summary>The value 1 as T.</summary>
    public static readonly T One = FromDouble(1);

    /// <summary>The value as double (exact for float).</summary>
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

    /// <summary>The value as T (rounded to nearest for float).</summary>
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

    /// <summary>Scalar a · b + c, fused exactly when the kernels' vector multiply-add (FMA and a 256-bit <see cref="Vector{T}"/>) is, so the same element gives the same bits on either path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MulAdd(T a, T b, T c)
    {
#if NET8_0_OR_GREATER
        if (Fma.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            if (typeof(T) == typeof(float))
            {
                float r = MathF.FusedMultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
                return Unsafe.As<float, T>(ref r);
            }

            double d = Math.FusedMultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref d);
        }
#endif
        return Add(Mul(a, b), c);
    }

    /// <summary>x + y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T x, T y)
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) + Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) + Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
    }

    /// <summary>x − y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sub(T x, T y)
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) - Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) - Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
    }

    /// <summary>x · y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Mul(T x, T y)
    {
        if (typeof(T) == typeof(float))
        {
            float r = Unsafe.As<T, float>(ref x) * Unsafe.As<T, float>(ref y);
            return Unsafe.As<float, T>(ref r);
        }

        double d = Unsafe.As<T, double>(ref x) * Unsafe.As<T, double>(ref y);
        return Unsafe.As<double, T>(ref d);
    }

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
            if (double.IsNaN(ToDouble(values[i])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"NaN", "+Infinity" or "-Infinity" for the value at <paramref name="index"/>.</summary>
    public static string Describe(ReadOnlySpan<T> values, int index) => Guard.Describe(ToDouble(values[index]));

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
            return ToDouble(output[0]) >= 0.5 ? 1 : 0;
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
                target[0] = One;
            }
        }
        else
        {
            target[label] = One;
        }
    }

    private static NotSupportedException NotSupported() =>
        new("NetGen networks use float or double, not " + typeof(T).Name + ".");
}
