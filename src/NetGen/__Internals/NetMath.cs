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

    /// <summary>The slope of <see cref="LeakyReLU(double)"/> below 0 (PyTorch's default negative_slope).</summary>
    internal const double LeakyReLUSlope = 0.01;

    /// <summary>LeakyReLU: z if z &gt; 0, else 0.01 z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z) => z > 0f ? z : 0.01f * z;

    /// <summary>LeakyReLU: z if z &gt; 0, else 0.01 z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z) => z > 0d ? z : LeakyReLUSlope * z;

    /// <summary>ELU with α = 1: z if z &gt; 0, else e^z − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z) => z > 0f ? z : (float)ExpMinusOne(z);

    /// <summary>ELU with α = 1: z if z &gt; 0, else e^z − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELU(double z) => z > 0d ? z : ExpMinusOne(z);

    /// <summary>SiLU (swish): z σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => z * Sigmoid(z);

    /// <summary>SiLU (swish): z σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLU(double z) => z * Sigmoid(z);

    /// <summary>SiLU'(z) = σ(z) (1 + z (1 − σ(z))), finite for every finite z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUDerivative(float z)
    {
        float s = Sigmoid(z);
        return s * (1f + (z * (1f - s)));
    }

    /// <summary>SiLU'(z) = σ(z) (1 + z (1 − σ(z))), finite for every finite z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLUDerivative(double z)
    {
        double s = Sigmoid(z);
        return s * (1d + (z * (1d - s)));
    }

    /// <summary>√(2/π), the scale inside the tanh approximation of GELU.</summary>
    internal const double GeluScale = 0.7978845608028654;

    /// <summary>The cubic coefficient of the tanh approximation of GELU.</summary>
    internal const double GeluCubic = 0.044715;

    /// <summary>
    /// Beyond this |z| the tanh of the GELU approximation is ±1 in double (tanh(43.7)), so GELU(z) is z or 0 and its
    /// derivative 1 or 0 exactly; returning them directly keeps z³ from overflowing into 0 × ∞.
    /// </summary>
    internal const double GeluSaturation = 10d;

    /// <summary>
    /// GELU in the tanh approximation (PyTorch's approximate='tanh'): ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))).
    /// Evaluated in double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => (float)GELU((double)z);

    /// <summary>GELU in the tanh approximation: ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))).</summary>
    public static double GELU(double z)
    {
        if (Math.Abs(z) > GeluSaturation)
        {
            return z > 0d ? z : 0d;
        }

        double t = Math.Tanh(GeluScale * (z + (GeluCubic * z * z * z)));
        return 0.5d * z * (1d + t);
    }

    /// <summary>The derivative of <see cref="GELU(double)"/>. Evaluated in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUDerivative(float z) => (float)GELUDerivative((double)z);

    /// <summary>
    /// The derivative of the tanh approximation of GELU: ½ (1 + t) + ½ z (1 − t²) √(2/π) (1 + 3 · 0.044715 z²), with
    /// t = tanh(√(2/π) (z + 0.044715 z³)).
    /// </summary>
    public static double GELUDerivative(double z)
    {
        if (Math.Abs(z) > GeluSaturation)
        {
            return z > 0d ? 1d : 0d;
        }

        double t = Math.Tanh(GeluScale * (z + (GeluCubic * z * z * z)));
        return (0.5d * (1d + t)) + (0.5d * z * (1d - (t * t)) * GeluScale * (1d + (3d * GeluCubic * z * z)));
    }

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

    /// <summary>The Huber term with δ = 1 (smooth L1) of an error e = g − y: ½ e² if |e| ≤ 1, else |e| − ½.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Huber(float e)
    {
        float m = Math.Abs(e);
        return m <= 1f ? 0.5f * e * e : m - 0.5f;
    }

    /// <summary>The Huber term with δ = 1 (smooth L1) of an error e = g − y: ½ e² if |e| ≤ 1, else |e| − ½.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Huber(double e)
    {
        double m = Math.Abs(e);
        return m <= 1d ? 0.5d * e * e : m - 0.5d;
    }

    /// <summary>The derivative of <see cref="Huber(float)"/>: e clamped to [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HuberGradient(float e) => e > 1f ? 1f : e < -1f ? -1f : e;

    /// <summary>The derivative of <see cref="Huber(double)"/>: e clamped to [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double HuberGradient(double e) => e > 1d ? 1d : e < -1d ? -1d : e;

    /// <summary>|e|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float e) => Math.Abs(e);

    /// <summary>|e|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double e) => Math.Abs(e);

    /// <summary>The (sub)gradient of |e|: 1, −1, or 0 at e = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float e) => e > 0f ? 1f : e < 0f ? -1f : 0f;

    /// <summary>The (sub)gradient of |e|: 1, −1, or 0 at e = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double e) => e > 0d ? 1d : e < 0d ? -1d : 0d;

    /// <summary>f(z) for every elementwise activation (the kernels' scalar path).</summary>
    internal static double Apply(Activation f, double z) => f switch
    {
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Tanh(z),
        Activation.ReLU => ReLU(z),
        Activation.LeakyReLU => LeakyReLU(z),
        Activation.ELU => ELU(z),
        Activation.GELU => GELU(z),
        Activation.SiLU => SiLU(z),
        Activation.Softplus => Softplus(z),
        _ => z,
    };

    /// <summary>f(z) for every elementwise activation (the kernels' scalar path).</summary>
    internal static float Apply(Activation f, float z) => f switch
    {
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Tanh(z),
        Activation.ReLU => ReLU(z),
        Activation.LeakyReLU => LeakyReLU(z),
        Activation.ELU => ELU(z),
        Activation.GELU => GELU(z),
        Activation.SiLU => SiLU(z),
        Activation.Softplus => Softplus(z),
        _ => z,
    };

    /// <summary>f'(z) written through a = f(z), for the activations whose derivative a determines (not GELU, SiLU).</summary>
    internal static double DerivativeFromActivation(Activation f, double a) => f switch
    {
        Activation.Sigmoid => a * (1d - a),
        Activation.Tanh => 1d - (a * a),
        Activation.ReLU => a > 0d ? 1d : 0d,
        Activation.LeakyReLU => a > 0d ? 1d : LeakyReLUSlope,
        Activation.ELU => a > 0d ? 1d : a + 1d,
        Activation.Softplus => 1d - Math.Exp(-a),
        Activation.Identity => 1d,
        _ => throw new ArgumentException("The derivative of " + f + " needs z.", nameof(f)),
    };

    /// <summary>f'(z) from z, for every elementwise activation.</summary>
    internal static double DerivativeFromInput(Activation f, double z) => f switch
    {
        Activation.GELU => GELUDerivative(z),
        Activation.SiLU => SiLUDerivative(z),
        _ => DerivativeFromActivation(f, Apply(f, z)),
    };

    /// <summary>e^x − 1, accurate for tiny |x| (netstandard2.0 has no Math.ExpM1).</summary>
    private static double ExpMinusOne(double x) =>
        Math.Abs(x) < 1e-5 ? x * (1d + (x * (0.5d + (x / 6d)))) : Math.Exp(x) - 1d;

    /// <summary>ln(1 + x) for x ≥ 0, accurate for tiny x (netstandard2.0 has no Math.Log1p).</summary>
    private static double Log1p(double x) =>
        x < 1e-4 ? x * (1d - (x * (0.5d - (x / 3d)))) : Math.Log(1d + x);
}
