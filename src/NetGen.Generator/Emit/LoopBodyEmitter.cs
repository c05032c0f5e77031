using System.Collections.Generic;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// Constant-bound loops over preallocated per-instance buffers (a1, d1, ...), for networks too large to unroll:
/// the same equations as <see cref="UnrolledBodyEmitter"/>, with the unit index j and input index k as loop variables.
/// </summary>
internal class LoopBodyEmitter : BodyEmitter
{
    public LoopBodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
    }

    private int N(int l) => Net.Sizes[l];

    private string Zero => Net.Lit(0);

    public override IEnumerable<(string Name, int Length, string Comment)> ScratchFields() =>
        ScratchFields(Net.Sizes);

    /// <summary>
    /// The per-instance buffers of a network with these sizes (input first): a^1..a^L, z^L, δ^1..δ^L. One list for
    /// the fields the emitter declares and the names the parser checks for collisions.
    /// </summary>
    internal static IEnumerable<(string Name, int Length, string Comment)> ScratchFields(IReadOnlyList<int> sizes)
    {
        int layers = sizes.Count - 1;
        for (int l = 1; l <= layers; l++)
        {
            yield return ("_a" + l, sizes[l], "a" + Topology.Sup(l) + ", the activations of layer " + l);
        }

        yield return ("_z" + layers, sizes[layers], "z" + Topology.Sup(layers) + ", the output layer's pre-activations");
        for (int l = 1; l <= layers; l++)
        {
            yield return ("_d" + l, sizes[l], "δ" + Topology.Sup(l) + " = ∂E/∂z" + Topology.Sup(l) + ", the errors of layer " + l);
        }
    }

    public override void Locals(bool gradients, bool deltas)
    {
        base.Locals(gradients, deltas);
        for (int l = 1; l <= L; l++)
        {
            W.Line(T + "[] a" + l + " = _a" + l + ";");
        }

        W.Line(T + "[] z" + L + " = _z" + L + ";");
        if (deltas)
        {
            for (int l = 1; l <= L; l++)
            {
                W.Line(T + "[] d" + l + " = _d" + l + ";");
            }
        }
    }

    private System.IDisposable For(string variable, int from, int to) =>
        W.Block("for (int " + variable + " = " + from + "; " + variable + " < " + to + "; " + variable + "++)");

    /// <summary>What the buffers are called: per example (a1, z2, d1; 1 row) or per batch (A1, Z2, D1; m rows).</summary>
    internal sealed class Names
    {
        public static readonly Names Single = new("1", "input", "a", "z", "d");
        public static readonly Names Batch = new("m", "inputs", "A", "Z", "D");

        private Names(string rows, string input, string act, string z, string delta)
        {
            Rows = rows;
            Input = input;
            ActPrefix = act;
            ZPrefix = z;
            DeltaPrefix = delta;
        }

        public string Rows { get; }

        public string Input { get; }

        public string ActPrefix { get; }

        public string ZPrefix { get; }

        public string DeltaPrefix { get; }

        public string Act(int l) => ActPrefix + l;

        public string Z(int l) => ZPrefix + l;

        public string Delta(int l) => DeltaPrefix + l;

        public string Prev(int l) => l == 1 ? Input : Act(l - 1);
    }

    public override void Forward()
    {
        Layers(Names.Single);
        OutputActivation();
    }

    /// <summary>z^l = W^l a^(l-1) + b^l and a^l = f(z^l) for the hidden layers; z^L for the output layer.</summary>
    internal void Layers(Names names)
    {
        for (int l = 1; l <= L; l++)
        {
            W.Line();
            LayerComment(l);
            string bias = Net.Bias ? NetworkEmitter.ReadOnlySlice(T, "p", Net.BiasOffset[l], N(l)) : "global::System.ReadOnlySpan<" + T + ">.Empty";
            string z = l < L ? names.Act(l) : names.Z(L);
            W.Comment("SIMD matrix product (register-blocked): z" + Topology.Sup(l) + "_j = Σ_k W" + Topology.Sup(l) + "_jk " + (l == 1 ? "x" : "a" + Topology.Sup(l - 1)) + "_k" + (Net.Bias ? " + b" + Topology.Sup(l) + "_j" : string.Empty)
                + (names.Rows == "1" ? string.Empty : ", for each of the m examples (rows)"));
            W.Line(Net.Kernel("MultiplyTransposed") + names.Prev(l) + ", " + Net.WeightSpan(l) + ", " + bias + ", " + z + ", " + names.Rows + ", " + N(l) + ", " + N(l - 1) + ");");
            if (l < L && Net.Model.Hidden != Activation.Identity)
            {
                W.Line(Net.Kernel("Activate") + z + ", " + names.Act(l) + ", " + Topology.ActivationValue(Net.Model.Hidden) + ");");
            }
        }
    }

    /// <summary>a^L = f(z^L) for one example, from the buffers named a{L} and z{L}.</summary>
    internal void OutputActivation()
    {
        string a = "a" + L;
        string zs = "z" + L;
        if (Output == Activation.Softmax)
        {
            SoftmaxComment();
            W.Line(T + " zMax = " + zs + "[0];");
            using (For("j", 1, N(L)))
            {
                W.Line("zMax = " + MathText.NetMath + "Max(zMax, " + zs + "[j]);");
            }

            W.Line(T + " sum = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line(a + "[j] = " + MathText.NetMath + "Exp(" + zs + "[j] - zMax);");
                W.Line("sum += " + a + "[j];");
            }

            using (For("j", 0, N(L)))
            {
                W.Line(a + "[j] /= sum;");
            }
        }
        else
        {
            using (For("j", 0, N(L)))
            {
                W.Line(a + "[j] = " + MathText.Apply(Output, zs + "[j]") + ";");
            }
        }
    }

    public override void WriteOutput()
    {
        W.Line();
        W.Comment("g = a" + Topology.Sup(L));
        W.Line("global::System.MemoryExtensions.AsSpan(a" + L + ").CopyTo(output);");
    }

    public override void Loss()
    {
        W.Line();
        LossComment();
        string a = "a" + L;
        string z = "z" + L;
        if (!CrossEntropy)
        {
            W.Line(T + " loss = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line(T + " e = " + a + "[j] - target[j];");
                W.Line("loss += e * e;");
            }

            W.Line("loss = " + Net.Lit(0.5) + " * loss;");
        }
        else if (Output == Activation.Softmax)
        {
            W.Line(T + " logSum = zMax + " + MathText.NetMath + "Log(sum);");
            W.Line(T + " loss = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line("loss += target[j] * (logSum - " + z + "[j]);");
            }
        }
        else
        {
            W.Line(T + " loss = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line("loss += " + MathText.NetMath + "SigmoidCrossEntropy(" + z + "[j], target[j]);");
            }
        }
    }

    public override void Deltas()
    {
        OutputErrors();
        HiddenErrors(Names.Single);
    }

    /// <summary>BP1 for one example, from the buffers named a{L}, z{L}, target into d{L}.</summary>
    internal void OutputErrors()
    {
        string a = "a" + L;
        string d = "d" + L;
        W.Line();
        OutputErrorComment();
        if (CrossEntropy && Output == Activation.Softmax)
        {
            W.Line(T + " ySum = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line("ySum += target[j];");
            }

            using (For("j", 0, N(L)))
            {
                W.Line(d + "[j] = " + a + "[j] * ySum - target[j];");
            }
        }
        else if (CrossEntropy)
        {
            using (For("j", 0, N(L)))
            {
                W.Line(d + "[j] = " + a + "[j] - target[j];");
            }
        }
        else if (Output == Activation.Softmax)
        {
            W.Line(T + " eDotG = " + Zero + ";");
            using (For("j", 0, N(L)))
            {
                W.Line("eDotG += (" + a + "[j] - target[j]) * " + a + "[j];");
            }

            using (For("j", 0, N(L)))
            {
                W.Line(d + "[j] = " + a + "[j] * ((" + a + "[j] - target[j]) - eDotG);");
            }
        }
        else
        {
            using (For("j", 0, N(L)))
            {
                W.Line(T + " e = " + a + "[j] - target[j];");
                W.Line(d + "[j] = " + MathText.TimesDerivative(Output, "e", a + "[j]", Net) + ";");
            }
        }

    }

    /// <summary>BP2 for l = L-1..1 as matrix products over all rows.</summary>
    internal void HiddenErrors(Names names)
    {
        for (int l = L - 1; l >= 1; l--)
        {
            W.Line();
            BackErrorComment(l);
            W.Line(names.Rows == "1" ? "global::System.Array.Clear(" + names.Delta(l) + ", 0, " + N(l) + ");" : names.Delta(l) + ".Clear();");
            W.Comment("SIMD: δ" + Topology.Sup(l) + "_k += Σ_j δ" + Topology.Sup(l + 1) + "_j W" + Topology.Sup(l + 1) + "_jk, row by row of W" + Topology.Sup(l + 1));
            W.Line(Net.Kernel("AccumulateRows") + names.Delta(l) + ", " + names.Rows + ", " + N(l) + ", " + names.Delta(l + 1) + ", " + N(l + 1) + ", 1, " + Net.WeightSpan(l + 1) + ", " + N(l + 1) + ", " + Net.Lit(1) + ");");
            if (Net.Model.Hidden != Activation.Identity)
            {
                W.Line(Net.Kernel("MultiplyByDerivative") + names.Delta(l) + ", " + names.Act(l) + ", " + Topology.ActivationValue(Net.Model.Hidden) + ");");
            }
        }
    }

    public override void Sink(bool update) => Sink(update, Names.Single);

    /// <summary>BP3 and BP4 summed over all rows, into g (or, with <paramref name="update"/>, as the step on p).</summary>
    internal void Sink(bool update, Names names)
    {
        string target = update ? "p" : "g";
        string scale = update ? "-learningRate" : Net.Lit(1);
        for (int l = L; l >= 1; l--)
        {
            SinkComments(l, update, out string biasComment, out string weightComment);
            if (Net.Bias)
            {
                W.Line();
                W.Comment(biasComment);
                W.Line(Net.Kernel("AddColumnSums") + names.Delta(l) + ", " + NetworkEmitter.Slice(T, target, Net.BiasOffset[l], N(l)) + ", " + names.Rows + ", " + N(l) + ", " + scale + ");");
            }

            W.Line();
            W.Comment(weightComment);
            W.Comment("SIMD, 4 rows of W" + Topology.Sup(l) + " at a time: row j gets " + (update ? "−η " : string.Empty) + "Σ_i δ" + Topology.Sup(l) + "_ij times row i of " + (l == 1 ? "x" : "a" + Topology.Sup(l - 1)));
            W.Line(Net.Kernel("AccumulateRows") + NetworkEmitter.Slice(T, target, Net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", " + names.Delta(l) + ", 1, " + N(l) + ", " + names.Prev(l) + ", " + names.Rows + ", " + scale + ");");
        }
    }

    /// <summary>Values per example in the batch workspace: A^1..A^L, Z^L, D^1..D^L.</summary>
    internal int BatchValuesPerExample
    {
        get
        {
            int sum = N(L);
            for (int l = 1; l <= L; l++)
            {
                sum += 2 * N(l);
            }

            return sum;
        }
    }

    /// <summary>Declares the batch matrices A1.., Z{L}, D1.. as spans over the (grown on demand) workspace.</summary>
    internal void BatchLocals(bool deltas)
    {
        W.Line(T + "[] p = _parameters;");
        if (deltas)
        {
            W.Line(T + "[] g = _gradients;");
        }

        W.Comment("The batch workspace: A¹..A" + Topology.Sup(L) + ", Z" + Topology.Sup(L) + ", Δ¹..Δ" + Topology.Sup(L) + " as [m, units] row-major; it grows only when a larger batch arrives");
        var workspace = new BatchWorkspace(W, T, BatchValuesPerExample);
        void Matrix(string name, int units) => workspace.Matrix(name, units);

        for (int l = 1; l <= L; l++)
        {
            Matrix("A" + l, N(l));
        }

        Matrix("Z" + L, N(L));
        for (int l = 1; l <= L && deltas; l++)
        {
            Matrix("D" + l, N(l));
        }
    }

    /// <summary>A{L} = f(Z{L}) in one vectorised pass, for every output activation but softmax (which needs whole rows).</summary>
    internal void BatchOutputActivation()
    {
        if (Output != Activation.Softmax)
        {
            W.Line();
            W.Comment("Output activation over the whole batch: a" + Topology.Sup(L) + " = " + MathText.Name(Output) + "(z" + Topology.Sup(L) + ")");
            W.Line(Net.Kernel("Activate") + "Z" + L + ", A" + L + ", " + Topology.ActivationValue(Output) + ");");
        }
    }

    /// <summary>Opens the per-example loop over the output layer, with a{L}, z{L} (and target, d{L}) as row views.</summary>
    internal System.IDisposable OutputRows(bool targets)
    {
        System.IDisposable loop = W.Block("for (int i = 0; i < m; i++)");
        int n = N(L);
        W.Line("global::System.Span<" + T + "> a" + L + " = A" + L + ".Slice(i * " + n + ", " + n + ");");
        if (Output == Activation.Softmax || (targets && CrossEntropy))
        {
            W.Line("global::System.Span<" + T + "> z" + L + " = Z" + L + ".Slice(i * " + n + ", " + n + ");");
        }

        if (targets)
        {
            W.Line("global::System.ReadOnlySpan<" + T + "> target = targets.Slice(i * " + n + ", " + n + ");");
            W.Line("global::System.Span<" + T + "> d" + L + " = D" + L + ".Slice(i * " + n + ", " + n + ");");
        }

        return loop;
    }
}
