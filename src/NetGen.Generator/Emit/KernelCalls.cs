using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>What the loop buffers are called: per example (a1, z2, d1; 1 row) or per batch (A1, Z2, D1; m rows).</summary>
internal sealed class BufferNames
{
    public static readonly BufferNames Single = new("1", "input", "a", "z", "d");
    public static readonly BufferNames Batch = new("m", "inputs", "A", "Z", "D");

    private BufferNames(string rows, string input, string act, string z, string delta)
    {
        Rows = rows;
        Input = input;
        ActPrefix = act;
        ZPrefix = z;
        DeltaPrefix = delta;
    }

    /// <summary>The row count as C# text.</summary>
    public string Rows { get; }

    public string Input { get; }

    public string ActPrefix { get; }

    public string ZPrefix { get; }

    public string DeltaPrefix { get; }

    public bool IsSingle => Rows == "1";

    public string Act(int l) => ActPrefix + l;

    public string Z(int l) => ZPrefix + l;

    public string Delta(int l) => DeltaPrefix + l;

    public string Prev(int l) => l == 1 ? Input : Act(l - 1);
}

/// <summary>
/// The layers as calls to the runtime's SIMD kernels over [rows, units] buffers: the forward layers, BP2 and the
/// sink (BP3, BP4). One example (the kernel shape, and the Vector256 shape's branch for other CPUs) or a batch of
/// example rows (<see cref="RowMajorBatchEmitter"/>), by <see cref="BufferNames"/>.
/// </summary>
internal sealed class KernelCalls
{
    private readonly Topology _net;
    private readonly CodeWriter _w;

    public KernelCalls(Topology net, CodeWriter writer)
    {
        _net = net;
        _w = writer;
    }

    private string T => _net.T;

    private int L => _net.L;

    private int N(int l) => _net.Sizes[l];

    /// <summary>z^l = W^l a^(l-1) + b^l and a^l = f(z^l) for the hidden layers; z^L for the output layer.</summary>
    public void Layers(BufferNames names) => Layers(names, from: 1, activateOnly: false);

    /// <summary>
    /// <see cref="Layers(BufferNames)"/> from layer <paramref name="from"/>; with <paramref name="activateOnly"/>, layer
    /// <paramref name="from"/>'s product is already in its buffer (TrainSequence) and only its activation is written.
    /// </summary>
    public void Layers(BufferNames names, int from, bool activateOnly)
    {
        for (int l = from; l <= L; l++)
        {
            _w.Line();
            _w.Comment(Equations.Layer(_net, l));
            string z = ProductBuffer(l, names);
            if (activateOnly && l == from)
            {
                _w.Comment("z" + Notation.Sup(l) + " is in its buffer already: from the step of the example before, or before the loop");
            }
            else
            {
                _w.Comment("SIMD matrix product (register-blocked): z" + Notation.Sup(l) + "_j = Σ_k W" + Notation.Sup(l) + "_jk " + Equations.Input(l) + "_k" + (_net.Bias ? " + b" + Notation.Sup(l) + "_j" : string.Empty)
                    + (names.IsSingle ? string.Empty : ", for each of the m examples (rows)"));
                Product(l, names);
            }

            if (l < L && _net.ActivationOf(l) != Activation.Identity)
            {
                _w.Line(_net.Kernel("Activate") + z + ", " + names.Act(l) + ", " + Topology.ActivationValue(_net.ActivationOf(l)) + ");");
            }
        }
    }

    /// <summary>
    /// The buffer layer l's product goes to: a^l, activated in place, for a hidden layer; z^l where f' needs z (GELU,
    /// SiLU) and at the output.
    /// </summary>
    public string ProductBuffer(int l, BufferNames names) =>
        l < L && !ShapePolicy.NeedsZ(_net.ActivationOf(l)) ? names.Act(l) : names.Z(l);

    /// <summary>z^l = W^l a^(l-1) + b^l into <see cref="ProductBuffer"/>, one call.</summary>
    public void Product(int l, BufferNames names) =>
        _w.Line(_net.Kernel("MultiplyTransposed") + names.Prev(l) + ", " + _net.WeightSpan(l) + ", " + _net.BiasSpan(l) + ", " + ProductBuffer(l, names) + ", " + names.Rows + ", " + N(l) + ", " + N(l - 1) + ");");

    /// <summary>BP2 for l = L-1..1 as matrix products over all rows.</summary>
    public void HiddenErrors(BufferNames names)
    {
        for (int l = L - 1; l >= 1; l--)
        {
            _w.Line();
            _w.Comment(Equations.BackError(_net, l));
            _w.Line(names.IsSingle ? "global::System.Array.Clear(" + names.Delta(l) + ", 0, " + N(l) + ");" : names.Delta(l) + ".Clear();");
            _w.Comment("SIMD: δ" + Notation.Sup(l) + "_k += Σ_j δ" + Notation.Sup(l + 1) + "_j W" + Notation.Sup(l + 1) + "_jk, row by row of W" + Notation.Sup(l + 1));
            _w.Line(_net.Kernel("AccumulateRows") + names.Delta(l) + ", " + names.Rows + ", " + N(l) + ", " + names.Delta(l + 1) + ", " + N(l + 1) + ", 1, " + _net.WeightSpan(l + 1) + ", " + N(l + 1) + ", " + _net.Lit(1) + ");");
            if (_net.ActivationOf(l) != Activation.Identity)
            {
                _w.Line(_net.MultiplyByDerivative(_net.ActivationOf(l), names.Delta(l), names.Act(l), names.Z(l)));
            }
        }
    }

    /// <summary>∂E/∂x = (W¹)ᵀ δ¹ for all rows, into the span <paramref name="destination"/> ([rows, InputCount]).</summary>
    public void InputGradient(BufferNames names, string destination)
    {
        _w.Comment(Equations.InputGradient);
        _w.Line(destination + ".Clear();");
        _w.Line(_net.Kernel("AccumulateRows") + destination + ", " + names.Rows + ", " + N(0) + ", " + names.Delta(1) + ", " + N(1) + ", 1, " + _net.WeightSpan(1) + ", " + N(1) + ", " + _net.Lit(1) + ");");
    }

    /// <summary>BP3 and BP4 summed over all rows, into g (or, with <paramref name="update"/>, as the step on p), for layers L..<paramref name="lowest"/>.</summary>
    public void Sink(bool update, BufferNames names, int lowest = 1)
    {
        for (int l = L; l >= lowest; l--)
        {
            if (_net.Bias)
            {
                _w.Line();
                _w.Comment(Equations.BiasGradient(l, update));
                BiasStep(l, update, names);
            }

            _w.Line();
            _w.Comment(Equations.WeightGradient(l, update));
            _w.Comment("SIMD, 4 rows of W" + Notation.Sup(l) + " at a time: row j gets " + (update ? "−η " : string.Empty) + "Σ_i δ" + Notation.Sup(l) + "_ij times row i of " + Equations.Input(l));
            WeightStep(l, update, names);
        }
    }

    /// <summary>BP3 of layer l, one call: b^l gets (−η) Σ_i δ^l_i, or g gets Σ_i δ^l_i.</summary>
    public void BiasStep(int l, bool update, BufferNames names) =>
        _w.Line(_net.Kernel("AddColumnSums") + names.Delta(l) + ", " + CSharp.Slice(T, update ? "p" : "g", _net.BiasOffset[l], N(l)) + ", " + names.Rows + ", " + N(l) + ", " + Scale(update) + ");");

    /// <summary>BP4 of layer l, one call: W^l gets (−η) Σ_i δ^l_i (a^(l−1)_i)ᵀ, or g its gradient.</summary>
    public void WeightStep(int l, bool update, BufferNames names) =>
        _w.Line(_net.Kernel("AccumulateRows") + CSharp.Slice(T, update ? "p" : "g", _net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", " + names.Delta(l) + ", 1, " + N(l) + ", " + names.Prev(l) + ", " + names.Rows + ", " + Scale(update) + ");");

    private string Scale(bool update) => update ? "-learningRate" : _net.Lit(1);
}
