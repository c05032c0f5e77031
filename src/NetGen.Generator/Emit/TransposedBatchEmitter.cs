using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members for networks with narrow layers: the batch is held one row per unit with the m examples along
/// the row (Xᵀ, Aᵀ, Δᵀ: [units, m]), so the SIMD lanes run across examples. A layer is then a sum of scaled rows
/// (row j of Zᵀ = b_j + Σ_k W_jk · row k of Aᵀ) with no horizontal sums, and BP4 is a set of dot products of
/// length m. With the examples as rows instead, a 3-unit layer would give dot products of length 3, too short for
/// a vector. An elementwise output's activation, loss and BP1 run on the transposed rows too; only a softmax output
/// goes example by example, on transposed copies of Z and Δ.
/// </summary>
internal sealed class TransposedBatchEmitter : BatchEmitter
{
    /// <summary>
    /// BP4 of the first layer reads the example rows of x (row j of W¹ += Σ_i δ¹_ij x_i) from this many inputs on,
    /// and dot products of Δ¹ᵀ and Xᵀ rows below it. Measured (m x BackwardBatch, m = 32 and 200): 64-32-10 193 vs
    /// 260 ns per example with the rows; 24-8-2 7.0 vs 5.6 µs per 200 examples with the dot products (24 columns
    /// leave a one-vector tail per row, and m = 200 makes the dot products long).
    /// </summary>
    internal const int InputRowsWidth = 32;

    public TransposedBatchEmitter(Topology net, CodeWriter writer)
        : base(net, writer)
    {
    }

    /// <summary>The transposed activations feeding layer l: Xᵀ for the first layer, Aᵀ^(l-1) after.</summary>
    private static string PrevT(int l) => l == 1 ? "XT" : "AT" + (l - 1);

    /// <summary>
    /// Whether the output layer's activation, loss and BP1 run on the transposed rows too (every output but softmax,
    /// whose units are coupled within an example): then no example rows are needed except the caller's.
    /// </summary>
    private bool ElementwiseOutput => Net.Model.Output != Activation.Softmax;

    /// <summary>p, g and the workspace matrices as spans; then Xᵀ = the inputs, transposed.</summary>
    public override void Locals(bool deltas, bool targets = true)
    {
        W.Line(T + "[] p = _parameters;");
        if (deltas)
        {
            W.Line(T + "[] g = _gradients;");
        }

        W.Comment("The batch workspace, grown only when a larger batch arrives. Small layers run with the examples along the SIMD lanes:");
        W.Comment((deltas ? (targets ? "Xᵀ, Aᵀ, Zᵀ, Yᵀ, Δᵀ" : "Xᵀ, Aᵀ, Zᵀ, Δᵀ") : "Xᵀ, Aᵀ, Zᵀ") + " hold one row per unit with the m examples along it ([units, m])"
            + (ElementwiseOutput ? string.Empty : "; Z" + Notation.Sup(L) + ", A" + Notation.Sup(L) + (deltas ? ", Δ" + Notation.Sup(L) : string.Empty)
            + " are the output layer's example rows ([m, units]) for the softmax, the loss and BP1"));
        var workspace = new BatchWorkspace().Matrix("XT", N(0));
        for (int l = 1; l < L; l++)
        {
            workspace.Matrix("AT" + l, N(l));
            if (ShapePolicy.NeedsZ(Net.ActivationOf(l)))
            {
                workspace.Matrix("ZT" + l, N(l));
            }
        }

        workspace.Matrix("ZT" + L, N(L));
        if (ElementwiseOutput)
        {
            workspace.Matrix("AT" + L, N(L));
            if (deltas && targets)
            {
                workspace.Matrix("YT", N(L));
            }
        }
        else
        {
            workspace.Matrix("Z" + L, N(L)).Matrix("A" + L, N(L));
            if (deltas)
            {
                workspace.Matrix("D" + L, N(L));
            }
        }

        for (int l = 1; l <= L && deltas; l++)
        {
            workspace.Matrix("DT" + l, N(l));
        }

        workspace.Write(W, T);
        W.Line();
        W.Comment("Xᵀ: row k holds input k of every example");
        W.Line(Net.Kernel("Transpose") + "inputs, XT, m, InputCount);");
    }

    /// <summary>Zᵀ^l = W^l Aᵀ^(l-1) + b^l 1ᵀ and Aᵀ^l = f(Zᵀ^l) for the hidden layers; Zᵀ^L, then Z^L = (Zᵀ^L)ᵀ for the output layer.</summary>
    public override void Layers()
    {
        for (int l = 1; l <= L; l++)
        {
            W.Line();
            W.Comment(Equations.Layer(Net, l));
            bool keepZ = l < L && ShapePolicy.NeedsZ(Net.ActivationOf(l));
            string z = l < L && !keepZ ? "AT" + l : "ZT" + l;
            string s = Notation.Sup(l);
            W.Comment("Examples along the SIMD lanes: row j of Z" + s + "ᵀ = " + (Net.Bias ? "b" + s + "_j + " : string.Empty)
                + "Σ_k W" + s + "_jk · row k of " + Equations.Input(l) + "ᵀ (4 rows × 2 vectors of examples per pass)");
            W.Line(Net.Kernel("BroadcastRows") + Net.BiasSpan(l) + ", " + z + ", " + N(l) + ", m);");
            W.Line(Net.Kernel("AccumulateRows") + z + ", " + N(l) + ", m, " + Net.WeightSpan(l) + ", " + N(l - 1) + ", 1, " + PrevT(l) + ", " + N(l - 1) + ", " + Net.Lit(1) + ");");
            if (l < L && Net.ActivationOf(l) != Activation.Identity)
            {
                W.Line(Net.Kernel("Activate") + z + ", " + (keepZ ? "AT" + l : z) + ", " + Topology.ActivationValue(Net.ActivationOf(l)) + ");");
            }
        }

        if (!ElementwiseOutput)
        {
            W.Comment("Back to one row per example for the softmax");
            W.Line(Net.Kernel("Transpose") + "ZT" + L + ", Z" + L + ", " + N(L) + ", m);");
        }
        else
        {
            W.Line();
            W.Comment("Output activation over the whole batch: " + Equations.OutputActivation(Net));
            W.Line(Net.Kernel("Activate") + "ZT" + L + ", AT" + L + ", " + Topology.ActivationValue(Net.Model.Output) + ");");
        }
    }

    /// <summary>G = (Aᵀ^L)ᵀ, straight into the caller's rows (elementwise output); a softmax goes example by example.</summary>
    public override void WriteOutputs()
    {
        if (!ElementwiseOutput)
        {
            ExampleRowOutputs();
            return;
        }

        W.Comment("G: one row per example again, straight into outputs");
        W.Line(Net.Kernel("Transpose") + "AT" + L + ", outputs, " + N(L) + ", m);");
    }

    /// <summary>Yᵀ, then the loss and BP1 over all of Aᵀ^L at once into Δᵀ^L (elementwise output); a softmax goes example by example.</summary>
    public override void LossAndOutputErrors()
    {
        if (!ElementwiseOutput)
        {
            ExampleRowErrors();
            return;
        }

        W.Line();
        W.Comment("Yᵀ: row j holds target j of every example");
        W.Line(Net.Kernel("Transpose") + "targets, YT, m, OutputCount);");
        W.Comment(Equations.Loss(Net));
        W.Comment(Equations.OutputError(Net));
        string s = Notation.Sup(L);
        switch (Net.OutputRule)
        {
            case OutputRule.SigmoidCrossEntropy:
                W.Comment("Both over the whole batch at once: δ" + s + " = a" + s + " − y, E from z" + s + " element by element");
                W.Line("total = " + Net.Kernel("SigmoidCrossEntropyDeltas") + "ZT" + L + ", AT" + L + ", YT, DT" + L + ");");
                break;
            default:
                bool fromZ = ShapePolicy.NeedsZ(Net.Model.Output);
                string kernel = Net.OutputRule switch
                {
                    OutputRule.HuberError => "HuberDeltas",
                    OutputRule.AbsoluteError => "AbsoluteErrorDeltas",
                    _ => "SquaredErrorDeltas",
                };
                string gradient = Net.OutputRule switch
                {
                    OutputRule.HuberError => "E = Σ h(e), δ" + s + " = clamp(e, −1, 1)",
                    OutputRule.AbsoluteError => "E = Σ |e|, δ" + s + " = sign(e)",
                    _ => "E = ½ Σ e², δ" + s + " = e",
                };
                W.Comment("Both over the whole batch at once: e = a" + s + " − y, " + gradient + " ⊙ f'(z" + s + ")" + (fromZ ? " (f' from Zᵀ, after)" : string.Empty));
                W.Line("total = " + Net.Kernel(kernel) + "AT" + L + ", YT, DT" + L + ", " + Topology.ActivationValue(fromZ ? Activation.Identity : Net.Model.Output) + ");");
                if (fromZ)
                {
                    W.Line(Net.MultiplyByDerivative(Net.Model.Output, "DT" + L, "AT" + L, "ZT" + L));
                }

                break;
        }
    }

    /// <summary>Δᵀ^L = (∂E/∂G)ᵀ ⊙ f'(Zᵀ^L) on the transposed rows (elementwise output); a softmax goes example by example.</summary>
    public override void OutputErrorsFromGradient()
    {
        if (!ElementwiseOutput)
        {
            ExampleRowErrorsFromGradient();
            return;
        }

        W.Line();
        W.Comment(Equations.OutputErrorFromGradient(Net));
        W.Comment("Δ" + Notation.Sup(L) + "ᵀ: row j holds ∂E/∂g_j of every example, then times f'");
        W.Line(Net.Kernel("Transpose") + "outputGradients, DT" + L + ", m, OutputCount);");
        if (Net.Model.Output != Activation.Identity)
        {
            W.Line(Net.MultiplyByDerivative(Net.Model.Output, "DT" + L, "AT" + L, "ZT" + L));
        }
    }

    /// <summary>∂E/∂Xᵀ = (W¹)ᵀ Δ¹ᵀ in Xᵀ's space (the sink has finished with it), then one row per example into inputGradients.</summary>
    public override void InputGradients()
    {
        W.Comment(Equations.InputGradient);
        W.Comment("Examples along the SIMD lanes, into the space of Xᵀ (the sink has finished with it): row k = Σ_j W¹_jk · row j of Δ¹ᵀ");
        W.Line("XT.Clear();");
        W.Line(Net.Kernel("AccumulateRows") + "XT, " + N(0) + ", m, " + Net.WeightSpan(1) + ", 1, " + N(0) + ", DT1, " + N(1) + ", " + Net.Lit(1) + ");");
        W.Line(Net.Kernel("Transpose") + "XT, inputGradients, " + N(0) + ", m);");
    }

    /// <summary>Δᵀ^L from the example rows of BP1, then BP2 for l = L-1..1 on the transposed rows.</summary>
    public override void HiddenErrors()
    {
        if (!ElementwiseOutput)
        {
            W.Line();
            W.Comment("Δ" + Notation.Sup(L) + "ᵀ: row j holds δ" + Notation.Sup(L) + "_j of every example");
            W.Line(Net.Kernel("Transpose") + "D" + L + ", DT" + L + ", m, " + N(L) + ");");
        }

        for (int l = L - 1; l >= 1; l--)
        {
            W.Line();
            W.Comment(Equations.BackError(Net, l));
            W.Comment("Examples along the SIMD lanes: row k of Δ" + Notation.Sup(l) + "ᵀ = Σ_j W" + Notation.Sup(l + 1) + "_jk · row j of Δ" + Notation.Sup(l + 1) + "ᵀ");
            W.Line("DT" + l + ".Clear();");
            W.Line(Net.Kernel("AccumulateRows") + "DT" + l + ", " + N(l) + ", m, " + Net.WeightSpan(l + 1) + ", 1, " + N(l) + ", DT" + (l + 1) + ", " + N(l + 1) + ", " + Net.Lit(1) + ");");
            if (Net.ActivationOf(l) != Activation.Identity)
            {
                W.Line(Net.MultiplyByDerivative(Net.ActivationOf(l), "DT" + l, "AT" + l, "ZT" + l));
            }
        }
    }

    /// <summary>BP3 and BP4 summed over the batch into g.</summary>
    public override void Sink()
    {
        for (int l = L; l >= 1; l--)
        {
            string s = Notation.Sup(l);
            if (Net.Bias)
            {
                W.Line();
                W.Comment(Equations.BiasGradient(l, update: false));
                W.Comment("Σ_i δ" + s + "_ij is the sum of row j of Δ" + s + "ᵀ");
                W.Line(Net.Kernel("AddRowSums") + "DT" + l + ", " + CSharp.Slice(T, "g", Net.BiasOffset[l], N(l)) + ", " + N(l) + ", m, " + Net.Lit(1) + ");");
            }

            W.Line();
            W.Comment(Equations.WeightGradient(l, update: false));
            if (l == 1 && N(0) >= InputRowsWidth)
            {
                W.Comment("Row j of W¹ gets Σ_i δ¹_ij times row i of x (the input rows are long enough for SIMD; 4 rows × 2 vectors per pass)");
                W.Line(Net.Kernel("AccumulateRows") + CSharp.Slice(T, "g", Net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", DT1, m, 1, inputs, m, " + Net.Lit(1) + ");");
                continue;
            }

            W.Comment("Σ_i δ" + s + "_ij " + Equations.Input(l) + "_ik is the dot product of row j of Δ" + s + "ᵀ and row k of " + Equations.Input(l) + "ᵀ (length m, 2 × 4 per pass)");
            W.Line(Net.Kernel("MultiplyTransposedAdd") + "DT" + l + ", " + PrevT(l) + ", " + CSharp.Slice(T, "g", Net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", m);");
        }
    }
}
