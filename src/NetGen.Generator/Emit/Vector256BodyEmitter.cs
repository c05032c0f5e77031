using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The vector shape, written for exactly this network (single precision, the input and every hidden layer at least
/// one 8-float vector wide; see <see cref="ShapePolicy.HasVectorLayers"/>): constant-bound loops over blocks of 8 rows
/// and 8 columns that call the inlined building blocks of <c>Simd256</c>, so the JIT sees one method with every size a
/// constant, no argument checks and no calls. Each block is guarded by <c>Simd256.IsSupported</c> (AVX2 and FMA, a JIT
/// constant), then the same loops again at 128 bits guarded by <c>Simd128.IsSupported</c> (ARM64, WebAssembly, x64
/// without AVX2: one body for AdvSimd, SIMD128 and SSE); the last branch is the kernel shape's calls
/// (<see cref="KernelCalls"/>), for every other CPU. All branches fill the same buffers, so the output layer's scalar code (softmax, loss, BP1) is written once after them:
/// as loops (<see cref="OutputLoops"/>), or unrolled (<see cref="UnrolledOutput"/>) when the layer is narrower than a vector.
/// </summary>
internal sealed partial class Vector256BodyEmitter : BodyEmitter
{
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal.";

    /// <summary>AVX2 + FMA: 8 floats per vector (<c>Simd256</c>).</summary>
    private static readonly Isa Avx2 = new(RuntimeNames.Simd256, "Simd256.IsSupported", "AVX2 + FMA", 8, "Vector256", "DotRows8", "AddScaledRows8", "AVX2 + FMA (a constant to the JIT, which compiles only one of the branches): Vector256 code, 8 floats per vector");

    /// <summary>ARM64 AdvSimd, WebAssembly SIMD128, x64 SSE without AVX2: 4 floats per vector (<c>Simd128</c>).</summary>
    private static readonly Isa Sse = new(RuntimeNames.Simd128, "Simd128.IsSupported", "ARM64 AdvSimd, WebAssembly SIMD128, x64 without AVX2", 4, "Vector128", "DotRows4", "AddScaledRows4", "128-bit vectors (ARM64 AdvSimd, WebAssembly SIMD128, x64 without AVX2): Vector128 code, 4 floats per vector, no fused multiply-add");

    private readonly KernelCalls _kernels;
    private readonly OutputLoops _loops;
    private readonly UnrolledOutput _unrolled;

    public Vector256BodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
        _kernels = new KernelCalls(topology, writer);
        _loops = new OutputLoops(topology, writer);
        _unrolled = new UnrolledOutput(topology, writer);
    }

    /// <summary>
    /// An output layer narrower than one vector (the usual regressor or small classifier) is written unrolled, with a
    /// local per unit, after either branch: its few scalar exps, the loss and BP1 are then straight-line code. 24-8-2
    /// TrainStep measured 94 ns with loops over the output buffers, 79 ns so.
    /// </summary>
    private bool SmallOutput => N(L) < ShapePolicy.VectorWidth;

    /// <summary>The vector widths written: Vector256, and Vector128 where the planner chose it (<see cref="CodeShape.Vector128"/>).</summary>
    private Isa[] Widths => Net.Shape.Vector128 ? new[] { Avx2, Sse } : new[] { Avx2 };

    private int N(int l) => Net.Sizes[l];

    /// <summary>Rows of layer l in whole blocks of one vector (the N mod width left over are computed one at a time).</summary>
    private int Blocks(int l, Isa isa) => N(l) - (N(l) % isa.Width);

    /// <summary>"3 vectors", or "30 floats: 3 vectors and an overlapping last one".</summary>
    private static string Vectors(int n, Isa isa) =>
        n % isa.Width == 0
            ? (n / isa.Width) + (n == isa.Width ? " vector" : " vectors")
            : n + " floats: " + (n / isa.Width) + (n / isa.Width == 1 ? " vector" : " vectors") + " and an overlapping last one";

    private static string Ref(int l) => l == 0 ? "rx" : "ra" + l;

    public override IEnumerable<ScratchBuffer> ScratchFields() => ShapePolicy.ScratchBuffers(Net.Sizes, Net.Model.Activations.ToArray());

    public override void Locals(bool gradients, bool deltas)
    {
        base.Locals(gradients, deltas);
        KernelBodyEmitter.BufferLocals(W, Net, deltas);
    }

    /// <summary>
    /// <c>for (int v = from; v &lt; to; v += step)</c> around <paramref name="body"/>; a loop of a single pass is written
    /// as its body alone, with the index a constant.
    /// </summary>
    private void Loop(string v, int from, int to, int step, System.Action<Index> body)
    {
        if (from + step >= to)
        {
            body(new Index(null, from));
            return;
        }

        using (W.Block("for (int " + v + " = " + from + "; " + v + " < " + to + "; " + v + (step == 1 ? "++" : " += " + step) + ")"))
        {
            body(new Index(v, 0));
        }
    }

    private System.IDisposable Accelerated(Isa isa)
    {
        System.IDisposable block = W.Block((isa == Avx2 ? "if (" : "else if (") + isa.Helper + "IsSupported)");
        W.Comment(isa.Comment);
        return block;
    }

    private System.IDisposable Otherwise()
    {
        System.IDisposable block = W.Block("else");
        W.Comment("Any other CPU: the runtime's SIMD kernels");
        return block;
    }

    /// <summary>ref locals over the parameters, the input and the activation buffers (the Simd256 members take refs and offsets).</summary>
    private void References(bool gradients, bool deltas, Isa isa)
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
            // The output layer's whole blocks store z (and, but for the softmax, a) as vectors.
            if (!SmallOutput && Blocks(L, isa) > 0)
            {
                if (Net.Model.Output != Activation.Softmax)
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
        foreach (Isa isa in Widths)
        {
            using (Accelerated(isa))
            {
                W.Line(ForwardMethod(isa) + "(input);");
            }
        }

        using (Otherwise())
        {
            _kernels.Layers(BufferNames.Single);
            if (!SmallOutput && Net.Model.Output != Activation.Softmax)
            {
                _loops.Activation();
            }
        }

        W.Line();
        if (SmallOutput)
        {
            W.Comment("Output activation: " + Equations.OutputActivation(Net) + ", one unit at a time, from z" + Notation.Sup(L) + " as every branch left it in its buffer");
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + _unrolled.Z(j) + " = z" + L + "[" + j + "];");
            }

            _unrolled.Activation();
        }
        else if (Net.Model.Output == Activation.Softmax)
        {
            // The softmax needs the whole row (and Loss reads its zMax and sum): once, after either branch.
            _loops.Activation();
        }
    }

    /// <summary>The private method of one width's forward layers, e.g. <c>ForwardVector256</c>.</summary>
    private static string ForwardMethod(Isa isa) => ShapePolicy.VectorMethod("Forward", isa.VectorType);

    /// <summary>The private method of one width's backpropagation into the gradients (<c>BackwardVector256</c>) or into the step (<c>StepVector256</c>).</summary>
    private static string BackwardMethod(Isa isa, bool update) => ShapePolicy.VectorMethod(update ? "Step" : "Backward", isa.VectorType);

    /// <summary>
    /// The vector code of each width as private methods of their own, which the public members call from their
    /// <c>IsSupported</c> branches. The JIT inlines into a method's dead branches too, and its inlining budget is per
    /// method: with all widths in one body, 64-32-10's TrainStep at 128 bits (x64, DOTNET_EnableAVX2=0) ran out of it
    /// and left AddScaled and Load as calls (585 ns; on their own, every building block inlines). A CPU compiles only
    /// the width it runs.
    /// </summary>
    public override void Helpers()
    {
        string span = "global::System.ReadOnlySpan<float>";
        foreach (Isa isa in Widths)
        {
            NetworkEmitter.PrivateMember(W, "The forward pass's layers in " + isa.VectorType + " code (" + isa.Cpus + "): a" + Notation.Sup(1) + ".." + "a" + Notation.Sup(L - 1) + " and z" + Notation.Sup(L) + (SmallOutput || Net.Model.Output == Activation.Softmax ? string.Empty : ", a" + Notation.Sup(L)) + " into their buffers. Called from the public members' " + isa.Guard + " branch.");
            using (W.Block("private void " + ForwardMethod(isa) + "(" + span + " input)"))
            {
                base.Locals(gradients: false, deltas: false);
                KernelBodyEmitter.BufferLocals(W, Net, deltas: false);
                References(gradients: false, deltas: false, isa);
                for (int l = 1; l <= L; l++)
                {
                    VectorLayer(l, isa);
                }
            }

            foreach (bool update in new[] { false, true })
            {
                NetworkEmitter.PrivateMember(W, "Backpropagation in " + isa.VectorType + " code (" + isa.Cpus + "), from δ" + Notation.Sup(L) + " in its buffer: BP2 down to δ" + Notation.Sup(1) + ", then " + (update ? "the step θ ← θ − η ∂E/∂θ (BP3, BP4)" : "∂E/∂θ added into the gradients (BP3, BP4)") + ". Called from the public members' " + isa.Guard + " branch.");
                using (W.Block("private void " + BackwardMethod(isa, update) + "(" + span + " input" + (update ? ", float learningRate" : string.Empty) + ")"))
                {
                    base.Locals(gradients: !update, deltas: true);
                    KernelBodyEmitter.BufferLocals(W, Net, deltas: true);
                    References(gradients: !update, deltas: true, isa);
                    // Layer by layer from the output down: BP2 reads W^l before its own update overwrites it.
                    for (int l = L; l >= 1; l--)
                    {
                        if (l > 1)
                        {
                            VectorBackError(l - 1, isa);
                        }

                        VectorSink(l, update, isa);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether a hidden layer's activation is applied in a pass of its own after the layer's dot products (sigmoid
    /// and tanh: an exp and a division per vector) instead of on each block's result. 64-32-10's forward pass at 128
    /// bits (x64, DOTNET_EnableAVX2=0) measured 226-234 ns fused, 215 ns so.
    /// </summary>
    private static bool SeparateActivation(Activation f, Isa isa) => isa == Sse && f is Activation.Sigmoid or Activation.Tanh;

    public override void WriteOutput()
    {
        if (SmallOutput)
        {
            _unrolled.WriteOutput();
        }
        else
        {
            _loops.WriteOutput();
        }
    }

    public override void Loss()
    {
        if (SmallOutput)
        {
            _unrolled.Loss();
        }
        else
        {
            _loops.Loss();
        }
    }

    /// <summary>
    /// z^l = W^l a^(l-1) + b^l and a^l = f(z^l), a block of rows (one vector's width) at a time; the last N mod width
    /// rows as one more block overlapping the one before, or one by one in an output layer narrower than a vector.
    /// </summary>
    private void VectorLayer(int l, Isa isa)
    {
        int n = N(l - 1);
        string s = Notation.Sup(l);
        Activation f = Net.ActivationOf(l);
        bool output = l == L;
        bool activate = f != Activation.Softmax;
        W.Line();
        W.Comment(Equations.Layer(Net, l));

        // One block of rows j..j+w-1: their dot products, plus the bias; stored as a, or as z (and a) at the output.
        void Block(Index j, bool fused, string zName = "z")
        {
            string bias = Net.Bias ? " + " + isa.Helper + "Load(ref rp, " + j.At(Net.BiasOffset[l]) + ")" : string.Empty;
            string z = isa.Helper + isa.DotRows + "(ref rp, " + j.At(Net.WeightOffset[l], n) + ", " + n + ", ref " + Ref(l - 1) + ")" + bias;
            if (!output)
            {
                W.Line(isa.Helper + "Store(ref " + Ref(l) + ", " + j + ", " + (fused ? MathText.ApplyVector(f, z, isa.Helper) : z) + ");");
                return;
            }

            W.Line("global::System.Runtime.Intrinsics." + isa.VectorType + "<float> " + zName + " = " + z + ";");
            W.Line(isa.Helper + "Store(ref rz" + L + ", " + j + ", " + zName + ");");
            if (activate)
            {
                W.Line(isa.Helper + "Store(ref ra" + L + ", " + j + ", " + MathText.ApplyVector(f, zName, isa.Helper) + ");");
            }
        }

        // An output layer narrower than 8 is written one unit at a time at every width (the code after the branches reads its z).
        bool separate = !output && SeparateActivation(f, isa);
        if (Blocks(l, isa) > 0 && !(output && SmallOutput))
        {
            W.Comment(isa.Width + " rows of W" + s + " per pass: their " + isa.Width + " dot products with " + Equations.Input(l) + " (" + Vectors(n, isa)
                + " each) accumulate in " + isa.Width + " registers and are reduced across lanes together into z" + s + "_j..j+" + (isa.Width - 1));
            Loop("j", 0, Blocks(l, isa), isa.Width, j => Block(j, fused: !separate));
        }

        if (separate && Blocks(l, isa) > 0)
        {
            W.Comment("a" + s + " = " + f + "(z" + s + ") over the whole blocks, in a pass of its own: the blocks' activations are then independent of the dot products around them, and the CPU overlaps their long chains (exp, a division)");
            Loop("j", 0, Blocks(l, isa), isa.Width, j => W.Line(isa.Helper + "Store(ref " + Ref(l) + ", " + j + ", " + MathText.ApplyVector(f, isa.Helper + "Load(ref " + Ref(l) + ", " + j + ")", isa.Helper) + ");"));
        }

        if (output && SmallOutput)
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line("z" + L + "[" + j + "] = " + isa.Helper + "Dot(ref rp, " + (Net.WeightOffset[l] + (j * n)) + ", " + n + ", ref " + Ref(l - 1) + ")"
                    + (Net.Bias ? " + p[" + (Net.BiasOffset[l] + j) + "]" : string.Empty) + ";");
            }
        }
        else if (Blocks(l, isa) < N(l))
        {
            // Rows Blocks..N-1 as one more block that ends at row N-1 and overlaps the one before: a row's dot product
            // does not depend on the block it is computed in, so the overlapped rows get the same bits again (and their
            // activation is recomputed from the same z: fused here, after the separate pass above).
            int last = N(l) - isa.Width;
            W.Comment("The last " + (N(l) - Blocks(l, isa)) + (N(l) - Blocks(l, isa) == 1 ? " row" : " rows") + ": one more block, rows " + last + ".." + (N(l) - 1) + ", overlapping the one before (the overlap gets the same values again)");
            Block(new Index(null, last), fused: true, zName: "zLast");
        }
    }

    public override void Backpropagate(bool update, bool fromGradient = false)
    {
        if (SmallOutput)
        {
            _unrolled.Errors(fromGradient);
            for (int j = 0; j < N(L); j++)
            {
                W.Line("d" + L + "[" + j + "] = " + UnrolledOutput.D(L, j) + ";");
            }
        }
        else
        {
            _loops.Errors(fromGradient);
        }

        W.Line();
        foreach (Isa isa in Widths)
        {
            using (Accelerated(isa))
            {
                W.Line(BackwardMethod(isa, update) + "(input" + (update ? ", learningRate" : string.Empty) + ");");
            }
        }

        using (Otherwise())
        {
            _kernels.HiddenErrors(BufferNames.Single);
            _kernels.Sink(update, BufferNames.Single);
        }
    }

    /// <summary>The input gradient by the kernels on every CPU: δ¹ is in its buffer after either branch.</summary>
    public override void InputGradient() => _kernels.InputGradient(BufferNames.Single, "inputGradient");

    /// <summary>BP2 for layer l, 8 units at a time: a column block of (W^(l+1))ᵀ δ^(l+1), times f'(z^l).</summary>
    private void VectorBackError(int l, Isa isa)
    {
        string s = Notation.Sup(l + 1);
        W.Line();
        W.Comment(Equations.BackError(Net, l));
        W.Comment(isa.Width + " units per pass: Σ_j W" + s + "_jk δ" + s + "_j for k..k+" + (isa.Width - 1) + ", one row of W" + s + " (" + N(l + 1) + " in all) at a time");
        Loop("k", 0, Blocks(l, isa), isa.Width, k => W.Line(isa.Helper + "Store(ref rd" + l + ", " + k + ", " + BackErrorBlock(l, k, isa) + ");"));

        if (Blocks(l, isa) < N(l))
        {
            int last = N(l) - isa.Width;
            W.Comment("The last " + (N(l) - Blocks(l, isa)) + " units: one more block, " + last + ".." + (N(l) - 1) + ", overlapping the one before (the overlap gets the same values again)");
            W.Line(isa.Helper + "Store(ref rd" + l + ", " + last + ", " + BackErrorBlock(l, new Index(null, last), isa) + ");");
        }
    }

    /// <summary>One block of 8 units of δ^l starting at <paramref name="k"/>: a column block of (W^(l+1))ᵀ δ^(l+1), times f'(z^l).</summary>
    private string BackErrorBlock(int l, Index k, Isa isa)
    {
        string back = isa.Helper + "ColumnDot(ref rp, " + k.At(Net.WeightOffset[l + 1]) + ", " + N(l) + ", " + N(l + 1) + ", ref rd" + (l + 1) + ")";
        return MathText.TimesDerivativeVector(Net.ActivationOf(l), back, isa.Helper + "Load(ref " + Ref(l) + ", " + k + ")", isa.Helper);
    }

    /// <summary>BP3 and BP4 for layer l: the bias row, then W^l one row per unit (a rank-one update).</summary>
    private void VectorSink(int l, bool update, Isa isa)
    {
        string target = update ? "rp" : "rg";
        if (Net.Bias)
        {
            W.Line();
            W.Comment(Equations.BiasGradient(l, update));
            if (Blocks(l, isa) > 0 && !(SmallOutput && l == L))
            {
                W.Line(isa.Helper + "AddScaled(ref " + target + ", " + Net.BiasOffset[l] + ", " + Blocks(l, isa) + ", " + (update ? "-learningRate" : "1f") + ", ref rd" + l + ");");
            }

            // The output layer's last N mod 8 units (all of them when it is narrower than a vector), one at a time.
            string array = update ? "p" : "g";
            string op = update ? " -= learningRate * " : " += ";
            if (SmallOutput && l == L)
            {
                for (int j = 0; j < N(l); j++)
                {
                    W.Line(array + "[" + (Net.BiasOffset[l] + j) + "]" + op + "d" + l + "[" + j + "]" + ";");
                }
            }
            else if (Blocks(l, isa) < N(l))
            {
                Loop("j", Blocks(l, isa), N(l), 1, j => W.Line(array + "[" + j.At(Net.BiasOffset[l]) + "]" + op + "d" + l + "[" + j + "];"));
            }
        }

        W.Line();
        W.Comment(Equations.WeightGradient(l, update));
        string scaled = (update ? "−η δ" : "δ") + Notation.Sup(l) + "_j times " + Equations.Input(l);
        int rowBlocks = Blocks(l, isa);
        if (rowBlocks > 0)
        {
            // The rows of a block share each vector of the input: both helpers read it once per 4 rows, not once per row.
            W.Comment(isa.Width + " rows of W" + Notation.Sup(l) + " per pass: row j gets " + scaled + " (" + Vectors(N(l - 1), isa) + ", each read once per 4 rows)");
            Loop("j", 0, rowBlocks, isa.Width, j => W.Line(isa.Helper + isa.ScaledRows + "(ref " + target + ", " + j.At(Net.WeightOffset[l], N(l - 1)) + ", " + N(l - 1) + ", "
                + isa.Helper + "Load(ref rd" + l + ", " + j + ")" + (update ? " * -learningRate" : string.Empty) + ", ref " + Ref(l - 1) + ");"));
        }

        if (rowBlocks < N(l))
        {
            W.Comment((rowBlocks > 0 ? "The last " + (N(l) - rowBlocks) + (N(l) - rowBlocks == 1 ? " row" : " rows") + ": row j" : "Row j") + " of W" + Notation.Sup(l) + " gets " + scaled + ", " + Vectors(N(l - 1), isa) + " per row");
            Loop("j", rowBlocks, N(l), 1, j => W.Line(isa.Helper + "AddScaled(ref " + target + ", " + j.At(Net.WeightOffset[l], N(l - 1)) + ", " + N(l - 1) + ", "
                + (update ? "-learningRate * d" + l + "[" + j + "]" : "d" + l + "[" + j + "]") + ", ref " + Ref(l - 1) + ");"));
        }
    }
}
