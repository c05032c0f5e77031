using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Planning;

/// <summary>
/// Planning: the rules that choose a network's code shape, applied once to the parsed model
/// (<see cref="Decide"/>), so the emitters only read <see cref="NetworkModel.Shape"/>. The parser asks here too, for
/// the member names a shape declares and the largest network <c>Unroll.Always</c> accepts.
/// </summary>
internal static class ShapePolicy
{
    /// <summary>
    /// Networks with at most this many parameters are fully unrolled; larger ones take the loop shape (Vector256 code or
    /// SIMD kernel calls). Chosen so that no unrolled method reaches RyuJIT's MinOpts limits (20,000 IL instructions,
    /// 60,000 IL bytes, 2,000 locals, 8,000 local references): at 1,006 parameters (16-30-16) TrainStep measured
    /// 21,652 IL instructions and a 1023-1 network's Backward 28,223, so methods would silently run unoptimised; at 512
    /// the largest shapes stay near half the limit (tests/NetGen.Generator.Tests/Shape/MethodSizeTests.cs measures them).
    /// </summary>
    internal const int UnrollLimit = 512;

    /// <summary>The most parameters <c>Unroll = Unroll.Always</c> accepts (beyond, the source itself becomes unreasonable).</summary>
    internal const int MaxUnrolled = 16384;

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

    /// <summary>Floats per Vector256.</summary>
    internal const int VectorWidth = 8;

    /// <summary>
    /// The largest weight matrix the Vector256 code takes (64 KB of floats, the size of the core's L1 data cache):
    /// beyond it a step is bound by memory traffic, and the kernels' aligned, twice-unrolled row loops do better.
    /// Measured in one run (TrainStep, Vector256 code vs Eigen): 64-32-10 280 vs 308 ns, but 784-128-10 10.8 vs
    /// 8.95 µs and 784-256-128-10 31.2 vs 22.3 µs, where the kernels measured 9.9 and 26.0 µs.
    /// </summary>
    internal const int VectorCodeMaxWeights = 16384;

    /// <summary>
    /// The most weight layers the vector shape takes: each layer adds its Vector256 and its Vector128 loops (and the
    /// kernel calls) to every method (measured when all three were in each public method; the widths now have their own), and at the generator's 48 layers of 15 units Backward measured 24,324 IL
    /// instructions, past RyuJIT's MinOpts limit of 20,000 (MethodSizeTests); at 32 layers it stays well under.
    /// Deeper float networks take the kernel shape.
    /// </summary>
    internal const int VectorCodeMaxLayers = 32;

    /// <summary>
    /// The batch members hold the batch one row per unit, the examples along the SIMD lanes, when no layer but the
    /// output is wider than this; above it, one row per example (long dot products over a wide layer). Measured with
    /// tests/NetGen.Benchmarks (per example, BackwardBatch + ApplyGradients, examples along the lanes vs along rows):
    /// 3-4-3 m = 32 20.6 vs 65.4 ns, 24-8-2 m = 200 36.6 vs 58.6 ns (before the faster exp), 784-128-10 m = 32 11.4 vs
    /// 6.9 µs, 784-256-128-10 29.2 vs 22.3 µs; 64-32-10 inference 97 vs 208 ns.
    /// </summary>
    internal const int TransposedBatchWidth = 64;

    /// <summary>
    /// The code shape of a parsed network (Vector256 only for the original five activations, see
    /// <see cref="HasVectorActivations"/>, and never for <c>Deterministic = true</c>, whose loop shape is the
    /// deterministic kernels: the Vector256 and Vector128 code uses FMA and lane widths that differ by CPU). <paramref name="simd256"/>: whether the compilation's NetGen runtime has
    /// <c>Simd256</c> (its .NET 8+ build), without which no Vector256 code can be written.
    /// </summary>
    public static CodeShape Decide(NetworkModel model, bool simd256)
    {
        int[] sizes = model.Sizes.ToArray();
        bool unrolled = IsUnrolled(sizes, model.Bias, model.Precision, model.Unroll);
        BodyShape body = unrolled ? BodyShape.Unrolled
            : !model.Deterministic && simd256 && HasVectorLayers(sizes, model.Precision) && FitsVectorCode(sizes) && sizes.Length - 1 <= VectorCodeMaxLayers && HasVectorActivations(model.Activations) ? BodyShape.Vector256
            : BodyShape.Kernels;
        ShapeReason reason = model.Unroll != Unroll.Auto ? ShapeReason.Requested
            : unrolled ? ShapeReason.FewParameters
            : ParameterLayout.Count(sizes, model.Bias) > UnrollLimit ? ShapeReason.TooManyParameters
            : ShapeReason.VectorBlock;
        int widest = sizes.Take(sizes.Length - 1).DefaultIfEmpty(0).Max();
        bool vector128 = body == BodyShape.Vector256 && LargestMatrix(sizes) <= Vector128MaxWeights;
        return new CodeShape(body, widest <= TransposedBatchWidth ? BatchLayout.UnitRows : BatchLayout.ExampleRows, reason, vector128, model.Deterministic);
    }

    /// <summary>
    /// The largest weight matrix for which the vector shape also writes Vector128 code: every matrix the Vector256 code
    /// takes. At 128 bits (x64 with DOTNET_EnableAVX2=0, TrainStep, kernels vs Vector128 code) 24-8-2 measured
    /// 1.50-1.93x the kernels' speed, 30-16-2 1.52-1.82x and 64-32-10 1.32-1.42x (three BenchmarkDotNet runs,
    /// `run.sh --vector128`), and in a Stopwatch harness 100-160-10 (ReLU) 1.39-1.44x and 128-128-10 (16,384 weights)
    /// 1.18-1.20x (docs/performance.md). This limit was 512 weights while the Vector128
    /// loops shared one method with the Vector256 code and the kernel calls: the JIT inlines into dead branches too,
    /// ran out of its inlining budget on 64-32-10 and left the building blocks as calls (0.73-0.89x); each width now
    /// has methods of its own.
    /// </summary>
    internal const int Vector128MaxWeights = VectorCodeMaxWeights;

    /// <summary>
    /// Whether f' is computed from z rather than from a = f(z) (GELU and SiLU, which a does not determine): the code
    /// then keeps z of that layer (a local, a scratch buffer, a workspace matrix), and the buffers are named here.
    /// </summary>
    public static bool NeedsZ(Activation f) => f is Activation.GELU or Activation.SiLU;

    /// <summary>The entries of the largest weight matrix.</summary>
    public static long LargestMatrix(IReadOnlyList<int> sizes)
    {
        long largest = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            largest = System.Math.Max(largest, (long)sizes[l - 1] * sizes[l]);
        }

        return largest;
    }

    /// <summary>Whether a network is emitted as unrolled straight-line code (see <see cref="UnrollLimit"/> and <see cref="VectorBlock"/>).</summary>
    public static bool IsUnrolled(IReadOnlyList<int> sizes, bool bias, Precision precision, Unroll unroll) => unroll switch
    {
        Unroll.Always => true,
        Unroll.Never => false,
        _ => ParameterLayout.Count(sizes, bias) <= UnrollLimit && !(precision == Precision.Single && HasVectorBlock(sizes)),
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

    /// <summary>
    /// Whether a loop-shape network gets Vector256 code written for its exact shape (with the runtime kernels kept for
    /// CPUs without AVX2 and FMA): single precision, and the input and every hidden layer at least one 8-float vector
    /// wide (a size that is not a multiple of 8 ends in a partial vector that overlaps the one before; the output
    /// layer may have any size). Measured, TrainStep (one example): 24-8-2 kernels 133 ns, this code 73-84 ns (the
    /// kernels' calls and argument checks dominate such a small step); 64-32-10 about 400 vs 280-332 ns.
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

    /// <summary>
    /// Whether the vector code (Vector256, and its Vector128 twin) can write every activation of the network: it has
    /// lane forms (Simd256, Simd128) of the original five only (Sigmoid, Tanh, ReLU, Identity, Softmax). A network with LeakyReLU, ELU, GELU, SiLU or
    /// Softplus anywhere takes the kernel shape instead, whose kernels compute those through NetMath (a scope decision:
    /// the kernel shape is correct and vectorised in its matrix products, and the new activations' 8-lane forms can
    /// come later without changing any public surface).
    /// </summary>
    public static bool HasVectorActivations(IEnumerable<Activation> activations) =>
        activations.All(f => f is Activation.Sigmoid or Activation.Tanh or Activation.ReLU or Activation.Identity or Activation.Softmax);

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
    /// The per-instance buffers of the loop shapes (kernels and Vector256), for a network with these sizes (input
    /// first) and activations (layer 1 first): a^1..a^L, z^l of each hidden layer whose f' needs z (GELU, SiLU), z^L,
    /// δ^1..δ^L. One list for the fields the emitter declares and the names the parser checks for collisions.
    /// </summary>
    public static IEnumerable<ScratchBuffer> ScratchBuffers(IReadOnlyList<int> sizes, IReadOnlyList<Activation> activations)
    {
        int layers = sizes.Count - 1;
        for (int l = 1; l <= layers; l++)
        {
            yield return new ScratchBuffer("_a" + l, sizes[l], "a" + Notation.Sup(l) + ", the activations of layer " + l);
        }

        for (int l = 1; l < layers && l <= activations.Count; l++)
        {
            if (NeedsZ(activations[l - 1]))
            {
                yield return new ScratchBuffer("_z" + l, sizes[l], "z" + Notation.Sup(l) + ", the pre-activations of layer " + l + " (its f' is computed from z)");
            }
        }

        yield return new ScratchBuffer("_z" + layers, sizes[layers], "z" + Notation.Sup(layers) + ", the output layer's pre-activations");
        for (int l = 1; l <= layers; l++)
        {
            yield return new ScratchBuffer("_d" + l, sizes[l], "δ" + Notation.Sup(l) + " = ∂E/∂z" + Notation.Sup(l) + ", the errors of layer " + l);
        }
    }

    /// <summary>The vector shape's private method of one width: "Forward", "Backward" or "Step", then the vector type ("ForwardVector256").</summary>
    public static string VectorMethod(string kind, string vectorType) => kind + vectorType;

    /// <summary>Every member name the emitter declares in the user's type (the parser reports collisions with them).</summary>
    public static IReadOnlyList<string> GeneratedMemberNames(IReadOnlyList<int> sizes, IReadOnlyList<Activation> activations, bool bias, Precision precision, Unroll unroll)
    {
        var names = new List<string>
        {
            "InputCount", "OutputCount", "ParameterCount", "Parameters", "Gradients", "Forward", "Loss", "Backward",
            "TrainStep", "ZeroGradients", "ApplyGradients", "InitializeParameters", "ForwardBatch", "BackwardBatch",
            "BackwardFromOutputGradient", "BackwardBatchFromOutputGradient", "TrainSequence",
            "_parameters", "_gradients", "s_layerSizes", "s_activations", "_batch", "s_bakedParameters",
        };
        if (!IsUnrolled(sizes, bias, precision, unroll))
        {
            names.AddRange(ScratchBuffers(sizes, activations).Select(f => f.Name));

            // The vector shape's per-width methods (reserved for every loop-shape network: which widths are written
            // is decided later, from the referenced runtime).
            foreach (string vectorType in new[] { "Vector256", "Vector128" })
            {
                names.AddRange(new[] { "Forward", "Backward", "Step" }.Select(kind => VectorMethod(kind, vectorType)));
            }
        }

        return names;
    }
}

/// <summary>One preallocated buffer of the loop shapes: field name, length, what it holds.</summary>
internal sealed record ScratchBuffer(string Name, int Length, string Comment);
