using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// Adam (Kingma and Ba 2015) with bias correction, in PyTorch's convention: <c>torch.optim.Adam(lr, betas, eps)</c>
/// with <c>weight_decay = l2/m</c> on the weights only (L2 added to the gradient, not AdamW's decoupled decay) and
/// <c>amsgrad = False</c>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's element type.</typeparam>
/// <remarks>
/// With g = G/m + (l2/m) * theta for weights and g = G/m for biases (G the summed gradients, m the batch size), the
/// moments m1, m2 starting at 0 and t the step number (1 on the first step), one <see cref="Optimizer{T}.Step"/> does
/// for every parameter:
/// <code>
/// m1 = beta1 * m1 + (1 - beta1) * g
/// m2 = beta2 * m2 + (1 - beta2) * g^2
/// m1hat = m1 / (1 - beta1^t),  m2hat = m2 / (1 - beta2^t)
/// theta -= lr * m1hat / (sqrt(m2hat) + eps)
/// </code>
/// The last line is evaluated as PyTorch does, <c>theta -= (lr / (1 - beta1^t)) * (m1 / (sqrt(m2) / sqrt(1 - beta2^t) + eps))</c>,
/// with the two scalar factors computed in double once per step and the rest in T. The moments (two T per parameter)
/// are allocated in the constructor.
/// </remarks>
public sealed class Adam<T> : Optimizer<T>
    where T : unmanaged
{
    private readonly T[] _m1;
    private readonly T[] _m2;

    /// <summary>Creates Adam for <paramref name="network"/>; the defaults are PyTorch's.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="learningRate">eta, at least 0.</param>
    /// <param name="beta1">beta1, the decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">beta2, the decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">eps, added to the denominator, at least 0.</param>
    /// <param name="l2">lambda, the L2 coefficient of J (weights only), at least 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, NaN or infinite.</exception>
    public Adam(INetwork<T> network, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double l2 = 0)
        : base(network, learningRate, l2)
    {
        Beta1 = Decay(beta1, nameof(beta1));
        Beta2 = Decay(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        _m1 = new T[ParameterCount];
        _m2 = new T[ParameterCount];
    }

    /// <summary>beta1, the decay rate of the first moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>beta2, the decay rate of the second moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>eps, added to sqrt(m2hat) in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The first moment m1 (exp_avg in PyTorch), in the layout of <see cref="INetwork{T}.Parameters"/>.</summary>
    public ReadOnlySpan<T> FirstMoment => _m1;

    /// <summary>The second moment m2 (exp_avg_sq in PyTorch), in the layout of <see cref="INetwork{T}.Parameters"/>.</summary>
    public ReadOnlySpan<T> SecondMoment => _m2;

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(_m1, 0, _m1.Length);
        Array.Clear(_m2, 0, _m2.Length);
    }

    [MethodImpl(Kernels.Optimized)]
    private protected override void Update(Span<float> parameters, Span<float> gradients, int batchSize)
    {
        Factors(out double stepSize, out double sqrtCorrection2);
        float step = (float)stepSize;
        float root2 = (float)sqrtCorrection2;
        float eps = (float)Epsilon;
        float b1 = (float)Beta1;
        float b2 = (float)Beta2;
        float c1 = (float)(1 - Beta1);
        float c2 = (float)(1 - Beta2);
        float invM = 1f / batchSize;
        float decay = (float)L2 * invM;
        Span<float> m1 = AsSingle(_m1);
        Span<float> m2 = AsSingle(_m2);
        foreach (ParameterSegment s in Segments)
        {
            Span<float> p = parameters.Slice(s.Start, s.Length);
            Span<float> g = gradients.Slice(s.Start, s.Length);
            Span<float> a = m1.Slice(s.Start, s.Length);
            Span<float> b = m2.Slice(s.Start, s.Length);
            for (int i = VectorStep(p, g, a, b, s.IsWeight, invM, decay, b1, c1, b2, c2, step, root2, eps); i < p.Length; i++)
            {
                float grad = s.IsWeight ? g[i] * invM + decay * p[i] : g[i] * invM;
                float ai = b1 * a[i] + c1 * grad;
                float bi = b2 * b[i] + c2 * (grad * grad);
                a[i] = ai;
                b[i] = bi;
                p[i] -= step * (ai / ((float)Math.Sqrt(bi) / root2 + eps));
            }
        }
    }

    [MethodImpl(Kernels.Optimized)]
    private protected override void Update(Span<double> parameters, Span<double> gradients, int batchSize)
    {
        Factors(out double step, out double root2);
        double eps = Epsilon;
        double b1 = Beta1;
        double b2 = Beta2;
        double c1 = 1 - Beta1;
        double c2 = 1 - Beta2;
        double invM = 1d / batchSize;
        double decay = L2 * invM;
        Span<double> m1 = AsDouble(_m1);
        Span<double> m2 = AsDouble(_m2);
        foreach (ParameterSegment s in Segments)
        {
            Span<double> p = parameters.Slice(s.Start, s.Length);
            Span<double> g = gradients.Slice(s.Start, s.Length);
            Span<double> a = m1.Slice(s.Start, s.Length);
            Span<double> b = m2.Slice(s.Start, s.Length);
            for (int i = VectorStep(p, g, a, b, s.IsWeight, invM, decay, b1, c1, b2, c2, step, root2, eps); i < p.Length; i++)
            {
                double grad = s.IsWeight ? g[i] * invM + decay * p[i] : g[i] * invM;
                double ai = b1 * a[i] + c1 * grad;
                double bi = b2 * b[i] + c2 * (grad * grad);
                a[i] = ai;
                b[i] = bi;
                p[i] -= step * (ai / (Math.Sqrt(bi) / root2 + eps));
            }
        }
    }

    /// <summary>
    /// The update over whole vectors of <see cref="Vector{T}"/> (the rest is left to the scalar loop): the same
    /// operations in the same order as the scalar loop, element by element, so the same bits (the vector square root
    /// is correctly rounded in T, as the scalar <c>(float)Math.Sqrt</c> is). Returns how many elements it did.
    /// </summary>
    [MethodImpl(Kernels.Optimized)]
    private static int VectorStep<TValue>(Span<TValue> p, Span<TValue> g, Span<TValue> a, Span<TValue> b, bool isWeight, TValue invM, TValue decay, TValue b1, TValue c1, TValue b2, TValue c2, TValue step, TValue root2, TValue eps)
        where TValue : unmanaged
    {
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated && p.Length >= Vector512<TValue>.Count)
        {
            return VectorStep512(p, g, a, b, isWeight, invM, decay, b1, c1, b2, c2, step, root2, eps);
        }
#endif
        if (!Vector.IsHardwareAccelerated || p.Length < Vector<TValue>.Count)
        {
            return 0;
        }

        Span<Vector<TValue>> pv = MemoryMarshal.Cast<TValue, Vector<TValue>>(p);
        Span<Vector<TValue>> gv = MemoryMarshal.Cast<TValue, Vector<TValue>>(g);
        Span<Vector<TValue>> av = MemoryMarshal.Cast<TValue, Vector<TValue>>(a);
        Span<Vector<TValue>> bv = MemoryMarshal.Cast<TValue, Vector<TValue>>(b);
        var vInvM = new Vector<TValue>(invM);
        var vDecay = new Vector<TValue>(decay);
        var vB1 = new Vector<TValue>(b1);
        var vC1 = new Vector<TValue>(c1);
        var vB2 = new Vector<TValue>(b2);
        var vC2 = new Vector<TValue>(c2);
        var vStep = new Vector<TValue>(step);
        var vRoot2 = new Vector<TValue>(root2);
        var vEps = new Vector<TValue>(eps);
        for (int k = 0; k < pv.Length; k++)
        {
            // grad = G/m (+ (l2/m) θ for weights); m1, m2; θ -= step · m1 / (√m2 / √(1 − β2^t) + ε)
            Vector<TValue> grad = isWeight ? (gv[k] * vInvM) + (vDecay * pv[k]) : gv[k] * vInvM;
            Vector<TValue> ai = (vB1 * av[k]) + (vC1 * grad);
            Vector<TValue> bi = (vB2 * bv[k]) + (vC2 * (grad * grad));
            av[k] = ai;
            bv[k] = bi;
            pv[k] -= vStep * (ai / ((Vector.SquareRoot(bi) / vRoot2) + vEps));
        }

        return pv.Length * Vector<TValue>.Count;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// <see cref="VectorStep"/> with 512-bit vectors where they run at full speed: the same operations element by
    /// element, so the same bits, in half the instructions (the divisions and square roots dominate here).
    /// </summary>
    [MethodImpl(Kernels.Optimized)]
    private static int VectorStep512<TValue>(Span<TValue> p, Span<TValue> g, Span<TValue> a, Span<TValue> b, bool isWeight, TValue invM, TValue decay, TValue b1, TValue c1, TValue b2, TValue c2, TValue step, TValue root2, TValue eps)
        where TValue : unmanaged
    {
        Span<Vector512<TValue>> pv = MemoryMarshal.Cast<TValue, Vector512<TValue>>(p);
        Span<Vector512<TValue>> gv = MemoryMarshal.Cast<TValue, Vector512<TValue>>(g);
        Span<Vector512<TValue>> av = MemoryMarshal.Cast<TValue, Vector512<TValue>>(a);
        Span<Vector512<TValue>> bv = MemoryMarshal.Cast<TValue, Vector512<TValue>>(b);
        Vector512<TValue> vInvM = Vector512.Create(invM), vDecay = Vector512.Create(decay);
        Vector512<TValue> vB1 = Vector512.Create(b1), vC1 = Vector512.Create(c1), vB2 = Vector512.Create(b2), vC2 = Vector512.Create(c2);
        Vector512<TValue> vStep = Vector512.Create(step), vRoot2 = Vector512.Create(root2), vEps = Vector512.Create(eps);
        for (int k = 0; k < pv.Length; k++)
        {
            // grad = G/m (+ (l2/m) θ for weights); m1, m2; θ -= step · m1 / (√m2 / √(1 − β2^t) + ε)
            Vector512<TValue> grad = isWeight ? (gv[k] * vInvM) + (vDecay * pv[k]) : gv[k] * vInvM;
            Vector512<TValue> ai = (vB1 * av[k]) + (vC1 * grad);
            Vector512<TValue> bi = (vB2 * bv[k]) + (vC2 * (grad * grad));
            av[k] = ai;
            bv[k] = bi;
            pv[k] -= vStep * (ai / ((Vector512.Sqrt(bi) / vRoot2) + vEps));
        }

        return pv.Length * Vector512<TValue>.Count;
    }
#endif

    /// <summary>
    /// lr / (1 - beta1^t) and sqrt(1 - beta2^t) for the current step t. The powers by repeated squaring
    /// (<see cref="DeterministicMath.Power"/>), not Math.Pow, whose last bit depends on the platform's libm: so the
    /// step is the same bits on every CPU and runtime ([Network(..., Deterministic = true)] relies on it).
    /// </summary>
    private void Factors(out double stepSize, out double sqrtCorrection2)
    {
        long t = StepCount;
        stepSize = LearningRate / (1 - DeterministicMath.Power(Beta1, t));
        sqrtCorrection2 = Math.Sqrt(1 - DeterministicMath.Power(Beta2, t));
    }

    private static double Decay(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "'" + name + "' must be in [0, 1).");
        }

        return value;
    }
}
