namespace NetGen.Generator.Models;

/// <summary>Mirror of <c>NetGen.Activation</c> (same values; a test keeps them in step).</summary>
internal enum Activation
{
    Sigmoid = 0,
    Tanh = 1,
    ReLU = 2,
    Identity = 3,
    Softmax = 4,
    LeakyReLU = 5,
    ELU = 6,
    GELU = 7,
    SiLU = 8,
    Softplus = 9,
}

/// <summary>Mirror of <c>NetGen.LossFunction</c>.</summary>
internal enum LossFunction
{
    SquaredError = 0,
    CrossEntropy = 1,
    Huber = 2,
    AbsoluteError = 3,
}

/// <summary>Mirror of <c>NetGen.Unroll</c>.</summary>
internal enum Unroll
{
    Auto = 0,
    Always = 1,
    Never = 2,
}

/// <summary>Mirror of <c>NetGen.Precision</c>.</summary>
internal enum Precision
{
    Single = 0,
    Double = 1,
}

/// <summary>Everything the emitter needs for one network, as plain equatable values.</summary>
/// <param name="Type">Where to generate.</param>
/// <param name="Sizes">Units per layer, input first.</param>
/// <param name="Activations">The activation of each layer after the input (layer 1 first, the output layer last).</param>
/// <param name="ActivationsListed">Whether the declaration lists them (<c>Activations = ...</c>) rather than <c>Hidden</c>/<c>Output</c>.</param>
/// <param name="Loss">The per-example loss.</param>
/// <param name="Bias">Whether layers have biases.</param>
/// <param name="Precision">float or double.</param>
/// <param name="NullableDirective">Whether the consumer's language version knows <c>#nullable</c> (C# 8+).</param>
/// <param name="Unroll">The code shape the declaration asks for.</param>
/// <param name="WeightsFile">The file name given as <c>Weights</c>, or empty.</param>
/// <param name="BakedWeights">The parameters read from <paramref name="WeightsFile"/>, little-endian in the network's precision; empty until baked.</param>
/// <param name="Shape">The code shape, decided by <c>Planning.ShapePolicy</c> after parsing (null until then; Emit requires it).</param>
internal sealed record NetworkModel(
    HierarchyInfo Type,
    EquatableArray<int> Sizes,
    EquatableArray<Activation> Activations,
    bool ActivationsListed,
    LossFunction Loss,
    bool Bias,
    Precision Precision,
    bool NullableDirective,
    Unroll Unroll,
    bool Deterministic,
    string WeightsFile,
    EquatableArray<byte> BakedWeights,
    CodeShape? Shape = null)
{
    /// <summary>The activation of the output layer.</summary>
    public Activation Output => Activations[Activations.Count - 1];

    /// <summary>The output layer's case for the loss and BP1, from <see cref="Output"/> and <see cref="Loss"/>.</summary>
    public OutputRule OutputRule => Loss switch
    {
        LossFunction.CrossEntropy => Output == Activation.Softmax ? OutputRule.SoftmaxCrossEntropy : OutputRule.SigmoidCrossEntropy,
        LossFunction.Huber => OutputRule.HuberError,
        LossFunction.AbsoluteError => OutputRule.AbsoluteError,
        _ => Output == Activation.Softmax ? OutputRule.SoftmaxSquaredError : OutputRule.SquaredError,
    };
}

/// <summary>The result of parsing one declaration: a model (null when it cannot be generated) and its diagnostics.</summary>
/// <param name="Model">The model, or null when the declaration cannot be generated.</param>
/// <param name="Diagnostics">What is wrong with the declaration.</param>
/// <param name="WeightsLocation">Where <c>Weights = "..."</c> is written, for the diagnostics of the bake step.</param>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? WeightsLocation = null);
