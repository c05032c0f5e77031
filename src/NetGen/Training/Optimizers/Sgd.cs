using System;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// Plain (mini-batch) stochastic gradient descent, PyTorch <c>torch.optim.SGD(lr)</c> with
/// <c>weight_decay = l2/m</c> on the weights only.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's element type.</typeparam>
/// <remarks>
/// One <see cref="Optimizer{T}.Step"/> with batch size m, G the summed gradients:
/// <code>
/// weights: theta -= lr * (G/m + (l2/m) * theta)
/// biases:  theta -= lr * (G/m)
/// </code>
/// computed in T with the same kernel as the network's own <see cref="INetwork{T}.ApplyGradients"/>
/// (invM = 1/m and decay = l2 * invM rounded to T, decay = 0 for biases, then
/// <c>theta -= lr * (G * invM + decay * theta)</c> without fused multiply-add), so a step gives bit for bit the
/// parameters of <c>ApplyGradients(lr, m, l2)</c>. It has no state.
/// </remarks>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged
{
    /// <summary>Creates plain SGD for <paramref name="network"/>.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="learningRate">eta, at least 0.</param>
    /// <param name="l2">lambda, the L2 coefficient of J (weights only), at least 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is negative, NaN or infinite.</exception>
    public Sgd(INetwork<T> network, double learningRate, double l2 = 0)
        : base(network, learningRate, l2)
    {
    }

    private protected override void Update(Span<float> parameters, Span<float> gradients, int batchSize)
    {
        float lr = (float)LearningRate;
        float invM = 1f / batchSize;
        float decay = (float)L2 * invM;
        foreach (ParameterSegment s in Segments)
        {
            Kernels.Descend(parameters.Slice(s.Start, s.Length), gradients.Slice(s.Start, s.Length), lr, invM, s.IsWeight ? decay : 0f);
        }
    }

    private protected override void Update(Span<double> parameters, Span<double> gradients, int batchSize)
    {
        double lr = LearningRate;
        double invM = 1d / batchSize;
        double decay = L2 * invM;
        foreach (ParameterSegment s in Segments)
        {
            Kernels.Descend(parameters.Slice(s.Start, s.Length), gradients.Slice(s.Start, s.Length), lr, invM, s.IsWeight ? decay : 0d);
        }
    }
}
