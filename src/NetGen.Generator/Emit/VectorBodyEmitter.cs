using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// The loop shape written as Vector256 code for exactly this network (single precision, the input and every hidden
/// layer at least one 8-float vector wide; see <see cref="Topology.HasVectorLayers"/>): constant-bound loops over blocks of
/// 8 rows and 8 columns that call the inlined building blocks of <c>NetGen.Simd256</c>, so the JIT sees one method
/// with every size a constant, no argument checks and no calls. Each block is guarded by
/// <c>Simd256.IsSupported</c> (AVX2 and FMA, a JIT constant); the other branch is <see cref="LoopBodyEmitter"/>'s
/// kernel calls, for every other CPU. Both branches fill the same buffers, so the scalar output layer code (softmax,
/// loss, BP1) is written once.
/// </summary>
internal sealed class VectorBodyEmitter : LoopBodyEmitter
{
    private const string Simd = MathText.Simd256;
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal.";
    private const int Width = Topology.VectorWidth;

    private readonly UnrolledBodyEmitter _outputs;

    public VectorBodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
        _outputs = new UnrolledBodyEmitter(topology, writer);
    }

    /// <summary>
    /// An output layer narrower than one vector (the usual regressor or small classifier) is written unrolled, with a
    /// local per unit, after either branch: its few scalar exps, the loss and BP1 are then straight-line code. 24-8-2
    /// TrainStep measured 94 ns with loops over the output buffers, 79 ns so.
    /// </summary>
    private bool SmallOutput => N(L) < Width;

    private int N(int l) => Net.Sizes[l];

    /// <summary>Rows of layer l in whole blocks of 8 (the N mod 8 left over are computed one at a time).</summary>
    private int Blocks(int l) => N(l) - (N(l) % Width);

    /// <summary>"3 vectors", or "30 floats: 3 vectors and an overlapping last one".</summary>
    private static string Vectors(int n) =>
        n % Width == 0
            ? (n / Width) + (n == Width ? " vector" : " vectors")
            : n + " floats: " + (n / Width) + (n / Width == 1 ? " vector" : " vectors") + " and an overlapping last one";

    private static string Ref(int l) => l == 0 ? "rx" : "ra" + l;

    private static string Input(int l) => l == 1 ? "x" : "a" + Topology.Sup(l - 1);

    private System.IDisposable Accelerated()
    {
        System.IDisposable block = W.Block("if (" + Simd + "IsSupported)");
        W.Comment("AVX2 + FMA (a constant to the JIT, which compiles only one of the two branches): Vector256 code, 8 floats per vector");
        return block;
    }

    private System.IDisposable Otherwise()
    {
        System.IDisposable block = W.Block("else");
        W.Comment("Any other CPU: the runtime's SIMD kernels");
        return block;
    }

    /// <summary>ref locals over the parameters, the input and the activation buffers (the Simd256 members take refs and offsets).</summary>
    private void References(bool gradients, bool deltas)
    {
        W.Line("ref float rp = ref " + Marshal + "GetArrayDataReference(p);");
        if (gradients)
        {
            W.Line("ref float rg = ref " + Marshal + "GetArrayDataReference(g);");
        }

        W.Line("ref float rx = ref " + Marshal + "GetReference(input);");
        for (int l = 1; l < L; l++)
        {
            W.Line("ref float " + Ref(l) + " = ref " + Marshal + "GetArrayDataReference(a" + l + ");");
        }

        if (!deltas)
        {
            if (SmallOutput)
            {
                return;
            }

            // The output layer's whole blocks store z (and, but for the softmax, a) as vectors.
            if (Blocks(L) > 0)
            {
                if (Output != Activation.Softmax)
                {
                    W.Line("ref float ra" + L + " = ref " + Marshal + "GetArrayDataReference(a" + L + ");");
                }

                W.Line("ref float rz" + L + " = ref " + Marshal + "GetArrayDataReference(z" + L + ");");
            }

            return;
        }

        for (int l = 1; l <= L; l++)
        {
            W.Line("ref float rd" + l + " = ref " + Marshal + "GetArrayDataReference(d" + l + ");");
        }
    }

    public override void Forward()
    {
        if (SmallOutput)
        {
            W.Line(T + " " + string.Join(", ", Enumerable.Range(0, N(L)).Select(_outputs.Z)) + "; // z" + Topology.Sup(L) + ", the output layer's pre-activations");
        }

        using (Accelerated())
        {
            References(gradients: false, deltas: false);
            for (int l = 1; l <= L; l++)
            {
                VectorLayer(l);
            }
        }

        using (Otherwise())
        {
            Layers(Names.Single);
            if (SmallOutput)
            {
                for (int j = 0; j < N(L); j++)
                {
                    W.Line(_outputs.Z(j) + " = z" + L + "[" + j + "];");
                }
            }
            else if (Output != Activation.Softmax)
            {
                OutputActivation();
            }
        }

        W.Line();
        if (SmallOutput)
        {
            W.Comment("Output activation: a" + Topology.Sup(L) + " = " + MathText.Name(Output) + "(z" + Topology.Sup(L) + "), one unit at a time");
            _outputs.OutputActivation();
        }
        else if (Output == Activation.Softmax)
        {
            // The softmax needs the whole row (and Loss reads its zMax and sum): once, after either branch.
            OutputActivation();
        }
    }

    public override void WriteOutput()
    {
        if (SmallOutput)
        {
            _outputs.WriteOutput();
        }
        else
        {
            base.WriteOutput();
        }
    }

    public override void Loss()
    {
        if (SmallOutput)
        {
            _outputs.Loss();
        }
        else
        {
            base.Loss();
        }
    }

    /// <summary>z^l = W^l a^(l-1) + b^l and a^l = f(z^l), 8 rows at a time; the output layer's last N mod 8 rows one by one.</summary>
    private void VectorLayer(int l)
    {
        int n = N(l - 1);
        string s = Topology.Sup(l);
        Activation f = Net.ActivationOf(l);
        bool output = l == L;
        bool activate = f != Activation.Softmax;
        W.Line();
        LayerComment(l);
        string bias = Net.Bias ? " + " + Simd + "Load(ref rp, " + Net.BiasOffset[l] + " + j)" : string.Empty;
        if (Blocks(l) > 0)
        {
            W.Comment("8 rows of W" + s + " per pass: their 8 dot products with " + Input(l) + " (" + Vectors(n)
                + " each) accumulate in 8 registers and are reduced across lanes together into z" + s + "_j..j+7");
            using (W.Block("for (int j = 0; j < " + Blocks(l) + "; j += " + Width + ")"))
            {
                string z = Simd + "DotRows8(ref rp, " + Net.WeightOffset[l] + " + (j * " + n + "), " + n + ", ref " + Ref(l - 1) + ")" + bias;
                if (!output)
                {
                    W.Line(Simd + "Store(ref " + Ref(l) + ", j, " + MathText.ApplyVector(f, z) + ");");
                }
                else
                {
                    W.Line("global::System.Runtime.Intrinsics.Vector256<float> z = " + z + ";");
                    W.Line(Simd + "Store(ref rz" + L + ", j, z);");
                    if (activate)
                    {
                        W.Line(Simd + "Store(ref ra" + L + ", j, " + MathText.ApplyVector(f, "z") + ");");
                    }
                }
            }
        }

        if (output && SmallOutput)
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line(_outputs.Z(j) + " = " + Simd + "Dot(ref rp, " + (Net.WeightOffset[l] + (j * n)) + ", " + n + ", ref " + Ref(l - 1) + ")"
                    + (Net.Bias ? " + p[" + (Net.BiasOffset[l] + j) + "]" : string.Empty) + ";");
            }
        }
        else if (Blocks(l) < N(l))
        {
            W.Comment("The last " + (N(l) - Blocks(l)) + (N(l) - Blocks(l) == 1 ? " row" : " rows") + ", one dot product each");
            using (W.Block("for (int j = " + Blocks(l) + "; j < " + N(l) + "; j++)"))
            {
                string dot = Simd + "Dot(ref rp, " + Net.WeightOffset[l] + " + (j * " + n + "), " + n + ", ref " + Ref(l - 1) + ")"
                    + (Net.Bias ? " + p[" + Net.BiasOffset[l] + " + j]" : string.Empty);
                if (!output)
                {
                    W.Line("a" + l + "[j] = " + MathText.Apply(f, dot) + ";");
                }
                else
                {
                    W.Line("z" + L + "[j] = " + dot + ";");
                    if (activate)
                    {
                        W.Line("a" + L + "[j] = " + MathText.Apply(f, "z" + L + "[j]") + ";");
                    }
                }
            }
        }
    }

    public override void Backpropagate(bool update)
    {
        if (SmallOutput)
        {
            _outputs.OutputErrors();
            for (int j = 0; j < N(L); j++)
            {
                W.Line("d" + L + "[" + j + "] = " + UnrolledBodyEmitter.D(L, j) + ";");
            }
        }
        else
        {
            OutputErrors();
        }

        W.Line();
        using (Accelerated())
        {
            References(gradients: !update, deltas: true);
            // Layer by layer from the output down: BP2 reads W^l before its own update overwrites it.
            for (int l = L; l >= 1; l--)
            {
                if (l > 1)
                {
                    VectorBackError(l - 1);
                }

                VectorSink(l, update);
            }
        }

        using (Otherwise())
        {
            HiddenErrors(Names.Single);
            Sink(update, Names.Single);
        }
    }

    /// <summary>BP2 for layer l, 8 units at a time: a column block of (W^(l+1))ᵀ δ^(l+1), times f'(z^l).</summary>
    private void VectorBackError(int l)
    {
        string s = Topology.Sup(l + 1);
        W.Line();
        BackErrorComment(l);
        W.Comment("8 units per pass: Σ_j W" + s + "_jk δ" + s + "_j for k..k+7, one row of W" + s + " (" + N(l + 1) + " in all) at a time");
        using (W.Block("for (int k = 0; k < " + Blocks(l) + "; k += " + Width + ")"))
        {
            W.Line(Simd + "Store(ref rd" + l + ", k, " + BackErrorBlock(l, "k") + ");");
        }

        if (Blocks(l) < N(l))
        {
            int last = N(l) - Width;
            W.Comment("The last " + (N(l) - Blocks(l)) + " units: one more block, " + last + ".." + (N(l) - 1) + ", overlapping the one before (the overlap gets the same values again)");
            W.Line(Simd + "Store(ref rd" + l + ", " + last + ", " + BackErrorBlock(l, last.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ");");
        }
    }

    /// <summary>One block of 8 units of δ^l starting at <paramref name="k"/>: a column block of (W^(l+1))ᵀ δ^(l+1), times f'(z^l).</summary>
    private string BackErrorBlock(int l, string k)
    {
        string back = Simd + "ColumnDot(ref rp, " + Net.WeightOffset[l + 1] + " + " + k + ", " + N(l) + ", " + N(l + 1) + ", ref rd" + (l + 1) + ")";
        return MathText.TimesDerivativeVector(Net.Model.Hidden, back, Simd + "Load(ref " + Ref(l) + ", " + k + ")");
    }

    /// <summary>BP3 and BP4 for layer l: the bias row, then W^l one row per unit (a rank-one update).</summary>
    private void VectorSink(int l, bool update)
    {
        string target = update ? "rp" : "rg";
        SinkComments(l, update, out string biasComment, out string weightComment);
        if (Net.Bias)
        {
            W.Line();
            W.Comment(biasComment);
            if (Blocks(l) > 0)
            {
                W.Line(Simd + "AddScaled(ref " + target + ", " + Net.BiasOffset[l] + ", " + Blocks(l) + ", " + (update ? "-learningRate" : "1f") + ", ref rd" + l + ");");
            }

            // The output layer's last N mod 8 units (all of them when it is narrower than a vector), one at a time.
            string array = update ? "p" : "g";
            string op = update ? " -= learningRate * " : " += ";
            if (SmallOutput && l == L)
            {
                for (int j = 0; j < N(l); j++)
                {
                    W.Line(array + "[" + (Net.BiasOffset[l] + j) + "]" + op + UnrolledBodyEmitter.D(l, j) + ";");
                }
            }
            else if (Blocks(l) < N(l))
            {
                using (W.Block("for (int j = " + Blocks(l) + "; j < " + N(l) + "; j++)"))
                {
                    W.Line(array + "[" + Net.BiasOffset[l] + " + j]" + op + "d" + l + "[j];");
                }
            }
        }

        W.Line();
        W.Comment(weightComment);
        W.Comment("Row j of W" + Topology.Sup(l) + " gets " + (update ? "−η δ" : "δ") + Topology.Sup(l) + "_j times " + Input(l) + ", " + Vectors(N(l - 1)) + " per row");
        using (W.Block("for (int j = 0; j < " + N(l) + "; j++)"))
        {
            W.Line(Simd + "AddScaled(ref " + target + ", " + Net.WeightOffset[l] + " + (j * " + N(l - 1) + "), " + N(l - 1) + ", "
                + (update ? "-learningRate * d" + l + "[j]" : "d" + l + "[j]") + ", ref " + Ref(l - 1) + ");");
        }
    }
}
