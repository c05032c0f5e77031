using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The derived facts of one network the emitters share: sizes, parameter offsets (from the shared
/// <c>ParameterLayout</c>), the element type and the code shape the planner chose. Decides nothing.
/// </summary>
internal sealed class Topology
{
    public Topology(NetworkModel model)
    {
        Model = model;
        Shape = model.Shape ?? throw new System.ArgumentException("The model's code shape is decided before Emit (Planning.ShapePolicy).", nameof(model));
        Sizes = model.Sizes.ToArray();
        L = Sizes.Length - 1;
        ParameterCount = ParameterLayout.Offsets(Sizes, model.Bias, out int[] weightOffset, out int[] biasOffset);
        WeightOffset = weightOffset;
        BiasOffset = biasOffset;
        T = model.Precision == Precision.Double ? "double" : "float";
    }

    public NetworkModel Model { get; }

    /// <summary>The code shape decided by the planner.</summary>
    public CodeShape Shape { get; }

    public int[] Sizes { get; }

    /// <summary>Index of the output layer (layers are 0..L, 0 the input).</summary>
    public int L { get; }

    public int[] WeightOffset { get; }

    public int[] BiasOffset { get; }

    public int ParameterCount { get; }

    /// <summary>The element type keyword: <c>float</c> or <c>double</c>.</summary>
    public string T { get; }

    public bool Bias => Model.Bias;

    /// <summary>The output layer's case for the loss and BP1.</summary>
    public OutputRule OutputRule => Model.OutputRule;

    /// <summary>The activation f of layer l (1..L).</summary>
    public Activation ActivationOf(int layer) => Model.Activations[layer - 1];

    /// <summary>A numeric literal of the element type: <c>0.5f</c> or <c>0.5d</c>.</summary>
    public string Lit(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture) + (Model.Precision == Precision.Double ? "d" : "f");

    /// <summary>
    /// The start of a call to a runtime kernel: <c>Kernels.Name&lt;float&gt;(</c>, or the DeterministicKernels
    /// twin when the shape is deterministic.
    /// </summary>
    public string Kernel(string name) => (Shape.Deterministic ? RuntimeNames.DeterministicKernels : RuntimeNames.Kernels) + name + "<" + T + ">(";

    /// <summary>The runtime class of the scalar math (activations, exp, log, the loss terms): NetMath, or DeterministicMath.</summary>
    public string Math => Shape.Deterministic ? RuntimeNames.DeterministicMath : RuntimeNames.NetMath;

    /// <summary>An activation as the runtime enum value the kernels take.</summary>
    public static string ActivationValue(Activation f) => "global::NetGen.Activation." + f;

    /// <summary>
    /// The kernel call d = d ⊙ f'(z) over a buffer: through the activations <paramref name="a"/>, or through the
    /// pre-activations <paramref name="z"/> for the activations that need them (<see cref="MathText.NeedsZ"/>).
    /// </summary>
    public string MultiplyByDerivative(Activation f, string d, string a, string z) => ShapePolicy.NeedsZ(f)
        ? Kernel("MultiplyByDerivativeFromZ") + d + ", " + z + ", " + ActivationValue(f) + ");"
        : Kernel("MultiplyByDerivative") + d + ", " + a + ", " + ActivationValue(f) + ");";

    /// <summary>W^l as a read-only span over the parameter array <c>p</c>.</summary>
    public string WeightSpan(int l) => CSharp.ReadOnlySlice(T, "p", WeightOffset[l], Sizes[l] * Sizes[l - 1]);

    /// <summary>b^l as a read-only span over <c>p</c>, or an empty span when the network has no biases.</summary>
    public string BiasSpan(int l) => Bias ? CSharp.ReadOnlySlice(T, "p", BiasOffset[l], Sizes[l]) : "global::System.ReadOnlySpan<" + T + ">.Empty";

    /// <summary>Index of W^l[j, k] in the parameter array.</summary>
    public int W(int l, int j, int k) => WeightOffset[l] + (j * Sizes[l - 1]) + k;

    /// <summary>Index of b^l[j] in the parameter array.</summary>
    public int B(int l, int j) => BiasOffset[l] + j;

    /// <summary>The declaration as written in full, for the header and the type's documentation.</summary>
    public string Declaration
    {
        get
        {
            var options = new List<string>();
            if (Model.ActivationsListed)
            {
                options.Add("Activations = new[] { " + string.Join(", ", Model.Activations.Select(a => "Activation." + a)) + " }");
            }
            else
            {
                if (L > 1)
                {
                    options.Add("Hidden = Activation." + ActivationOf(1));
                }

                options.Add("Output = Activation." + Model.Output);
            }

            options.AddRange(new[]
            {
                "Loss = LossFunction." + Model.Loss,
                "Bias = " + (Model.Bias ? "true" : "false"),
                "Precision = Precision." + Model.Precision,
            });
            if (Model.Unroll != Unroll.Auto)
            {
                options.Add("Unroll = Unroll." + Model.Unroll);
            }

            return "[Network(" + string.Join(", ", Sizes) + ", " + string.Join(", ", options) + ")]";
        }
    }
}
