using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// Stochastic gradient descent with momentum, classic or Nesterov, in PyTorch's convention:
/// <c>torch.optim.SGD(lr, momentum = mu, nesterov)</c> with <c>dampening = 0</c> and
/// <c>weight_decay = l2/m</c> on the weights only.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's element type.</typeparam>
/// <remarks>
/// With g = G/m + (l2/m) * theta for weights and g = G/m for biases (G the summed gradients, m the batch size), and
/// the velocity v starting at 0, one <see cref="Optimizer{T}.Step"/> does for every parameter:
/// <code>
/// v = mu * v + g
/// classic:  theta -= lr * v
/// Nesterov: theta -= lr * (g + mu * v)     (v already updated)
/// </code>
/// Note this is PyTorch's form (the learning rate multiplies the velocity), not Sutskever's
/// <c>v = mu * v - lr * g</c>; the two agree while lr is constant. The velocity (one T per parameter) is allocated in
/// the constructor.
/// </remarks>
public sealed class SgdMomentum<T> : Optimizer<T>
    where T : unmanaged
{
    private readonly T[] _velocity;

    /// <summary>Creates SGD with momentum for <paramref name="network"/>.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="learningRate">eta, at least 0.</param>
    /// <param name="momentum">mu, in [0, 1).</param>
    /// <param name="nesterov">Nesterov momentum instead of classic momentum.</param>
    /// <param name="l2">lambda, the L2 coefficient of J (weights only), at least 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, NaN or infinite.</exception>
    public SgdMomentum(INetwork<T> network, double learningRate, double momentum = 0.9, bool nesterov = false, double l2 = 0)
        : base(network, learningRate, l2)
    {
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "'momentum' must be in [0, 1).");
        }

        Momentum = momentum;
        Nesterov = nesterov;
        _velocity = new T[ParameterCount];
    }

    /// <summary>mu, the momentum coefficient.</summary>
    public double Momentum { get; }

    /// <summary>Whether the step is Nesterov's (theta -= lr * (g + mu * v)) rather than classic (theta -= lr * v).</summary>
    public bool Nesterov { get; }

    /// <summary>The velocity v, one value per parameter in the layout of <see cref="INetwork{T}.Parameters"/>.</summary>
    public ReadOnlySpan<T> Velocity => _velocity;

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(_velocity, 0, _velocity.Length);
    }

    [MethodImpl(Kernels.Optimized)]
    private protected override void Update(Span<float> parameters, Span<float> gradients, int batchSize)
    {
        float lr = (float)LearningRate;
        float mu = (float)Momentum;
        float invM = 1f / batchSize;
        float decay = (float)L2 * invM;
        bool nesterov = Nesterov;
        Span<float> velocity = AsSingle(_velocity);
        foreach (ParameterSegment s in Segments)
        {
            Span<float> p = parameters.Slice(s.Start, s.Length);
            Span<float> g = gradients.Slice(s.Start, s.Length);
            Span<float> v = velocity.Slice(s.Start, s.Length);
            for (int i = VectorStep(p, g, v, s.IsWeight, invM, decay, mu, lr, nesterov); i < p.Length; i++)
            {
                float grad = s.IsWeight ? g[i] * invM + decay * p[i] : g[i] * invM;
                float vi = mu * v[i] + grad;
                v[i] = vi;
                p[i] -= lr * (nesterov ? grad + mu * vi : vi);
            }
        }
    }

    [MethodImpl(Kernels.Optimized)]
    private protected override void Update(Span<double> parameters, Span<double> gradients, int batchSize)
    {
        double lr = LearningRate;
        double mu = Momentum;
        double invM = 1d / batchSize;
        double decay = L2 * invM;
        bool nesterov = Nesterov;
        Span<double> velocity = AsDouble(_velocity);
        foreach (ParameterSegment s in Segments)
        {
            Span<double> p = parameters.Slice(s.Start, s.Length);
            Span<double> g = gradients.Slice(s.Start, s.Length);
            Span<double> v = velocity.Slice(s.Start, s.Length);
            for (int i = VectorStep(p, g, v, s.IsWeight, invM, decay, mu, lr, nesterov); i < p.Length; i++)
            {
                double grad = s.IsWeight ? g[i] * invM + decay * p[i] : g[i] * invM;
                double vi = mu * v[i] + grad;
                v[i] = vi;
                p[i] -= lr * (nesterov ? grad + mu * vi : vi);
            }
        }
    }

    /// <summary>
    /// The update over whole vectors of <see cref="Vector{T}"/>, the same operations in the same order as the scalar
    /// loop (so the same bits); returns how many elements it did, the rest is the scalar loop's.
    /// </summary>
    [MethodImpl(Kernels.Optimized)]
    private static int VectorStep<TValue>(Span<TValue> p, Span<TValue> g, Span<TValue> v, bool isWeight, TValue invM, TValue decay, TValue mu, TValue lr, bool nesterov)
        where TValue : unmanaged
    {
        if (!Vector.IsHardwareAccelerated || p.Length < Vector<TValue>.Count)
        {
            return 0;
        }

        Span<Vector<TValue>> pv = MemoryMarshal.Cast<TValue, Vector<TValue>>(p);
        Span<Vector<TValue>> gv = MemoryMarshal.Cast<TValue, Vector<TValue>>(g);
        Span<Vector<TValue>> vv = MemoryMarshal.Cast<TValue, Vector<TValue>>(v);
        var vInvM = new Vector<TValue>(invM);
        var vDecay = new Vector<TValue>(decay);
        var vMu = new Vector<TValue>(mu);
        var vLr = new Vector<TValue>(lr);
        for (int k = 0; k < pv.Length; k++)
        {
            // grad = G/m (+ (l2/m) θ for weights); v = μ v + grad; θ -= lr · (grad + μ v if Nesterov, else v)
            Vector<TValue> grad = isWeight ? (gv[k] * vInvM) + (vDecay * pv[k]) : gv[k] * vInvM;
            Vector<TValue> vi = (vMu * vv[k]) + grad;
            vv[k] = vi;
            pv[k] -= vLr * (nesterov ? grad + (vMu * vi) : vi);
        }

        return pv.Length * Vector<TValue>.Count;
    }
}
