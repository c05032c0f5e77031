using System;

namespace NetGen;

/// <summary>
/// Online training over a sequence of examples: <see cref="TrainSequence"/> takes one gradient-descent step per
/// example, in order, with the same results as calling <see cref="INetwork{T}.TrainStep"/> for each. Every
/// <c>[Network(...)]</c> type implements it; hand-written <see cref="INetwork{T}"/> implementations need not.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Networks with a wide first layer gain most: where the kernel shape runs with AVX2 and FMA (single precision, an
/// input a whole number of 8-float vectors), the step of one example's first-layer weights and the next example's
/// first-layer product are one pass over those weights instead of two, so a 784-128-10 step reads and writes its
/// 400 KB first layer once. The parameters afterwards are the same, bit for bit, as those of the TrainStep calls.
/// </remarks>
public interface IOnlineNetwork<T> : INetwork<T>
    where T : unmanaged
{
    /// <summary>
    /// One online gradient-descent step per example, in order: example i is row i of <paramref name="inputs"/>
    /// (InputCount values per row) and of <paramref name="targets"/> (OutputCount per row). The same parameters, bit for
    /// bit, as <see cref="INetwork{T}.TrainStep"/> called on each example with <paramref name="learningRate"/>.
    /// </summary>
    /// <returns>The sum of the examples' losses, each taken before its own step.</returns>
    /// <exception cref="ArgumentException">The spans are not whole rows of the same number of examples, or a value is
    /// NaN or infinite (checked before any step: nothing is changed).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArithmeticException">An example's loss overflowed: the steps of the examples before it were
    /// taken, that example changed nothing (the message names it).</exception>
    T TrainSequence(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}
