using System;

namespace NetGen;

/// <summary>
/// Gradients in and out of a network, so that networks compose (an encoder feeding a decoder, an actor feeding a
/// critic) and any loss written by the caller trains them: the input gradient ∂E/∂x of an example, and a backward pass
/// that starts from a given ∂E/∂g (the gradient at the output) instead of a target and the network's own loss. Every
/// <c>[Network(...)]</c> type implements it; hand-written <see cref="INetwork{T}"/> implementations need not.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Chaining: for y = B(A(x)), call <c>B.Backward(h, target, dh)</c> (or <c>B.BackwardFromOutputGradient(h, dE_dy, dh)</c>)
/// with h = A(x), then <c>A.BackwardFromOutputGradient(x, dh, default)</c>. Each network adds its own ∂E/∂θ into its
/// <see cref="INetwork{T}.Gradients"/>; nothing is changed when an argument is refused.
/// </remarks>
public interface IGradientNetwork<T> : INetwork<T>
    where T : unmanaged
{
    /// <summary>
    /// <see cref="INetwork{T}.Backward"/>, and also ∂E/∂x: adds ∂E/∂θ of this example into Gradients and writes
    /// ∂E/∂x_k into <paramref name="inputGradient"/> (InputCount values; empty to skip it).
    /// </summary>
    /// <returns>E, the loss of this example.</returns>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient);

    /// <summary>
    /// Backpropagates a given ∂E/∂g instead of a target: runs the forward pass on <paramref name="input"/>, takes
    /// <paramref name="outputGradient"/> (OutputCount values, ∂E/∂g_j for the output g = a^L) through the output
    /// activation, adds ∂E/∂θ into Gradients, and writes ∂E/∂x into <paramref name="inputGradient"/> (InputCount
    /// values; empty to skip it). The network's own Loss plays no part.
    /// </summary>
    void BackwardFromOutputGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient);
}

/// <summary>The batch form of <see cref="IGradientNetwork{T}"/>: every span is m rows, row-major.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IBatchGradientNetwork<T> : IGradientNetwork<T>, IBatchNetwork<T>
    where T : unmanaged
{
    /// <summary>
    /// <see cref="IBatchNetwork{T}.BackwardBatch"/>, and also ∂E_i/∂x_i for every example: row i of
    /// <paramref name="inputGradients"/> ([m, InputCount]; empty to skip them).
    /// </summary>
    /// <returns>Σ_i E_i, the summed loss of the batch.</returns>
    T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> inputGradients);

    /// <summary>
    /// <see cref="IGradientNetwork{T}.BackwardFromOutputGradient"/> over a batch: row i of
    /// <paramref name="outputGradients"/> ([m, OutputCount]) is ∂E/∂g for row i of <paramref name="inputs"/>; adds
    /// Σ_i ∂E/∂θ into Gradients and writes the rows of ∂E/∂x into <paramref name="inputGradients"/> ([m, InputCount];
    /// empty to skip them).
    /// </summary>
    void BackwardBatchFromOutputGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> outputGradients, Span<T> inputGradients);
}
