namespace NetGen.Generator.Models;

/// <summary>How the per-example members (Forward, Loss, Backward, TrainStep) are written.</summary>
internal enum BodyShape
{
    /// <summary>Straight-line code: a local per unit, every index a constant.</summary>
    Unrolled = 0,

    /// <summary>Calls to the runtime's SIMD kernels over preallocated buffers.</summary>
    Kernels = 1,

    /// <summary>Vector256 loops written for this shape (AVX2 + FMA), with the kernel calls for every other CPU.</summary>
    Vector256 = 2,
}

/// <summary>How the batch members hold a batch.</summary>
internal enum BatchLayout
{
    /// <summary>One row per example, [m, units] (long dot products over wide layers).</summary>
    ExampleRows = 0,

    /// <summary>One row per unit, [units, m]: the SIMD lanes run across the examples (narrow layers).</summary>
    UnitRows = 1,
}

/// <summary>Why the body has its shape; the generated header says it in words.</summary>
internal enum ShapeReason
{
    /// <summary><c>Unroll = Unroll.Always</c> or <c>Unroll.Never</c> chose.</summary>
    Requested = 0,

    /// <summary>Few enough parameters to unroll.</summary>
    FewParameters = 1,

    /// <summary>More parameters than the unroll limit.</summary>
    TooManyParameters = 2,

    /// <summary>A float layer wide enough on both sides to fill SIMD blocks.</summary>
    VectorBlock = 3,
}

/// <summary>The output layer's case: the one switch every emitter makes for the loss and BP1.</summary>
internal enum OutputRule
{
    /// <summary>Softmax output, cross-entropy: δ = g Σy − y.</summary>
    SoftmaxCrossEntropy = 0,

    /// <summary>Elementwise (sigmoid) output, cross-entropy: δ = g − y, the σ' cancels.</summary>
    SigmoidCrossEntropy = 1,

    /// <summary>Softmax output, squared error: δ through the softmax Jacobian.</summary>
    SoftmaxSquaredError = 2,

    /// <summary>Elementwise output, squared error: δ = (g − y) ⊙ f'(z).</summary>
    SquaredError = 3,

    /// <summary>Elementwise output, Huber loss (δ = 1): δ = clamp(g − y, −1, 1) ⊙ f'(z). Not with softmax (NG0028).</summary>
    HuberError = 4,

    /// <summary>Elementwise output, absolute error: δ = sign(g − y) ⊙ f'(z), sign(0) = 0. Not with softmax (NG0028).</summary>
    AbsoluteError = 5,
}

/// <summary>The code shape of one network, decided once by <c>Planning.ShapePolicy</c>; the emitters only read it.</summary>
/// <param name="Body">The shape of the per-example members.</param>
/// <param name="Batch">The layout of the batch members.</param>
/// <param name="Reason">Why <paramref name="Body"/> was chosen.</param>
/// <param name="Vector128">Whether the vector shape also writes Vector128 loops (for CPUs whose widest vector is 128 bits).</param>
/// <param name="Deterministic">
/// Whether the code is written for bit-identical results on every CPU (<c>Deterministic = true</c>): the body is
/// unrolled or kernel calls, never the vector shape, and it calls the runtime's DeterministicKernels and
/// DeterministicMath instead of Kernels and NetMath.
/// </param>
internal sealed record CodeShape(BodyShape Body, BatchLayout Batch, ShapeReason Reason, bool Vector128 = false, bool Deterministic = false);
