using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>The derived facts of a network the emitters share: sizes, parameter offsets, the element type, the code shape.</summary>
internal sealed class Topology
{
    /// <summary>
    /// Networks with at most this many parameters are fully unrolled; larger ones take the loop shape (Vector256 code or
    /// SIMD kernel calls, see <see cref="VectorCode"/>). Chosen so that
    /// no unrolled method reaches RyuJIT's MinOpts limits (20,000 IL instructions, 60,000 IL bytes, 2,000 locals,
    /// 8,000 local references): at 1,006 parameters (16-30-16) TrainStep measured 21,652 IL instructions and a
    /// 1023-1 network's Backward 28,223, so methods would silently run unoptimised; at 512 the largest shapes stay
    /// near half the limit (tests/NetGen.Generator.Tests/Shape/MethodSizeTests.cs measures them).
    /// </summary>
    internal const int UnrollLimit = 512;

    public Topology(NetworkModel model)
    {
        Model = model;
        Sizes = model.Sizes.ToArray();
        L = Sizes.Length - 1;
        ParameterCount = ParameterLayout.Offsets(Sizes, model.Bias, out int[] weightOffset, out int[] biasOffset);
        WeightOffset = weightOffset;
        BiasOffset = biasOffset;
        T = model.Precision == Precision.Double ? "double" : "float";
        Unrolled = IsUnrolled(Sizes, model.Bias, model.Precision, model.Unroll);
        int widest = 0;
        for (int l = 0; l < L; l++)
        {
            widest = System.Math.Max(widest, Sizes[l]);
        }

        TransposedBatch = widest <= TransposedBatchWidth;
        VectorCode = !Unrolled && model.Simd256 && HasVectorLayers(Sizes, model.Precision) && FitsVectorCode(Sizes);
    }

    /// <summary>
    /// The largest weight matrix the Vector256 code takes (64 KB of floats, the size of the core's L1 data cache):
    /// beyond it a step is bound by memory traffic, and the kernels' aligned, twice-unrolled row loops do better.
    /// Measured in one run (TrainStep, Vector256 code vs Eigen): 64-32-10 280 vs 308 ns, but 784-128-10 10.8 vs
    /// 8.95 µs and 784-256-128-10 31.2 vs 22.3 µs, where the kernels measured 9.9 and 26.0 µs.
    /// </summary>
    internal const int VectorCodeMaxWeights = 16384;

    /// <summary>Whether every weight matrix has at most <see cref="VectorCodeMaxWeights"/> entries.</summary>
    public static bool FitsVectorCode(IReadOnlyList<int> sizes)
    {
        for (int l = 1; l < sizes.Count; l++)
        {
            if ((long)sizes[l - 1] * sizes[l] > VectorCodeMaxWeights)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a loop-shape network gets Vector256 code written for its exact shape (with the runtime kernels kept for
    /// CPUs without AVX2 and FMA): single precision, and the input and every hidden layer at least one 8-float vector
    /// wide (a size that is not a multiple of 8 ends in a partial vector that overlaps the one before; the output
    /// layer may have any size). The consumer must reference the runtime's .NET 8+ build
    /// (<see cref="NetworkModel.Simd256"/>), and no weight matrix may exceed <see cref="VectorCodeMaxWeights"/>.
    /// Measured, TrainStep (one example): 24-8-2 kernels 133 ns, this code 73-84 ns (the kernels' calls and argument
    /// checks dominate such a small step); 64-32-10 about 400 vs 280-332 ns.
    /// </summary>
    public static bool HasVectorLayers(IReadOnlyList<int> sizes, Precision precision)
    {
        if (precision != Precision.Single || sizes.Count < 2)
        {
            return false;
        }

        for (int l = 0; l < sizes.Count - 1; l++)
        {
            if (sizes[l] < VectorWidth)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Floats per Vector256.</summary>
    internal const int VectorWidth = 8;

    /// <summary>
    /// The batch members hold the batch one row per unit, the examples along the SIMD lanes, when no layer but the
    /// output is wider than this; above it, one row per example (long dot products over a wide layer). Measured with
    /// tests/NetGen.Benchmarks (per example, BackwardBatch + ApplyGradients, examples along the lanes vs along rows):
    /// 3-4-3 m = 32 20.6 vs 65.4 ns, 24-8-2 m = 200 36.6 vs 58.6 ns (before the faster exp), 784-128-10 m = 32 11.4 vs
    /// 6.9 µs, 784-256-128-10 29.2 vs 22.3 µs; 64-32-10 inference 97 vs 208 ns.
    /// </summary>
    internal const int TransposedBatchWidth = 64;

    /// <summary>
    /// Under <c>Unroll.Auto</c>, a single-precision network with a layer at least this many units wide on both sides
    /// (in and out) takes the loop shape even below <see cref="UnrollLimit"/>: such a layer fills 8 x 8 blocks of
    /// AVX code (8 rows per pass, 8 lanes), while the unrolled code does one scalar multiply-add per weight.
    /// Measured when the loop shape was kernel calls only (TrainStep, float; unrolled vs kernels; the Vector256 code
    /// that now takes most of these is faster still, 24-8-2 73-84 ns): 24-8-2
    /// 249 vs 120 ns, 16-8-4 176 vs 125, 32-8-8 709 vs 156, 12-12-12 365 vs 264, 10-20-10 563 vs 266, 8-8-8 228 vs
    /// 231; but 3-4-3 62 vs 129, 6-6-6 106 vs 211 and 4-16-4 270 vs 306, whose layers are narrower on one side.
    /// Double precision keeps the parameter rule: its vectors hold 4 lanes and its activations are scalar, and the
    /// same comparison came out mixed (24-8-2 353 vs 270 ns, but 12-12-12 408 vs 478 and 8-8-8 179 vs 196).
    /// </summary>
    internal const int VectorBlock = 8;

    /// <summary>Whether a network is emitted as unrolled straight-line code (see <see cref="UnrollLimit"/> and <see cref="VectorBlock"/>).</summary>
    public static bool IsUnrolled(IReadOnlyList<int> sizes, bool bias, Precision precision, Unroll unroll) => unroll switch
    {
        Unroll.Always => true,
        Unroll.Never => false,
        _ => NetworkGenerator.CountParameters(sizes, bias) <= UnrollLimit && !(precision == Precision.Single && HasVectorBlock(sizes)),
    };

    /// <summary>Whether some layer has at least <see cref="VectorBlock"/> units on both sides.</summary>
    public static bool HasVectorBlock(IReadOnlyList<int> sizes)
    {
        for (int l = 1; l < sizes.Count; l++)
        {
            if (sizes[l - 1] >= VectorBlock && sizes[l] >= VectorBlock)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The most parameters <c>Unroll = Unroll.Always</c> accepts (beyond, the source itself becomes unreasonable).</summary>
    internal const int MaxUnrolled = 16384;

    /// <summary>Every member name the emitter declares in the user's type (the parser reports collisions with them).</summary>
    public static IReadOnlyList<string> GeneratedMemberNames(IReadOnlyList<int> sizes, bool bias, Precision precision, Unroll unroll)
    {
        var names = new List<string>
        {
            "InputCount", "OutputCount", "ParameterCount", "Parameters", "Gradients", "Forward", "Loss", "Backward",
            "TrainStep", "ZeroGradients", "ApplyGradients", "InitializeParameters", "ForwardBatch", "BackwardBatch",
            "_parameters", "_gradients", "s_layerSizes", "s_activations", "_batch", "s_bakedParameters",
        };
        if (!IsUnrolled(sizes, bias, precision, unroll))
        {
            names.AddRange(LoopBodyEmitter.ScratchFields(sizes).Select(f => f.Name));
        }

        return names;
    }

    public NetworkModel Model { get; }

    public int[] Sizes { get; }

    /// <summary>Index of the output layer (layers are 0..L, 0 the input).</summary>
    public int L { get; }

    public int[] WeightOffset { get; }

    public int[] BiasOffset { get; }

    public int ParameterCount { get; }

    /// <summary>The element type keyword: <c>float</c> or <c>double</c>.</summary>
    public string T { get; }

    public bool Unrolled { get; }

    /// <summary>Whether the loop shape is written as Vector256 code for this shape (see <see cref="HasVectorLayers"/>).</summary>
    public bool VectorCode { get; }

    /// <summary>Whether the batch members run with the examples along the SIMD lanes (see <see cref="TransposedBatchWidth"/>).</summary>
    public bool TransposedBatch { get; }

    public bool Bias => Model.Bias;

    public Activation ActivationOf(int layer) => layer == L ? Model.Output : Model.Hidden;

    /// <summary>A numeric literal of the element type: <c>0.5f</c> or <c>0.5d</c>.</summary>
    public string Lit(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture) + (Model.Precision == Precision.Double ? "d" : "f");

    /// <summary>The start of a call to a runtime kernel: <c>global::NetGen.Kernels.Name&lt;float&gt;(</c>.</summary>
    public string Kernel(string name) => RuntimeNames.Kernels + name + "<" + T + ">(";

    /// <summary>An activation as the runtime enum value the kernels take.</summary>
    public static string ActivationValue(Activation f) => "global::NetGen.Activation." + f;

    /// <summary>W^l as a read-only span over the parameter array <c>p</c>.</summary>
    public string WeightSpan(int l) => NetworkEmitter.ReadOnlySlice(T, "p", WeightOffset[l], Sizes[l] * Sizes[l - 1]);

    /// <summary>Index of W^l[j, k] in the parameter array.</summary>
    public int W(int l, int j, int k) => WeightOffset[l] + (j * Sizes[l - 1]) + k;

    /// <summary>Index of b^l[j] in the parameter array.</summary>
    public int B(int l, int j) => BiasOffset[l] + j;

    /// <summary>Layer number as a superscript, for comments: W³, a¹², δ².</summary>
    public static string Sup(int l)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        return new string(l.ToString(CultureInfo.InvariantCulture).Select(c => digits[c - '0']).ToArray());
    }

    public string Declaration
    {
        get
        {
            var options = new List<string>
            {
                "Hidden = Activation." + Model.Hidden,
                "Output = Activation." + Model.Output,
                "Loss = LossFunction." + Model.Loss,
                "Bias = " + (Model.Bias ? "true" : "false"),
                "Precision = Precision." + Model.Precision,
            };
            if (Model.Unroll != Unroll.Auto)
            {
                options.Add("Unroll = Unroll." + Model.Unroll);
            }

            return "[Network(" + string.Join(", ", Sizes) + ", " + string.Join(", ", options) + ")]";
        }
    }
}
