using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// The scalar functions generated networks call: the one place where each activation's math is written.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetMath
{
    /// <summary>e^x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
#if NETSTANDARD2_0
        return (float)Math.Exp(x);
#else
        return MathF.Exp(x);
#endif
    }

    /// <summary>e^x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>Natural logarithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x)
    {
#if NETSTANDARD2_0
        return (float)Math.Log(x);
#else
        return MathF.Log(x);
#endif
    }

    /// <summary>Natural logarithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Math.Log(x);

    /// <summary>Logistic function 1 / (1 + e^-z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => 1f / (1f + Exp(-z));

    /// <summary>Logistic function 1 / (1 + e^-z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => 1d / (1d + Math.Exp(-z));

    /// <summary>
    /// Hyperbolic tangent through one exponential: tanh z = sign(z) (1 − e^−2|z|) / (1 + e^−2|z|), and
    /// z (1 − z²/3) near 0 where that form would cancel. Absolute error below 1e-7, several times faster than
    /// MathF.Tanh (the exponential dominates small networks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z)
    {
        float magnitude = Math.Abs(z);
        if (magnitude < TanhSeriesLimit)
        {
            return z * (1f - (z * z * (1f / 3f)));
        }

        float t = Exp(-2f * magnitude);
        float m = (1f - t) / (1f + t);
        return z < 0f ? -m : m;
    }

    /// <summary>Below this |z|, tanh z = z (1 − z²/3) to float precision (the next term is 2z⁵/15).</summary>
    internal const float TanhSeriesLimit = 0.004f;

    /// <summary>Hyperbolic tangent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => Math.Tanh(z);

    /// <summary>max(0, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => z > 0f ? z : 0f;

    /// <summary>max(0, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => z > 0d ? z : 0d;

    /// <summary>The larger of two values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float x, float y) => x > y ? x : y;

    /// <summary>The larger of two values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double x, double y) => x > y ? x : y;

    /// <summary>
    /// softplus(z) = ln(1 + e^z), computed without overflow as max(z, 0) + ln(1 + e^-|z|).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => (float)Softplus((double)z);

    /// <summary>softplus(z) = ln(1 + e^z), computed without overflow as max(z, 0) + ln(1 + e^-|z|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z) => (z > 0d ? z : 0d) + Log1p(Math.Exp(-Math.Abs(z)));

    /// <summary>
    /// The binary cross-entropy of one sigmoid unit from its pre-activation z and target y:
    /// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − y z + ln(1 + e^−|z|), which neither overflows nor loses the
    /// small losses of confident, correct outputs (z = 100, y = 1 gives 3.7e-44, not 0). Evaluated in double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidCrossEntropy(float z, float y) => (float)SigmoidCrossEntropy((double)z, y);

    /// <summary>The binary cross-entropy of one sigmoid unit: max(z, 0) − y z + ln(1 + e^−|z|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidCrossEntropy(double z, double y) =>
        ((z > 0d ? z : 0d) - (y * z)) + Log1p(Math.Exp(-Math.Abs(z)));

    /// <summary>ln(1 + x) for x ≥ 0, accurate for tiny x (netstandard2.0 has no Math.Log1p).</summary>
    private static double Log1p(double x) =>
        x < 1e-4 ? x * (1d - (x * (0.5d - (x / 3d)))) : Math.Log(1d + x);
}
