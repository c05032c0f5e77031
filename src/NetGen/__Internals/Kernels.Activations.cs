using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.__Internals;

// Activations, their derivatives and the output deltas of the losses (BP1).
public static partial class Kernels
{
    /// <summary>a = f(z) elementwise (f any activation but Softmax).</summary>
    public static void Activate<T>(ReadOnlySpan<T> z, Span<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= z.Length);
        if (typeof(T) == typeof(float))
        {
            ActivateSingle(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(a), f);
        }
        else
        {
            ActivateDouble(MemoryMarshal.Cast<T, double>(z), MemoryMarshal.Cast<T, double>(a), f);
        }
    }

    /// <summary>
    /// Squared-error loss and BP1 over a batch held one row per output unit: e = a − y, δ = e ⊙ f'(z) (f' written
    /// through a, as in <see cref="MultiplyByDerivative{T}"/>); returns E = ½ Σ e² over every element.
    /// </summary>
    [MethodImpl(Optimized)]
    public static T SquaredErrorDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        Require(y.Length >= a.Length && d.Length >= a.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T ry = ref MemoryMarshal.GetReference(y);
        ref T rd = ref MemoryMarshal.GetReference(d);
        int w = Vector<T>.Count;
        int i = 0;
        Vector<T> sum = Vector<T>.Zero;
        for (; i + w <= a.Length; i += w)
        {
            Vector<T> e = Load(ref ra, i) - Load(ref ry, i);
            sum = MulAdd(e, e, sum);
            Store(ref rd, i, e);
        }

        T loss = Vector.Dot(sum, Vector<T>.One);
        for (; i < a.Length; i++)
        {
            T e = Scalar<T>.Sub(Unsafe.Add(ref ra, i), Unsafe.Add(ref ry, i));
            loss = Scalar<T>.MulAdd(e, e, loss);
            Unsafe.Add(ref rd, i) = e;
        }

        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return Scalar<T>.Mul(Scalar<T>.FromDouble(0.5), loss);
    }

    /// <summary>
    /// Cross-entropy loss of sigmoid outputs and BP1 over a batch held one row per output unit: δ = a − y (the σ'
    /// cancels); returns E = Σ max(z, 0) − y z + ln(1 + e^−|z|) over every element (<see cref="NetMath.SigmoidCrossEntropy(double, double)"/>).
    /// </summary>
    [MethodImpl(Optimized)]
    public static T SigmoidCrossEntropyDeltas<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged =>
        SigmoidCrossEntropyErrors(z, a, y, d, deterministic: false);

    /// <summary>
    /// The loop of <see cref="SigmoidCrossEntropyDeltas{T}"/> for both kernel sets: δ = a − y, and the loss summed in
    /// double in ascending order through NetMath's or (<paramref name="deterministic"/>) DeterministicMath's ln and exp.
    /// </summary>
    [MethodImpl(Optimized)]
    internal static T SigmoidCrossEntropyErrors<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, bool deterministic)
        where T : unmanaged
    {
        Require(a.Length >= z.Length && y.Length >= z.Length && d.Length >= z.Length);
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            d[i] = Scalar<T>.Sub(a[i], y[i]);
            double zi = Scalar<T>.ToDouble(z[i]), yi = Scalar<T>.ToDouble(y[i]);
            loss += deterministic ? DeterministicMath.SigmoidCrossEntropy(zi, yi) : NetMath.SigmoidCrossEntropy(zi, yi);
        }

        return Scalar<T>.FromDouble(loss);
    }

    /// <summary>
    /// d = d ⊙ f'(z), with f' written through a = f(z): σ' = a(1 − a), tanh' = 1 − a², ReLU' = [a &gt; 0], identity' = 1,
    /// LeakyReLU' = 1 if a &gt; 0 else 0.01, ELU' = 1 if a &gt; 0 else a + 1, softplus' = 1 − e^−a. GELU and SiLU need z:
    /// <see cref="MultiplyByDerivativeFromZ{T}"/>.
    /// </summary>
    [MethodImpl(Optimized)]
    public static void MultiplyByDerivative<T>(Span<T> d, ReadOnlySpan<T> a, Activation f)
        where T : unmanaged
    {
        Require(a.Length >= d.Length);
        if (f == Activation.Identity)
        {
            return;
        }

        if (f is not (Activation.Sigmoid or Activation.Tanh or Activation.ReLU))
        {
            // LeakyReLU, ELU, Softplus: scalar, through NetMath (GELU and SiLU throw: they need z, see MultiplyByDerivativeFromZ).
            for (int k = 0; k < d.Length; k++)
            {
                d[k] = Scalar<T>.FromDouble(Scalar<T>.ToDouble(d[k]) * NetMath.DerivativeFromActivation(f, Scalar<T>.ToDouble(a[k])));
            }

            return;
        }

        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T ra = ref MemoryMarshal.GetReference(a);
        int w = Vector<T>.Count;
        int i = 0;
        Vector<T> one = Vector<T>.One;
        for (; i + w <= d.Length; i += w)
        {
            Vector<T> av = Load(ref ra, i);
            Vector<T> dv = Load(ref rd, i);
            dv = f switch
            {
                Activation.Sigmoid => dv * (av * (one - av)),
                Activation.Tanh => dv * (one - (av * av)),
                _ => Vector.ConditionalSelect(Vector.GreaterThan(av, Vector<T>.Zero), dv, Vector<T>.Zero),
            };
            Store(ref rd, i, dv);
        }

        T scalarOne = Scalar<T>.FromDouble(1);
        for (; i < d.Length; i++)
        {
            T av = Unsafe.Add(ref ra, i);
            ref T dv = ref Unsafe.Add(ref rd, i);
            dv = f switch
            {
                Activation.Sigmoid => Scalar<T>.Mul(dv, Scalar<T>.Mul(av, Scalar<T>.Sub(scalarOne, av))),
                Activation.Tanh => Scalar<T>.Mul(dv, Scalar<T>.Sub(scalarOne, Scalar<T>.Mul(av, av))),
                _ => Scalar<T>.ToDouble(av) > 0 ? dv : default,
            };
        }
    }

    /// <summary>d = d ⊙ f'(z), with f' computed from the pre-activations z (any activation; GELU and SiLU need this form).</summary>
    [MethodImpl(Optimized)]
    public static void MultiplyByDerivativeFromZ<T>(Span<T> d, ReadOnlySpan<T> z, Activation f)
        where T : unmanaged
    {
        Require(z.Length >= d.Length);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Scalar<T>.FromDouble(Scalar<T>.ToDouble(d[i]) * NetMath.DerivativeFromInput(f, Scalar<T>.ToDouble(z[i])));
        }
    }

    /// <summary>
    /// Huber loss (δ = 1) and BP1 over a batch held one row per output unit: e = a − y, δ = clamp(e, −1, 1) ⊙ f'(z)
    /// (f' through a, as in <see cref="MultiplyByDerivative{T}"/>; pass Identity and call
    /// <see cref="MultiplyByDerivativeFromZ{T}"/> after for GELU and SiLU); returns E = Σ h(e) over every element.
    /// </summary>
    [MethodImpl(Optimized)]
    public static T HuberDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        T loss = ElementwiseErrors(a, y, d, huber: true);
        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return loss;
    }

    /// <summary>
    /// Absolute-error loss and BP1 over a batch held one row per output unit: e = a − y, δ = sign(e) ⊙ f'(z) with
    /// sign(0) = 0 (the subgradient; f' as in <see cref="HuberDeltas{T}"/>); returns E = Σ |e| over every element.
    /// </summary>
    [MethodImpl(Optimized)]
    public static T AbsoluteErrorDeltas<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, Activation f)
        where T : unmanaged
    {
        T loss = ElementwiseErrors(a, y, d, huber: false);
        MultiplyByDerivative(d.Slice(0, a.Length), a, f);
        return loss;
    }

    /// <summary>
    /// The loss and ∂E/∂g of the Huber (δ = 1) or absolute-error loss, before f': e = a − y in double, d = clamp(e, −1, 1)
    /// or sign(e), returns Σ h(e) or Σ |e| in ascending order. Basic operations only, so the deterministic kernels share it.
    /// </summary>
    internal static T ElementwiseErrors<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> y, Span<T> d, bool huber)
        where T : unmanaged
    {
        Require(y.Length >= a.Length && d.Length >= a.Length);
        double loss = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double e = Scalar<T>.ToDouble(a[i]) - Scalar<T>.ToDouble(y[i]);
            loss += huber ? NetMath.Huber(e) : Math.Abs(e);
            d[i] = Scalar<T>.FromDouble(huber ? NetMath.HuberGradient(e) : NetMath.Sign(e));
        }

        return Scalar<T>.FromDouble(loss);
    }

    [MethodImpl(Optimized)]
    private static void ActivateSingle(ReadOnlySpan<float> z, Span<float> a, Activation f)
    {
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && f is Activation.Sigmoid or Activation.Tanh or Activation.ReLU)
        {
            ref float rz = ref MemoryMarshal.GetReference(z);
            ref float ra = ref MemoryMarshal.GetReference(a);
            for (; i + Vector<float>.Count <= z.Length; i += Vector<float>.Count)
            {
                Vector<float> v = Load(ref rz, i);
                Store(ref ra, i, f switch
                {
                    Activation.Sigmoid => Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-v)),
                    Activation.Tanh => VectorMath.Tanh(v),
                    _ => Vector.Max(v, Vector<float>.Zero),
                });
            }
        }
#endif
        for (; i < z.Length; i++)
        {
            a[i] = NetMath.Apply(f, z[i]);
        }
    }

    [MethodImpl(Optimized)]
    private static void ActivateDouble(ReadOnlySpan<double> z, Span<double> a, Activation f)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = NetMath.Apply(f, z[i]);
        }
    }
}
