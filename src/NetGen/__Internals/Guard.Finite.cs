using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.__Internals;

/// <summary>
/// The non-finite checks of generated code and the optimizers: what a caller passes to a member that changes
/// parameters or gradients must be finite, so that one NaN or infinity cannot silently spread into every weight.
/// Each check runs before anything is written and throws naming the value at fault.
/// </summary>
public static partial class Guard
{
    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> unless
    /// <paramref name="value"/> is finite and at least 0 (a learning rate or an L2 coefficient).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(float value, string paramName)
    {
        // value - value is 0 for every finite value and NaN for NaN and ±∞; !(x >= 0) also catches NaN.
        if (!(value >= 0f) || value - value != 0f)
        {
            ThrowNonNegative(value, paramName);
        }
    }

    /// <inheritdoc cref="NonNegative(float, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(double value, string paramName)
    {
        if (!(value >= 0d) || value - value != 0d)
        {
            ThrowNonNegative(value, paramName);
        }
    }

    /// <summary>
    /// One example's input and target, checked in one call (the per-example members' check: one call instead of two
    /// in the hot path); throws as <see cref="Finite(ReadOnlySpan{float}, int, string)"/> does, naming <c>input</c> or <c>target</c>.
    /// </summary>
    public static void FiniteExample(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        Finite(input, input.Length, "input");
        Finite(target, target.Length, "target");
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/>, the row and the column when a value
    /// of the [rows, <paramref name="width"/>] matrix <paramref name="values"/> is NaN or infinite.
    /// </summary>
    public static void Finite(ReadOnlySpan<float> values, int width, string paramName)
    {
        if (FirstNonFinite(values) is int i && i >= 0)
        {
            ThrowNonFinite(paramName, values.Length, width, i, values[i]);
        }
    }

    /// <summary>
    /// One example's input and target, checked in one call (the per-example members' check: one call instead of two
    /// in the hot path); throws as <see cref="Finite(ReadOnlySpan{double}, int, string)"/> does, naming <c>input</c> or <c>target</c>.
    /// </summary>
    public static void FiniteExample(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        Finite(input, input.Length, "input");
        Finite(target, target.Length, "target");
    }

    /// <inheritdoc cref="Finite(ReadOnlySpan{float}, int, string)"/>
    public static void Finite(ReadOnlySpan<double> values, int width, string paramName)
    {
        if (FirstNonFinite(values) is int i && i >= 0)
        {
            ThrowNonFinite(paramName, values.Length, width, i, values[i]);
        }
    }

    /// <summary>
    /// Throws <see cref="ArithmeticException"/> when the loss of finite inputs and targets came out NaN or infinite
    /// (the forward pass overflowed), before backpropagation writes anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteLoss(float loss)
    {
        if (loss - loss != 0f)
        {
            ThrowLoss(loss);
        }
    }

    /// <inheritdoc cref="FiniteLoss(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteLoss(double loss)
    {
        if (loss - loss != 0d)
        {
            ThrowLoss(loss);
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when a gradient about to be applied is NaN or infinite; the
    /// parameters and the gradients are left as they are.
    /// </summary>
    public static void FiniteGradients(ReadOnlySpan<float> gradients)
    {
        if (FirstNonFinite(gradients) is int i && i >= 0)
        {
            ThrowGradients(i, gradients[i]);
        }
    }

    /// <inheritdoc cref="FiniteGradients(ReadOnlySpan{float})"/>
    public static void FiniteGradients(ReadOnlySpan<double> gradients)
    {
        if (FirstNonFinite(gradients) is int i && i >= 0)
        {
            ThrowGradients(i, gradients[i]);
        }
    }

    /// <summary>The index of the first NaN or infinite value, or -1: x − x is 0 exactly when x is finite.</summary>
    [MethodImpl(Kernels.Optimized)]
    internal static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            Vector<float> sum = Vector<float>.Zero;
            for (int v = 0; v < vectors.Length; v++)
            {
                sum += vectors[v] - vectors[v];
            }

            if (!Vector.EqualsAll(sum, Vector<float>.Zero))
            {
                return Scan(values, 0);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        return Scan(values, i);
    }

    /// <inheritdoc cref="FirstNonFinite(ReadOnlySpan{float})"/>
    [MethodImpl(Kernels.Optimized)]
    internal static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            Vector<double> sum = Vector<double>.Zero;
            for (int v = 0; v < vectors.Length; v++)
            {
                sum += vectors[v] - vectors[v];
            }

            if (!Vector.EqualsAll(sum, Vector<double>.Zero))
            {
                return Scan(values, 0);
            }

            i = vectors.Length * Vector<double>.Count;
        }

        return Scan(values, i);
    }

    private static int Scan(ReadOnlySpan<float> values, int from)
    {
        for (int i = from; i < values.Length; i++)
        {
            if (values[i] - values[i] != 0f)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Scan(ReadOnlySpan<double> values, int from)
    {
        for (int i = from; i < values.Length; i++)
        {
            if (values[i] - values[i] != 0d)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"NaN", "+Infinity" or "-Infinity".</summary>
    internal static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNonNegative(double value, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            value,
            string.Format(CultureInfo.InvariantCulture, "'{0}' must be finite and at least 0 but is {1}. Nothing was changed.", paramName, value.ToString("R", CultureInfo.InvariantCulture)));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNonFinite(string paramName, int length, int width, int index, double value)
    {
        string where = length == width
            ? string.Format(CultureInfo.InvariantCulture, "'{0}'[{1}]", paramName, index)
            : string.Format(CultureInfo.InvariantCulture, "'{0}' row {1}, column {2}", paramName, index / width, index % width);
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "{0} is {1}; every value must be finite. Nothing was changed: parameters and gradients are as they were.", where, Describe(value)),
            paramName);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLoss(double loss) =>
        throw new ArithmeticException(
            "The loss of this example is " + Describe(loss) + " although the inputs and targets are finite: the forward pass overflowed "
            + "(parameters or inputs too large for the element type, or a learning rate that made the parameters diverge). "
            + "Nothing was changed: parameters and gradients are as they were before this call.");

    /// <summary>
    /// The check of <c>TrainSequence</c> for example <paramref name="example"/> (0-based): throws
    /// <see cref="ArithmeticException"/> naming the example when its loss is NaN or infinite; the steps of the examples
    /// before it have been taken, nothing of this one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteSequenceLoss(double loss, int example)
    {
        if (loss - loss != 0d)
        {
            ThrowSequenceLoss(loss, example);
        }
    }

    /// <summary>
    /// The exception of <c>TrainSequence</c> when example <paramref name="example"/>'s TrainStep refused its overflowed
    /// loss (<paramref name="inner"/>): the steps of the examples before it were taken, that example changed nothing.
    /// </summary>
    public static ArithmeticException SequenceLoss(int example, ArithmeticException inner) =>
        new(
            string.Format(
                CultureInfo.InvariantCulture,
                "The loss of example {0} overflowed to NaN or infinity although the inputs and targets are finite (parameters or inputs too large for the element type, or a learning rate that made the parameters diverge). {1}",
                example,
                SequenceKept(example)),
            inner);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSequenceLoss(double loss, int example) =>
        throw new ArithmeticException(string.Format(
            CultureInfo.InvariantCulture,
            "The loss of example {0} is {1} although the inputs and targets are finite: the forward pass overflowed (parameters or inputs too large for the element type, or a learning rate that made the parameters diverge). {2}",
            example,
            Describe(loss),
            SequenceKept(example)));

    /// <summary>What a TrainSequence stopped at <paramref name="example"/> kept: the steps before it, nothing of it.</summary>
    private static string SequenceKept(int example) =>
        example == 0
            ? "Nothing was changed: parameters and gradients are as they were before this call."
            : string.Format(CultureInfo.InvariantCulture, "The steps of examples 0 to {0} were taken, as TrainStep calls one example at a time would have; example {1} changed nothing.", example - 1, example);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradients(int index, double value) =>
        throw new InvalidOperationException(
            string.Format(CultureInfo.InvariantCulture, "Gradients[{0}] is {1}; applying it would make parameters non-finite. Nothing was changed: parameters and gradients are as they were (call ZeroGradients() to discard them).", index, Describe(value)));
}
