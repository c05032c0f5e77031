using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Every equation the generated code states in its comments, written once: the layer, the softmax, the loss, BP1-BP4
/// and the update. Each code shape writes different statements under the same equations; they all ask here.
/// </summary>
internal static class Equations
{
    private static string Sup(int l) => Notation.Sup(l);

    /// <summary>The notation block of the file header (Rumelhart, Hinton &amp; Williams 1986).</summary>
    public static readonly string[] NotationLines =
    {
        "Notation (Rumelhart, Hinton & Williams 1986; equations BP1-BP4):",
        "    z^l = W^l a^(l-1) + b^l,  a^l = f(z^l),  a^0 = x (the input),  g = a^L (the output),  y = the target,",
        "    δ^l = ∂E/∂z^l, the error of layer l;  θ = all weights and biases;  η = the learning rate.",
    };

    /// <summary>The input of layer l in comments: x for the first layer, a^(l-1) after.</summary>
    public static string Input(int l) => l == 1 ? "x" : "a" + Sup(l - 1);

    /// <summary>The function's name in comments.</summary>
    public static string Name(Activation f) => f switch
    {
        Activation.Sigmoid => "σ",
        Activation.Tanh => "tanh",
        Activation.ReLU => "ReLU",
        Activation.Softmax => "softmax",
        Activation.LeakyReLU => "LeakyReLU",
        Activation.ELU => "ELU",
        Activation.GELU => "GELU",
        Activation.SiLU => "SiLU",
        Activation.Softplus => "softplus",
        _ => "identity",
    };

    /// <summary>The derivative used in backprop, for comments.</summary>
    public static string Derivative(Activation f) => f switch
    {
        Activation.Sigmoid => "σ'(z) = a(1 − a)",
        Activation.Tanh => "tanh'(z) = 1 − a²",
        Activation.ReLU => "ReLU'(z) = 1 if z > 0, else 0",
        Activation.LeakyReLU => "LeakyReLU(z) = z if z > 0, else 0.01 z;  LeakyReLU'(z) = 1 if a > 0, else 0.01",
        Activation.ELU => "ELU(z) = z if z > 0, else e^z − 1 (α = 1);  ELU'(z) = 1 if a > 0, else a + 1",
        Activation.GELU => "GELU(z) = ½ z (1 + t), t = tanh(√(2/π) (z + 0.044715 z³)) (the tanh approximation);  GELU'(z) = ½ (1 + t) + ½ z (1 − t²) √(2/π) (1 + 0.134145 z²), from z",
        Activation.SiLU => "SiLU(z) = z σ(z);  SiLU'(z) = σ(z) (1 + z (1 − σ(z))), from z",
        Activation.Softplus => "softplus(z) = ln(1 + e^z);  softplus'(z) = σ(z) = 1 − e^−a",
        _ => "f'(z) = 1",
    };

    /// <summary>Layer l's equation and where its parameters are.</summary>
    public static string Layer(Topology net, int l)
    {
        string f = Name(net.ActivationOf(l));
        string s = Sup(l);
        string p = Sup(l - 1);
        string role = l == net.L ? "output" : "hidden";
        string ranges = "W" + s + " = p[" + net.WeightOffset[l] + ".." + (net.WeightOffset[l] + (net.Sizes[l] * net.Sizes[l - 1])) + ")"
            + (net.Bias ? ", b" + s + " = p[" + net.BiasOffset[l] + ".." + (net.BiasOffset[l] + net.Sizes[l]) + ")" : string.Empty);
        return "Layer " + l + " (" + role + ", " + net.Sizes[l] + (net.Sizes[l] == 1 ? " unit" : " units") + ", " + f + "): "
            + "z" + s + " = W" + s + "a" + p + (net.Bias ? " + b" + s : string.Empty) + ", a" + s + " = " + f + "(z" + s + ");  " + ranges;
    }

    /// <summary>The output activation applied element by element.</summary>
    public static string OutputActivation(Topology net) =>
        "a" + Sup(net.L) + " = " + Name(net.Model.Output) + "(z" + Sup(net.L) + ")";

    /// <summary>The shifted softmax.</summary>
    public static string Softmax(Topology net) =>
        "Softmax: a" + Sup(net.L) + "_j = exp(z_j − c) / Σ_k exp(z_k − c), c = max_k z_k (the shift keeps exp from overflowing)";

    /// <summary>The loss of one example, in the form the code computes it.</summary>
    public static string Loss(Topology net) => net.OutputRule switch
    {
        OutputRule.SoftmaxCrossEntropy => "Loss: E = −Σ_j y_j ln g_j, with ln g_j = z_j − (c + ln Σ_k exp(z_k − c)) computed from z (stable)",
        OutputRule.SigmoidCrossEntropy => "Loss: E = −Σ_j [y_j ln g_j + (1 − y_j) ln(1 − g_j)] = Σ_j max(z_j, 0) − y_j z_j + ln(1 + e^−|z_j|) (stable form)",
        OutputRule.HuberError => "Loss: E = Σ_j h(g_j − y_j), Huber (smooth L1) with δ = 1: h(e) = ½ e² if |e| ≤ 1, else |e| − ½;  g = a" + Sup(net.L),
        OutputRule.AbsoluteError => "Loss: E = Σ_j |g_j − y_j| (L1), g = a" + Sup(net.L),
        _ => "Loss: E = ½ Σ_j (g_j − y_j)², g = a" + Sup(net.L),
    };

    /// <summary>The loss in one line, for the documentation of Loss.</summary>
    public static string LossSummary(Topology net) => net.OutputRule switch
    {
        OutputRule.SoftmaxCrossEntropy => "E = −Σ_j y_j ln g_j",
        OutputRule.SigmoidCrossEntropy => "E = −Σ_j [y_j ln g_j + (1 − y_j) ln(1 − g_j)]",
        OutputRule.HuberError => "E = Σ_j h(g_j − y_j), h(e) = ½ e² if |e| ≤ 1, else |e| − ½ (Huber, δ = 1)",
        OutputRule.AbsoluteError => "E = Σ_j |g_j − y_j|",
        _ => "E = ½ Σ_j (g_j − y_j)²",
    };

    /// <summary>BP1, the output error, for the network's output rule.</summary>
    public static string OutputError(Topology net)
    {
        string s = Sup(net.L);
        return net.OutputRule switch
        {
            OutputRule.SoftmaxCrossEntropy => "BP1, output error: δ" + s + "_j = ∂E/∂z_j = g_j Σ_k y_k − y_j  (= g_j − y_j for a one-hot y)",
            OutputRule.SigmoidCrossEntropy => "BP1, output error: δ" + s + "_j = ∂E/∂z_j = g_j − y_j  (the σ' cancels against the cross-entropy)",
            OutputRule.SoftmaxSquaredError => "BP1, output error through the softmax Jacobian: δ" + s + "_j = g_j ((g_j − y_j) − Σ_k (g_k − y_k) g_k)",
            OutputRule.HuberError => "BP1, output error: δ" + s + " = clamp(g − y, −1, 1) ⊙ f'(z" + s + "),  " + Derivative(net.Model.Output),
            OutputRule.AbsoluteError => "BP1, output error: δ" + s + " = sign(g − y) ⊙ f'(z" + s + ") (the subgradient 0 where g_j = y_j),  " + Derivative(net.Model.Output),
            _ => "BP1, output error: δ" + s + " = (g − y) ⊙ f'(z" + s + "),  " + Derivative(net.Model.Output),
        };
    }

    /// <summary>BP1 from a given ∂E/∂g (the caller's loss) instead of a target and the network's own loss.</summary>
    public static string OutputErrorFromGradient(Topology net)
    {
        string s = Sup(net.L);
        return net.Model.Output == Activation.Softmax
            ? "BP1 from the given ∂E/∂g, through the softmax Jacobian: δ" + s + "_j = g_j (∂E/∂g_j − Σ_k ∂E/∂g_k g_k)"
            : "BP1 from the given ∂E/∂g: δ" + s + " = ∂E/∂g ⊙ f'(z" + s + "),  " + Derivative(net.Model.Output);
    }

    /// <summary>The input gradient: BP2 carried one layer further, to the input, which has no activation.</summary>
    public const string InputGradient = "Input gradient: ∂E/∂x = (W¹)ᵀ δ¹, the error carried back to the input (which has no activation)";

    /// <summary>BP2 for hidden layer l.</summary>
    public static string BackError(Topology net, int l) =>
        "BP2, error carried back through the transposed weights: δ" + Sup(l) + " = ((W" + Sup(l + 1) + ")ᵀ δ"
            + Sup(l + 1) + ") ⊙ f'(z" + Sup(l) + "),  " + Derivative(net.ActivationOf(l));

    /// <summary>BP3 for layer l: into Gradients, or (<paramref name="update"/>) as the step.</summary>
    public static string BiasGradient(int l, bool update)
    {
        string s = Sup(l);
        return update
            ? "Update with BP3 (∂E/∂b" + s + "_j = δ" + s + "_j): b" + s + "_j ← b" + s + "_j − η δ" + s + "_j"
            : "BP3, bias gradient: ∂E/∂b" + s + "_j = δ" + s + "_j, added into Gradients";
    }

    /// <summary>BP4 for layer l: into Gradients, or (<paramref name="update"/>) as the step.</summary>
    public static string WeightGradient(int l, bool update)
    {
        string s = Sup(l);
        return update
            ? "Update with BP4 (∂E/∂W" + s + "_jk = δ" + s + "_j " + Input(l) + "_k): W" + s + "_jk ← W" + s + "_jk − η δ" + s + "_j " + Input(l) + "_k"
            : "BP4, weight gradient: ∂E/∂W" + s + "_jk = δ" + s + "_j " + Input(l) + "_k, added into Gradients";
    }

    /// <summary>Gradient descent with L2 on the weights of layer l (ApplyGradients).</summary>
    public static string WeightDescent(int l) => "W" + Sup(l) + " ← W" + Sup(l) + " − η (G/m + (λ/m) W" + Sup(l) + "), then G = 0";

    /// <summary>Gradient descent on the biases of layer l (ApplyGradients): not regularised.</summary>
    public static string BiasDescent(int l) => "b" + Sup(l) + " ← b" + Sup(l) + " − η G/m (biases are not regularised), then G = 0";

    /// <summary>The code shape and why, in one sentence.</summary>
    public static string Shape(Topology net)
    {
        string what = net.Shape.Body switch
        {
            BodyShape.Unrolled => "fully unrolled straight-line code (every index a constant)",
            BodyShape.Vector256 when net.Shape.Vector128 => "Vector256 loops written for this shape (AVX2 + FMA) over preallocated buffers, Vector128 loops for CPUs whose widest vector is 128 bits (ARM64, WebAssembly, x64 without AVX2); the runtime's SIMD kernels on any other CPU",
            BodyShape.Vector256 => "Vector256 loops written for this shape (AVX2 + FMA) over preallocated buffers; the runtime's SIMD kernels on other CPUs (a weight matrix too large for this shape's Vector128 loops to beat them)",
            _ when net.Shape.Deterministic => "the runtime library's deterministic kernels over preallocated buffers",
            _ => "SIMD kernels of the runtime library over preallocated buffers",
        };
        string why = net.Shape.Reason switch
        {
            ShapeReason.Requested => ", as Unroll = Unroll." + net.Model.Unroll + " asks.",
            ShapeReason.TooManyParameters => " (more than " + ShapePolicy.UnrollLimit + " parameters, too many to unroll).",
            ShapeReason.VectorBlock => " (a layer at least " + ShapePolicy.VectorBlock + " units wide on both sides: faster as SIMD loops than unrolled).",
            _ => ".",
        };
        string deterministic = net.Shape.Deterministic
            ? " Deterministic: one fixed operation order, no fused multiply-add, and NetGen's own exp, log and tanh (DeterministicKernels, DeterministicMath), so every CPU and runtime computes the same bits."
            : string.Empty;
        return what + why + deterministic;
    }
}
