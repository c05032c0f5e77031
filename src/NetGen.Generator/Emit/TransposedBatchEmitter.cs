using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members for networks with narrow layers: the batch is held one row per unit with the m examples along
/// the row (Xᵀ, Aᵀ, Δᵀ: [units, m]), so the SIMD lanes run across examples. A layer is then a sum of scaled rows
/// (row j of Zᵀ = b_j + Σ_k W_jk · row k of Aᵀ) with no horizontal sums, and BP4 is a set of dot products of
/// length m. With the examples as rows instead, a 3-unit layer would give dot products of length 3, too short for
/// a vector. An elementwise output's activation, loss and BP1 run on the transposed rows too; only a softmax output
/// goes example by example, on transposed copies of Z and Δ.
/// </summary>
internal sealed class TransposedBatchEmitter
{
    private readonly Topology _net;
    private readonly CodeWriter _w;

    public TransposedBatchEmitter(Topology net, CodeWriter writer)
    {
        _net = net;
        _w = writer;
    }

    /// <summary>
    /// BP4 of the first layer reads the example rows of x (row j of W¹ += Σ_i δ¹_ij x_i) from this many inputs on,
    /// and dot products of Δ¹ᵀ and Xᵀ rows below it. Measured (m x BackwardBatch, m = 32 and 200): 64-32-10 193 vs
    /// 260 ns per example with the rows; 24-8-2 7.0 vs 5.6 µs per 200 examples with the dot products (24 columns
    /// leave a one-vector tail per row, and m = 200 makes the dot products long).
    /// </summary>
    internal const int InputRowsWidth = 32;

    private string T => _net.T;

    private int L => _net.L;

    private int N(int l) => _net.Sizes[l];

    /// <summary>The transposed activations feeding layer l: Xᵀ for the first layer, Aᵀ^(l-1) after.</summary>
    private static string PrevT(int l) => l == 1 ? "XT" : "AT" + (l - 1);

    private static string PrevName(int l) => l == 1 ? "x" : "a" + Topology.Sup(l - 1);

    /// <summary>
    /// Whether the output layer's activation, loss and BP1 run on the transposed rows too (every output but softmax,
    /// whose units are coupled within an example): then no example rows are needed except the caller's.
    /// </summary>
    public bool ElementwiseOutput => _net.Model.Output != Activation.Softmax;

    /// <summary>
    /// Values per example in the workspace: Xᵀ, Aᵀ¹..Aᵀ^(L-1), Zᵀ^L, then Aᵀ^L (and Yᵀ) for an elementwise output or
    /// Z^L, A^L (and Δ^L) for softmax, and for backprop Δᵀ¹..Δᵀ^L.
    /// </summary>
    private int ValuesPerExample(bool deltas)
    {
        int sum = N(0) + (3 * N(L));
        for (int l = 1; l < L; l++)
        {
            sum += N(l);
        }

        if (deltas)
        {
            sum += N(L);
            for (int l = 1; l <= L; l++)
            {
                sum += N(l);
            }
        }

        return ElementwiseOutput ? sum - N(L) : sum;
    }

    /// <summary>p, g and the workspace matrices as spans; then Xᵀ = the inputs, transposed.</summary>
    public void Locals(bool deltas)
    {
        _w.Line(T + "[] p = _parameters;");
        if (deltas)
        {
            _w.Line(T + "[] g = _gradients;");
        }

        int perExample = ValuesPerExample(deltas);
        _w.Comment("The batch workspace, grown only when a larger batch arrives. Small layers run with the examples along the SIMD lanes:");
        _w.Comment((deltas ? "Xᵀ, Aᵀ, Zᵀ, Yᵀ, Δᵀ" : "Xᵀ, Aᵀ, Zᵀ") + " hold one row per unit with the m examples along it ([units, m])"
            + (ElementwiseOutput ? string.Empty : "; Z" + Topology.Sup(L) + ", A" + Topology.Sup(L) + (deltas ? ", Δ" + Topology.Sup(L) : string.Empty)
            + " are the output layer's example rows ([m, units]) for the softmax, the loss and BP1"));
        var workspace = new BatchWorkspace(_w, T, perExample);
        void Matrix(string name, int units) => workspace.Matrix(name, units);

        Matrix("XT", N(0));
        for (int l = 1; l < L; l++)
        {
            Matrix("AT" + l, N(l));
        }

        Matrix("ZT" + L, N(L));
        if (ElementwiseOutput)
        {
            Matrix("AT" + L, N(L));
            if (deltas)
            {
                Matrix("YT", N(L));
            }
        }
        else
        {
            Matrix("Z" + L, N(L));
            Matrix("A" + L, N(L));
            if (deltas)
            {
                Matrix("D" + L, N(L));
            }
        }

        if (deltas)
        {
            for (int l = 1; l <= L; l++)
            {
                Matrix("DT" + l, N(l));
            }
        }

        _w.Line();
        _w.Comment("Xᵀ: row k holds input k of every example");
        _w.Line(_net.Kernel("Transpose") + "inputs, XT, m, InputCount);");
    }

    /// <summary>Zᵀ^l = W^l Aᵀ^(l-1) + b^l 1ᵀ and Aᵀ^l = f(Zᵀ^l) for the hidden layers; Zᵀ^L, then Z^L = (Zᵀ^L)ᵀ for the output layer.</summary>
    public void Layers(BodyEmitter comments)
    {
        for (int l = 1; l <= L; l++)
        {
            _w.Line();
            comments.LayerComment(l);
            string z = l < L ? "AT" + l : "ZT" + L;
            string s = Topology.Sup(l);
            _w.Comment("Examples along the SIMD lanes: row j of Z" + s + "ᵀ = " + (_net.Bias ? "b" + s + "_j + " : string.Empty)
                + "Σ_k W" + s + "_jk · row k of " + PrevName(l) + "ᵀ (4 rows × 2 vectors of examples per pass)");
            string bias = _net.Bias ? NetworkEmitter.ReadOnlySlice(T, "p", _net.BiasOffset[l], N(l)) : "global::System.ReadOnlySpan<" + T + ">.Empty";
            _w.Line(_net.Kernel("BroadcastRows") + bias + ", " + z + ", " + N(l) + ", m);");
            _w.Line(_net.Kernel("AccumulateRows") + z + ", " + N(l) + ", m, " + _net.WeightSpan(l) + ", " + N(l - 1) + ", 1, " + PrevT(l) + ", " + N(l - 1) + ", " + _net.Lit(1) + ");");
            if (l < L && _net.Model.Hidden != Activation.Identity)
            {
                _w.Line(_net.Kernel("Activate") + z + ", " + z + ", " + Topology.ActivationValue(_net.Model.Hidden) + ");");
            }
        }

        if (!ElementwiseOutput)
        {
            _w.Comment("Back to one row per example for the softmax");
            _w.Line(_net.Kernel("Transpose") + "ZT" + L + ", Z" + L + ", " + N(L) + ", m);");
        }
        else
        {
            _w.Line();
            _w.Comment("Output activation over the whole batch: a" + Topology.Sup(L) + " = " + MathText.Name(_net.Model.Output) + "(z" + Topology.Sup(L) + ")");
            _w.Line(_net.Kernel("Activate") + "ZT" + L + ", AT" + L + ", " + Topology.ActivationValue(_net.Model.Output) + ");");
        }
    }

    /// <summary>G = (Aᵀ^L)ᵀ, straight into the caller's rows (elementwise output).</summary>
    public void WriteOutputs()
    {
        _w.Comment("G: one row per example again, straight into outputs");
        _w.Line(_net.Kernel("Transpose") + "AT" + L + ", outputs, " + N(L) + ", m);");
    }

    /// <summary>Yᵀ, then the loss and BP1 over all of Aᵀ^L at once into Δᵀ^L (elementwise output).</summary>
    public void OutputErrors(BodyEmitter comments)
    {
        _w.Line();
        _w.Comment("Yᵀ: row j holds target j of every example");
        _w.Line(_net.Kernel("Transpose") + "targets, YT, m, OutputCount);");
        comments.LossComment();
        comments.OutputErrorComment();
        string s = Topology.Sup(L);
        if (_net.Model.Loss == LossFunction.CrossEntropy)
        {
            _w.Comment("Both over the whole batch at once: δ" + s + " = a" + s + " − y, E from z" + s + " element by element");
            _w.Line("total = " + _net.Kernel("SigmoidCrossEntropyDeltas") + "ZT" + L + ", AT" + L + ", YT, DT" + L + ");");
        }
        else
        {
            _w.Comment("Both over the whole batch at once (SIMD): e = a" + s + " − y, E = ½ Σ e², δ" + s + " = e ⊙ f'(z" + s + ")");
            _w.Line("total = " + _net.Kernel("SquaredErrorDeltas") + "AT" + L + ", YT, DT" + L + ", " + Topology.ActivationValue(_net.Model.Output) + ");");
        }
    }

    /// <summary>Δᵀ^L from the example rows of BP1, then BP2 for l = L-1..1 on the transposed rows.</summary>
    public void HiddenErrors(BodyEmitter comments)
    {
        if (!ElementwiseOutput)
        {
            _w.Line();
            _w.Comment("Δ" + Topology.Sup(L) + "ᵀ: row j holds δ" + Topology.Sup(L) + "_j of every example");
            _w.Line(_net.Kernel("Transpose") + "D" + L + ", DT" + L + ", m, " + N(L) + ");");
        }

        for (int l = L - 1; l >= 1; l--)
        {
            _w.Line();
            comments.BackErrorComment(l);
            _w.Comment("Examples along the SIMD lanes: row k of Δ" + Topology.Sup(l) + "ᵀ = Σ_j W" + Topology.Sup(l + 1) + "_jk · row j of Δ" + Topology.Sup(l + 1) + "ᵀ");
            _w.Line("DT" + l + ".Clear();");
            _w.Line(_net.Kernel("AccumulateRows") + "DT" + l + ", " + N(l) + ", m, " + _net.WeightSpan(l + 1) + ", 1, " + N(l) + ", DT" + (l + 1) + ", " + N(l + 1) + ", " + _net.Lit(1) + ");");
            if (_net.Model.Hidden != Activation.Identity)
            {
                _w.Line(_net.Kernel("MultiplyByDerivative") + "DT" + l + ", AT" + l + ", " + Topology.ActivationValue(_net.Model.Hidden) + ");");
            }
        }
    }

    /// <summary>BP3 and BP4 summed over the batch into g.</summary>
    public void Sink(BodyEmitter comments)
    {
        for (int l = L; l >= 1; l--)
        {
            comments.SinkComments(l, update: false, out string biasComment, out string weightComment);
            string s = Topology.Sup(l);
            if (_net.Bias)
            {
                _w.Line();
                _w.Comment(biasComment);
                _w.Comment("Σ_i δ" + s + "_ij is the sum of row j of Δ" + s + "ᵀ");
                _w.Line(_net.Kernel("AddRowSums") + "DT" + l + ", " + NetworkEmitter.Slice(T, "g", _net.BiasOffset[l], N(l)) + ", " + N(l) + ", m, " + _net.Lit(1) + ");");
            }

            _w.Line();
            _w.Comment(weightComment);
            if (l == 1 && N(0) >= InputRowsWidth)
            {
                _w.Comment("Row j of W¹ gets Σ_i δ¹_ij times row i of x (the input rows are long enough for SIMD; 4 rows × 2 vectors per pass)");
                _w.Line(_net.Kernel("AccumulateRows") + NetworkEmitter.Slice(T, "g", _net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", DT1, m, 1, inputs, m, " + _net.Lit(1) + ");");
                continue;
            }

            _w.Comment("Σ_i δ" + s + "_ij " + PrevName(l) + "_ik is the dot product of row j of Δ" + s + "ᵀ and row k of " + PrevName(l) + "ᵀ (length m, 2 × 4 per pass)");
            _w.Line(_net.Kernel("MultiplyTransposedAdd") + "DT" + l + ", " + PrevT(l) + ", " + NetworkEmitter.Slice(T, "g", _net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", m);");
        }
    }
}
