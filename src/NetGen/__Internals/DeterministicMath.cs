using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// The scalar functions of <c>[Network(..., Deterministic = true)]</c> networks: the same names and meanings as
/// <see cref="NetMath"/>, computed by NetGen's own code from IEEE 754 basic operations (+, −, ×, ÷, comparisons and
/// exact scalings by powers of two) in one fixed order, never through <c>Math</c>/<c>MathF</c> transcendental functions
/// or the platform's libm, and never with a fused multiply-add. So each result is the same bits on every CPU and
/// runtime that does IEEE arithmetic in the declared precision (x64 with or without AVX2/AVX-512, ARM64,
/// WebAssembly; the JIT and NativeAOT).
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
/// <remarks>
/// Float functions are computed in double and rounded once (so they are within about one float ulp of the true
/// value); double functions are within a few ulps (exp and log: Cody-Waite reduction and a polynomial, tested against
/// <c>Math</c> in tests/NetGen.Tests/Kernels/DeterministicMathTests.cs). NaN: ReLU, LeakyReLU, ELU and Max treat NaN
/// as "not greater", so ReLU(NaN) = 0, LeakyReLU(NaN) = ELU(NaN) = NaN and Max(x, NaN) = NaN, Max(NaN, y) = y, the
/// same on every platform because they are comparisons written here, not hardware min/max instructions.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DeterministicMath
{
    /// <summary>e^x, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => (float)Exp((double)x);

    /// <summary>
    /// e^x: x = k ln 2 + r with |r| ≤ ½ ln 2 (Cody-Waite: ln 2 in two parts, so k ln 2 is exact), e^r by its Taylor
    /// series to r¹³ (truncation below 5e-18), then exact scaling by 2^k.
    /// </summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > ExpOverflow)
        {
            return double.PositiveInfinity;
        }

        if (x < ExpUnderflow)
        {
            return 0d;
        }

        double k = Math.Floor((x * Log2E) + 0.5d);
        double r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        // e^r = Σ_{n=0..13} r^n/n!, by Horner's rule (one fixed order; the constants are the rounded 1/n!).
        double p = (1d / 6227020800d);
        p = (p * r) + (1d / 479001600d);
        p = (p * r) + (1d / 39916800d);
        p = (p * r) + (1d / 3628800d);
        p = (p * r) + (1d / 362880d);
        p = (p * r) + (1d / 40320d);
        p = (p * r) + (1d / 5040d);
        p = (p * r) + (1d / 720d);
        p = (p * r) + (1d / 120d);
        p = (p * r) + (1d / 24d);
        p = (p * r) + (1d / 6d);
        p = (p * r) + (1d / 2d);
        p = (p * r) + 1d;
        p = (p * r) + 1d;
        return ScaleByPowerOfTwo(p, (int)k);
    }

    /// <summary>e^x − 1, accurate for small |x| (its Taylor series below ½ ln 2, <see cref="Exp(double)"/> − 1 above).</summary>
    public static double ExpMinusOne(double x)
    {
        if (!(Math.Abs(x) < HalfLn2))
        {
            return double.IsNaN(x) ? x : Exp(x) - 1d;
        }

        // (e^x − 1)/x = Σ_{n=0..13} x^n/(n+1)!, by Horner's rule.
        double q = (1d / 87178291200d);
        q = (q * x) + (1d / 6227020800d);
        q = (q * x) + (1d / 479001600d);
        q = (q * x) + (1d / 39916800d);
        q = (q * x) + (1d / 3628800d);
        q = (q * x) + (1d / 362880d);
        q = (q * x) + (1d / 40320d);
        q = (q * x) + (1d / 5040d);
        q = (q * x) + (1d / 720d);
        q = (q * x) + (1d / 120d);
        q = (q * x) + (1d / 24d);
        q = (q * x) + (1d / 6d);
        q = (q * x) + (1d / 2d);
        q = (q * x) + 1d;
        return x * q;
    }

    /// <summary>Natural logarithm, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => (float)Log((double)x);

    /// <summary>
    /// Natural logarithm: x = m 2^e with √½ ≤ m &lt; √2, ln m = 2 atanh s with s = (m − 1)/(m + 1) (|s| ≤ 0.172, the
    /// odd series to s²³), plus e ln 2 in two parts. ln 0 = −∞, ln of a negative number or NaN is NaN, ln ∞ = ∞.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0d))
        {
            return x == 0d ? double.NegativeInfinity : double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = 0;
        if (bits < 0x0010000000000000L)
        {
            // Subnormal: make it normal first (an exact scaling).
            bits = BitConverter.DoubleToInt64Bits(x * TwoTo54);
            e = -54;
        }

        e += (int)(bits >> 52) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > Sqrt2)
        {
            m *= 0.5d;
            e++;
        }

        double f = m - 1d;
        double s = f / (2d + f);
        double s2 = s * s;
        // atanh(s)/s − 1 = s²/3 + s⁴/5 + … + s²²/23, by Horner's rule in s².
        double t = (1d / 23d);
        t = (t * s2) + (1d / 21d);
        t = (t * s2) + (1d / 19d);
        t = (t * s2) + (1d / 17d);
        t = (t * s2) + (1d / 15d);
        t = (t * s2) + (1d / 13d);
        t = (t * s2) + (1d / 11d);
        t = (t * s2) + (1d / 9d);
        t = (t * s2) + (1d / 7d);
        t = (t * s2) + (1d / 5d);
        t = (t * s2) + (1d / 3d);
        double series = s2 * t;
        double twoS = 2d * s;
        return (e * Ln2Hi) + (twoS + ((twoS * series) + (e * Ln2Lo)));
    }

    /// <summary>ln(1 + x) for x ≥ −1, accurate for tiny x: u = 1 + x, then ln u · x / (u − 1) (the rounding of u cancels).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1d + x;
        if (u == 1d)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) ? u : Log(u) * x / (u - 1d);
    }

    /// <summary>bⁿ for n ≥ 0 by repeated squaring (relative error at most about n units of 2⁻⁵³), the same bits everywhere.</summary>
    public static double Power(double b, long n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The exponent must be 0 or more.");
        }

        double result = 1d;
        double square = b;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= square;
            }

            n >>= 1;
            if (n > 0)
            {
                square *= square;
            }
        }

        return result;
    }

    /// <summary>
    /// cos(π x) for 0 ≤ x ≤ 1 (the cosine learning-rate schedule): −sin(θ) with θ = π (x − ½) in [−π/2, π/2], by the
    /// Taylor series of sin to θ²³ (truncation below 1e-17).
    /// </summary>
    internal static double CosPi(double x)
    {
        double theta = Math.PI * (x - 0.5d);
        double t2 = theta * theta;
        // sin θ/θ = Σ_{n=0..11} (−1)^n θ^(2n)/(2n+1)!, by Horner's rule in θ².
        double q = (-1d / 25852016738884976640000d);
        q = (q * t2) + (1d / 51090942171709440000d);
        q = (q * t2) + (-1d / 121645100408832000d);
        q = (q * t2) + (1d / 355687428096000d);
        q = (q * t2) + (-1d / 1307674368000d);
        q = (q * t2) + (1d / 6227020800d);
        q = (q * t2) + (-1d / 39916800d);
        q = (q * t2) + (1d / 362880d);
        q = (q * t2) + (-1d / 5040d);
        q = (q * t2) + (1d / 120d);
        q = (q * t2) + (-1d / 6d);
        q = (q * t2) + 1d;
        double sin = theta * q;
        return -sin;
    }

    /// <summary>Logistic function 1 / (1 + e^-z), computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => (float)Sigmoid((double)z);

    /// <summary>Logistic function 1 / (1 + e^-z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => 1d / (1d + Exp(-z));

    /// <summary>Hyperbolic tangent, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => (float)Tanh((double)z);

    /// <summary>Hyperbolic tangent: t / (t + 2) with t = e^(2|z|) − 1, signed; ±1 beyond |z| = 22.</summary>
    public static double Tanh(double z)
    {
        double magnitude = Math.Abs(z);
        double m;
        if (magnitude > 22d)
        {
            m = 1d;
        }
        else
        {
            double t = ExpMinusOne(2d * magnitude);
            m = t / (t + 2d);
        }

        return double.IsNaN(z) ? z : z < 0d ? -m : m;
    }

    /// <summary>m · 2^k, exact unless the result is subnormal (then rounded once); k may be −1075..1024.</summary>
    private static double ScaleByPowerOfTwo(double m, int k)
    {
        if (k > 1023)
        {
            return m * PowerOfTwo(1023) * PowerOfTwo(k - 1023);
        }

        if (k < -1022)
        {
            // Two steps, so that only the last multiplication can round (into the subnormal range).
            return m * PowerOfTwo(-1022 + 54) * PowerOfTwo(k + 1022 - 54);
        }

        return m * PowerOfTwo(k);
    }

    /// <summary>2^k for −1022 ≤ k ≤ 1023, from its bits.</summary>
    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);

    private const double Log2E = 1.4426950408889634;

    // ln 2 = Ln2Hi + Ln2Lo, Ln2Hi with its last 32 bits zero so that k · Ln2Hi is exact for |k| < 2^20 (fdlibm's split).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double HalfLn2 = 0.34657359027997264;
    private const double Sqrt2 = 1.4142135623730951;
    private const double TwoTo54 = 18014398509481984d;

    // Beyond these, e^x is ∞ or 0 in double.
    private const double ExpOverflow = 709.782712893384;
    private const double ExpUnderflow = -745.1332191019412;
}
