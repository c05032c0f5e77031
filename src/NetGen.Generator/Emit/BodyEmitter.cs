using System.Collections.Generic;
using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the numeric bodies of Forward, Loss, Backward and TrainStep for one code shape. The public methods are
/// assembled from the same blocks: forward pass, loss E, then backpropagation: the errors δ (BP1, BP2) and a sink
/// that either adds ∂E/∂θ into the gradients (BP3, BP4) or applies the step θ ← θ − η ∂E/∂θ directly.
/// Each shape is one subclass that builds on this base only and composes the part writers it needs
/// (<see cref="UnrolledOutput"/>, <see cref="OutputLoops"/>, <see cref="KernelCalls"/>).
/// </summary>
internal abstract class BodyEmitter
{
    protected BodyEmitter(Topology topology, CodeWriter writer)
    {
        Net = topology;
        W = writer;
    }

    protected Topology Net { get; }

    protected CodeWriter W { get; }

    protected string T => Net.T;

    protected int L => Net.L;

    /// <summary>The writer of the planner's choice (<see cref="CodeShape.Body"/>).</summary>
    public static BodyEmitter For(Topology topology, CodeWriter writer) => topology.Shape.Body switch
    {
        BodyShape.Unrolled => new UnrolledBodyEmitter(topology, writer),
        BodyShape.Vector256 => new Vector256BodyEmitter(topology, writer),
        _ => new KernelBodyEmitter(topology, writer),
    };

    /// <summary>Instance fields this shape needs (scratch buffers), as declarations; allocated in the constructor.</summary>
    public virtual IEnumerable<ScratchBuffer> ScratchFields() => System.Array.Empty<ScratchBuffer>();

    /// <summary>Local aliases of the parameter array, the gradient array and (for backprop) the buffers of δ.</summary>
    public virtual void Locals(bool gradients, bool deltas)
    {
        W.Line(T + "[] p = _parameters;");
        if (gradients)
        {
            W.Line(T + "[] g = _gradients;");
        }
    }

    /// <summary>z^l = W^l a^(l-1) + b^l, a^l = f(z^l) for l = 1..L.</summary>
    public abstract void Forward();

    /// <summary>output = a^L.</summary>
    public abstract void WriteOutput();

    /// <summary>Declares <c>loss</c> = E of this example.</summary>
    public abstract void Loss();

    /// <summary>
    /// Everything after the loss: δ^L (BP1), δ^l for l = L-1..1 (BP2), then BP3 and BP4 into <c>g</c>, or, with
    /// <paramref name="update"/>, straight into the step on <c>p</c>. With <paramref name="fromGradient"/>, δ^L comes
    /// from the caller's ∂E/∂g (the span <c>outputGradient</c>) instead of a target and the loss.
    /// </summary>
    public abstract void Backpropagate(bool update, bool fromGradient = false);

    /// <summary>Private methods the public members' bodies call (the vector shape's per-width code), after the public members.</summary>
    public virtual void Helpers()
    {
    }

    /// <summary>∂E/∂x = (W¹)ᵀ δ¹ into the span <c>inputGradient</c>, after <see cref="Backpropagate"/> (without update).</summary>
    public abstract void InputGradient();
}
