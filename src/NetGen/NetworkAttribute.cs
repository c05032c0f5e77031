using System;

namespace NetGen;

/// <summary>
/// Declares a fixed feed-forward network on a <c>partial</c> class or struct. At build time NetGen generates,
/// for exactly this topology, the forward pass, backpropagation and the weight update
/// (see <see cref="INetwork{T}"/> for the generated members).
/// </summary>
/// <example>
/// <code>
/// [Network(3, 4, 3)]
/// public partial class Encoder { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network with the given units per layer, input layer first, output layer last.</summary>
    /// <param name="sizes">Units per layer: input, hidden..., output. At least two entries, each at least 1.</param>
    public NetworkAttribute(params int[] sizes)
    {
        Sizes = sizes ?? Array.Empty<int>();
    }

    /// <summary>Units per layer, input layer first.</summary>
    public int[] Sizes { get; }

    /// <summary>Activation of every hidden layer (not <see cref="Activation.Softmax"/>). Default <see cref="Activation.Sigmoid"/>.</summary>
    public Activation Hidden { get; set; } = Activation.Sigmoid;

    /// <summary>Activation of the output layer. Default <see cref="Activation.Sigmoid"/>.</summary>
    public Activation Output { get; set; } = Activation.Sigmoid;

    /// <summary>
    /// The activation of each layer after the input, the output layer's last, as in <c>nn.Sequential</c>:
    /// <c>Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Identity }</c> for sizes 8, 64, 32, 2.
    /// Exactly one per layer; softmax only last. Replaces <see cref="Hidden"/> and <see cref="Output"/> (give one form
    /// or the other). Default none (every hidden layer <see cref="Hidden"/>, the output layer <see cref="Output"/>).
    /// </summary>
    public Activation[]? Activations { get; set; }

    /// <summary>The per-example loss E. Default <see cref="LossFunction.SquaredError"/>.</summary>
    public LossFunction Loss { get; set; } = LossFunction.SquaredError;

    /// <summary>Whether every layer has biases. Default <c>true</c>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>The element type of parameters, inputs and outputs. Default <see cref="Precision.Single"/> (float).</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>Forces the code shape: <see cref="NetGen.Unroll.Auto"/> (default) decides by size.</summary>
    public Unroll Unroll { get; set; } = Unroll.Auto;

    /// <summary>
    /// Bit-identical results on every CPU and runtime: Forward, Loss, Backward, TrainStep, the batch members,
    /// ApplyGradients and InitializeParameters (and the optimizers, which are always deterministic) give the same bits
    /// on x64 with or without AVX2 and AVX-512, on ARM64 and on WebAssembly, under the JIT and NativeAOT, for the same
    /// parameters and inputs. The generated code then uses one fixed operation order, no fused multiply-add, and
    /// NetGen's own exp, log and tanh instead of the platform's; it costs speed on wide layers (docs/determinism.md
    /// has the guarantee, its limits and the measured cost). Default <c>false</c>.
    /// </summary>
    public bool Deterministic { get; set; }

    /// <summary>
    /// A safetensors weight file (as written by <c>NetGen.IO.SafeTensors.Save</c> or PyTorch) listed in the project's
    /// <c>AdditionalFiles</c>, by file name: its values are compiled into the type as constant data and every new
    /// instance starts with them (no file I/O at run time). Default none (instances start from InitializeParameters(0)).
    /// </summary>
    public string? Weights { get; set; }
}
