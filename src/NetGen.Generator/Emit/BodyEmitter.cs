using System.Collections.Generic;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the numeric bodies of Forward, Loss, Backward and TrainStep for one code shape. The public methods are
/// assembled from the same blocks: forward pass, loss E, errors δ (BP1, BP2), then a sink that either adds
/// ∂E/∂θ into the gradients (BP3, BP4) or applies the step θ ← θ − η ∂E/∂θ directly.
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

    protected Activation Output => Net.Model.Output;

    protected bool CrossEntropy => Net.Model.Loss == LossFunction.CrossEntropy;

    public static BodyEmitter For(Topology topology, CodeWriter writer) =>
        topology.Unrolled ? new UnrolledBodyEmitter(topology, writer)
        : topology.VectorCode ? new VectorBodyEmitter(topology, writer)
        : new LoopBodyEmitter(topology, writer);

    /// <summary>Instance fields this shape needs (scratch buffers), as declarations; allocated in the constructor.</summary>
    public virtual IEnumerable<(string Name, int Length, string Comment)> ScratchFields() => System.Array.Empty<(string, int, string)>();

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

    /// <summary>δ^L (BP1) and δ^l for l = L-1..1 (BP2).</summary>
    public abstract void Deltas();

    /// <summary>BP3 and BP4 into <c>g</c>, or, with <paramref name="update"/>, straight into the step on <c>p</c>.</summary>
    public abstract void Sink(bool update);

    /// <summary>Everything after the loss: the errors δ, then the sink (<see cref="Deltas"/>, <see cref="Sink"/>).</summary>
    public virtual void Backpropagate(bool update)
    {
        Deltas();
        Sink(update);
    }

    internal void LayerComment(int l)
    {
        string f = MathText.Name(Net.ActivationOf(l));
        string s = Topology.Sup(l);
        string p = Topology.Sup(l - 1);
        string role = l == L ? "output" : "hidden";
        string ranges = "W" + s + " = p[" + Net.WeightOffset[l] + ".." + (Net.WeightOffset[l] + (Net.Sizes[l] * Net.Sizes[l - 1])) + ")"
            + (Net.Bias ? ", b" + s + " = p[" + Net.BiasOffset[l] + ".." + (Net.BiasOffset[l] + Net.Sizes[l]) + ")" : string.Empty);
        W.Comment("Layer " + l + " (" + role + ", " + Net.Sizes[l] + (Net.Sizes[l] == 1 ? " unit" : " units") + ", " + f + "): "
            + "z" + s + " = W" + s + "a" + p + (Net.Bias ? " + b" + s : string.Empty) + ", a" + s + " = " + f + "(z" + s + ");  " + ranges);
    }

    protected void SoftmaxComment() =>
        W.Comment("Softmax: a" + Topology.Sup(L) + "_j = exp(z_j − c) / Σ_k exp(z_k − c), c = max_k z_k (the shift keeps exp from overflowing)");

    internal void LossComment()
    {
        if (!CrossEntropy)
        {
            W.Comment("Loss: E = ½ Σ_j (g_j − y_j)², g = a" + Topology.Sup(L));
        }
        else if (Output == Activation.Softmax)
        {
            W.Comment("Loss: E = −Σ_j y_j ln g_j, with ln g_j = z_j − (c + ln Σ_k exp(z_k − c)) computed from z (stable)");
        }
        else
        {
            W.Comment("Loss: E = −Σ_j [y_j ln g_j + (1 − y_j) ln(1 − g_j)] = Σ_j max(z_j, 0) − y_j z_j + ln(1 + e^−|z_j|) (stable form)");
        }
    }

    internal void OutputErrorComment()
    {
        string s = Topology.Sup(L);
        if (CrossEntropy && Output == Activation.Softmax)
        {
            W.Comment("BP1, output error: δ" + s + "_j = ∂E/∂z_j = g_j Σ_k y_k − y_j  (= g_j − y_j for a one-hot y)");
        }
        else if (CrossEntropy)
        {
            W.Comment("BP1, output error: δ" + s + "_j = ∂E/∂z_j = g_j − y_j  (the σ' cancels against the cross-entropy)");
        }
        else if (Output == Activation.Softmax)
        {
            W.Comment("BP1, output error through the softmax Jacobian: δ" + s + "_j = g_j ((g_j − y_j) − Σ_k (g_k − y_k) g_k)");
        }
        else
        {
            W.Comment("BP1, output error: δ" + s + " = (g − y) ⊙ f'(z" + s + "),  " + MathText.Derivative(Output));
        }
    }

    internal void BackErrorComment(int l) =>
        W.Comment("BP2, error carried back through the transposed weights: δ" + Topology.Sup(l) + " = ((W" + Topology.Sup(l + 1) + ")ᵀ δ"
            + Topology.Sup(l + 1) + ") ⊙ f'(z" + Topology.Sup(l) + "),  " + MathText.Derivative(Net.Model.Hidden));

    internal void SinkComments(int l, bool update, out string biasComment, out string weightComment)
    {
        string s = Topology.Sup(l);
        string p = l == 1 ? "x" : "a" + Topology.Sup(l - 1);
        biasComment = update
            ? "Update with BP3 (∂E/∂b" + s + "_j = δ" + s + "_j): b" + s + "_j ← b" + s + "_j − η δ" + s + "_j"
            : "BP3, bias gradient: ∂E/∂b" + s + "_j = δ" + s + "_j, added into Gradients";
        weightComment = update
            ? "Update with BP4 (∂E/∂W" + s + "_jk = δ" + s + "_j " + p + "_k): W" + s + "_jk ← W" + s + "_jk − η δ" + s + "_j " + p + "_k"
            : "BP4, weight gradient: ∂E/∂W" + s + "_jk = δ" + s + "_j " + p + "_k, added into Gradients";
    }
}
