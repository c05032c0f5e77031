using System;
using System.Runtime.CompilerServices;

namespace NetGen.__Internals;

// DeterministicMath's activations, their derivatives and the loss terms: the same names and formulas as NetMath's,
// through this class's exp, log and tanh (DeterministicMath.cs).
public static partial class DeterministicMath
{
    /// <summary>max(0, z); 0 for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => z > 0f ? z : 0f;

    /// <summary>max(0, z); 0 for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => z > 0d ? z : 0d;

    /// <summary>x if x &gt; y, else y (so NaN in y wins, NaN in x loses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float x, float y) => x > y ? x : y;

    /// <summary>x if x &gt; y, else y (so NaN in y wins, NaN in x loses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double x, double y) => x > y ? x : y;

    /// <summary>softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|), computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => (float)Softplus((double)z);

    /// <summary>softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z) => (z > 0d ? z : 0d) + LogOnePlus(Exp(-Math.Abs(z)));

    /// <summary>LeakyReLU: z if z &gt; 0, else 0.01 z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z) => z > 0f ? z : 0.01f * z;

    /// <summary>LeakyReLU: z if z &gt; 0, else 0.01 z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z) => z > 0d ? z : NetMath.LeakyReLUSlope * z;

    /// <summary>ELU with α = 1: z if z &gt; 0, else e^z − 1 (computed in double and rounded once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z) => z > 0f ? z : (float)ExpMinusOne(z);

    /// <summary>ELU with α = 1: z if z &gt; 0, else e^z − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELU(double z) => z > 0d ? z : ExpMinusOne(z);

    /// <summary>SiLU (swish): z σ(z), computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => (float)SiLU((double)z);

    /// <summary>SiLU (swish): z σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLU(double z) => z * Sigmoid(z);

    /// <summary>SiLU'(z) = σ(z) (1 + z (1 − σ(z))), computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUDerivative(float z) => (float)SiLUDerivative((double)z);

    /// <summary>SiLU'(z) = σ(z) (1 + z (1 − σ(z))).</summary>
    public static double SiLUDerivative(double z)
    {
        double s = Sigmoid(z);
        return s * (1d + (z * (1d - s)));
    }

    /// <summary>GELU in the tanh approximation, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => (float)GELU((double)z);

    /// <summary>GELU in the tanh approximation (PyTorch's approximate='tanh'): ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))).</summary>
    public static double GELU(double z)
    {
        if (Math.Abs(z) > NetMath.GeluSaturation)
        {
            return z > 0d ? z : 0d;
        }

        double t = Tanh(NetMath.GeluScale * (z + (NetMath.GeluCubic * z * z * z)));
        return 0.5d * z * (1d + t);
    }

    /// <summary>The derivative of <see cref="GELU(double)"/>, computed in double and rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUDerivative(float z) => (float)GELUDerivative((double)z);

    /// <summary>½ (1 + t) + ½ z (1 − t²) √(2/π) (1 + 3 · 0.044715 z²), t = tanh(√(2/π) (z + 0.044715 z³)).</summary>
    public static double GELUDerivative(double z)
    {
        if (Math.Abs(z) > NetMath.GeluSaturation)
        {
            return z > 0d ? 1d : 0d;
        }

        double t = Tanh(NetMath.GeluScale * (z + (NetMath.GeluCubic * z * z * z)));
        return (0.5d * (1d + t)) + (0.5d * z * (1d - (t * t)) * NetMath.GeluScale * (1d + (3d * NetMath.GeluCubic * z * z)));
    }

    /// <summary>The binary cross-entropy of one sigmoid unit, max(z, 0) − y z + ln(1 + e^−|z|), in double, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidCrossEntropy(float z, float y) => (float)SigmoidCrossEntropy((double)z, y);

    /// <summary>The binary cross-entropy of one sigmoid unit: max(z, 0) − y z + ln(1 + e^−|z|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidCrossEntropy(double z, double y) =>
        ((z > 0d ? z : 0d) - (y * z)) + LogOnePlus(Exp(-Math.Abs(z)));

    /// <summary>The Huber term with δ = 1 (basic operations only, as <see cref="NetMath.Huber(float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Huber(float e) => NetMath.Huber(e);

    /// <summary>The Huber term with δ = 1 (basic operations only, as <see cref="NetMath.Huber(double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Huber(double e) => NetMath.Huber(e);

    /// <summary>e clamped to [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HuberGradient(float e) => NetMath.HuberGradient(e);

    /// <summary>e clamped to [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double HuberGradient(double e) => NetMath.HuberGradient(e);

    /// <summary>|e|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float e) => Math.Abs(e);

    /// <summary>|e|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double e) => Math.Abs(e);

    /// <summary>The (sub)gradient of |e|: 1, −1, or 0 at e = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float e) => NetMath.Sign(e);

    /// <summary>The (sub)gradient of |e|: 1, −1, or 0 at e = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double e) => NetMath.Sign(e);

    /// <summary>f(z) for every elementwise activation (the deterministic kernels).</summary>
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

    /// <summary>f(z) for every elementwise activation (the deterministic kernels).</summary>
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

    /// <summary>
    /// f'(z) written through a = f(z) (not GELU, SiLU): <see cref="NetMath.DerivativeFromActivation"/>'s formulas, which
    /// are basic operations, except softplus' 1 − e^−a, whose exponential is NetGen's here.
    /// </summary>
    internal static double DerivativeFromActivation(Activation f, double a) =>
        f == Activation.Softplus ? 1d - Exp(-a) : NetMath.DerivativeFromActivation(f, a);

    /// <summary>f'(z) from z, for every elementwise activation.</summary>
    internal static double DerivativeFromInput(Activation f, double z) => f switch
    {
        Activation.GELU => GELUDerivative(z),
        Activation.SiLU => SiLUDerivative(z),
        _ => DerivativeFromActivation(f, Apply(f, z)),
    };
}
