#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.__Internals;

// DeterministicMath's exp, sigmoid and tanh two lanes at a time (Vector128<double>: SSE2, AdvSimd, WebAssembly SIMD128),
// for the deterministic kernels' activations. Each lane runs exactly the scalar function's operations (the same
// reduction, the same Horner steps, the same scaling; a branch becomes a select between values computed the same
// way), so a lane's bits are the scalar function's bits. Lanes outside the range where the scalar function takes its
// ordinary path (overflow, underflow, NaN) send the whole pair back to the scalar function.
public static partial class DeterministicMath
{
    /// <summary>The inputs for which <see cref="Exp(double)"/> takes its ordinary path (2^k a normal power of two).</summary>
    private const double VectorExpLow = -708d;
    private const double VectorExpHigh = 709d;

    /// <summary>a = f(z) for f = Sigmoid or Tanh over whole pairs of z; returns how many it did (the rest is the caller's).</summary>
    internal static int ActivatePairs(ReadOnlySpan<double> z, Span<double> a, Activation f)
    {
        if (!Vector128.IsHardwareAccelerated || f is not (Activation.Sigmoid or Activation.Tanh))
        {
            return 0;
        }

        ref double rz = ref MemoryMarshal.GetReference(z);
        ref double ra = ref MemoryMarshal.GetReference(a);
        int i = 0;
        for (; i + 2 <= z.Length; i += 2)
        {
            Vector128<double> v = Vector128.LoadUnsafe(ref rz, (nuint)i);
            (f == Activation.Sigmoid ? Sigmoid(v) : Tanh(v)).StoreUnsafe(ref ra, (nuint)i);
        }

        return i;
    }

    /// <summary>a = f(z) for f = Sigmoid or Tanh over whole groups of 4 floats (each computed in double and rounded once).</summary>
    internal static int ActivateQuads(ReadOnlySpan<float> z, Span<float> a, Activation f)
    {
        if (!Vector128.IsHardwareAccelerated || f is not (Activation.Sigmoid or Activation.Tanh))
        {
            return 0;
        }

        ref float rz = ref MemoryMarshal.GetReference(z);
        ref float ra = ref MemoryMarshal.GetReference(a);
        int i = 0;
        for (; i + 4 <= z.Length; i += 4)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref rz, (nuint)i);
            Vector128<double> lo = Vector128.WidenLower(v), hi = Vector128.WidenUpper(v);
            (lo, hi) = f == Activation.Sigmoid ? (Sigmoid(lo), Sigmoid(hi)) : (Tanh(lo), Tanh(hi));
            Vector128.Narrow(lo, hi).StoreUnsafe(ref ra, (nuint)i);
        }

        return i;
    }

    /// <summary><see cref="Sigmoid(double)"/> lane by lane.</summary>
    internal static Vector128<double> Sigmoid(Vector128<double> z) => Vector128<double>.One / (Vector128<double>.One + Exp(-z));

    /// <summary><see cref="Tanh(double)"/> lane by lane.</summary>
    internal static Vector128<double> Tanh(Vector128<double> z)
    {
        if (!Vector128.EqualsAll(z, z))
        {
            return Vector128.Create(Tanh(z.GetElement(0)), Tanh(z.GetElement(1)));
        }

        Vector128<double> magnitude = Vector128.Abs(z);
        Vector128<double> saturated = Vector128.GreaterThan(magnitude, Vector128.Create(22d));
        Vector128<double> t = ExpMinusOne(Vector128.Min(2d * magnitude, Vector128.Create(44d)));
        Vector128<double> m = Vector128.ConditionalSelect(saturated, Vector128<double>.One, t / (t + Vector128.Create(2d)));
        return Vector128.ConditionalSelect(Vector128.LessThan(z, Vector128<double>.Zero), -m, m);
    }

    /// <summary><see cref="ExpMinusOne(double)"/> lane by lane, for lanes in [−708, 709] (others: the scalar function).</summary>
    internal static Vector128<double> ExpMinusOne(Vector128<double> x)
    {
        Vector128<double> small = Vector128.LessThan(Vector128.Abs(x), Vector128.Create(HalfLn2));
        Vector128<double> q = Vector128.Create(1d / 87178291200d);
        q = (q * x) + Vector128.Create(1d / 6227020800d);
        q = (q * x) + Vector128.Create(1d / 479001600d);
        q = (q * x) + Vector128.Create(1d / 39916800d);
        q = (q * x) + Vector128.Create(1d / 3628800d);
        q = (q * x) + Vector128.Create(1d / 362880d);
        q = (q * x) + Vector128.Create(1d / 40320d);
        q = (q * x) + Vector128.Create(1d / 5040d);
        q = (q * x) + Vector128.Create(1d / 720d);
        q = (q * x) + Vector128.Create(1d / 120d);
        q = (q * x) + Vector128.Create(1d / 24d);
        q = (q * x) + Vector128.Create(1d / 6d);
        q = (q * x) + Vector128.Create(1d / 2d);
        q = (q * x) + Vector128<double>.One;
        return Vector128.ConditionalSelect(small, x * q, Exp(x) - Vector128<double>.One);
    }

    /// <summary><see cref="Exp(double)"/> lane by lane.</summary>
    internal static Vector128<double> Exp(Vector128<double> x)
    {
        if (!(Vector128.GreaterThanOrEqualAll(x, Vector128.Create(VectorExpLow)) && Vector128.LessThanOrEqualAll(x, Vector128.Create(VectorExpHigh))))
        {
            return Vector128.Create(Exp(x.GetElement(0)), Exp(x.GetElement(1)));
        }

        Vector128<double> k = Vector128.Floor((x * Vector128.Create(Log2E)) + Vector128.Create(0.5d));
        Vector128<double> r = (x - (k * Vector128.Create(Ln2Hi))) - (k * Vector128.Create(Ln2Lo));
        Vector128<double> p = Vector128.Create(1d / 6227020800d);
        p = (p * r) + Vector128.Create(1d / 479001600d);
        p = (p * r) + Vector128.Create(1d / 39916800d);
        p = (p * r) + Vector128.Create(1d / 3628800d);
        p = (p * r) + Vector128.Create(1d / 362880d);
        p = (p * r) + Vector128.Create(1d / 40320d);
        p = (p * r) + Vector128.Create(1d / 5040d);
        p = (p * r) + Vector128.Create(1d / 720d);
        p = (p * r) + Vector128.Create(1d / 120d);
        p = (p * r) + Vector128.Create(1d / 24d);
        p = (p * r) + Vector128.Create(1d / 6d);
        p = (p * r) + Vector128.Create(1d / 2d);
        p = (p * r) + Vector128<double>.One;
        p = (p * r) + Vector128<double>.One;

        // 2^k from its bits: 2^52 + 1023 + k is a double whose low bits are the integer 1023 + k (1 ≤ 1023 + k ≤ 2046
        // here), which shifted into the exponent field is 2^k, the scalar PowerOfTwo(k) exactly.
        Vector128<long> biased = (k + Vector128.Create(4503599627371519d)).AsInt64();
        Vector128<double> scale = Vector128.ShiftLeft(biased, 52).AsDouble();
        return p * scale;
    }
}
#endif
