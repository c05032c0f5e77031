using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>The members that work on whole parameter ranges: zeroing, the gradient-descent update, initialisation.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteZeroGradients(Topology net, CodeWriter w)
    {
        Member(w, "Sets <see cref=\"Gradients\"/> to zero.");
        using (w.Block("public void ZeroGradients()"))
        {
            w.Line("global::System.Array.Clear(_gradients, 0, ParameterCount);");
        }
    }

    private static void WriteApplyGradients(Topology net, CodeWriter w)
    {
        string t = net.T;
        Member(
            w,
            "Gradient descent on J = (1/m) Σ_i E_i + (λ/2m) Σ w² (biases not regularised): θ ← θ − η (G/m + (λ/m) θ_weights); then zeroes <see cref=\"Gradients\"/>.",
            "<param name=\"learningRate\">η.</param>",
            "<param name=\"batchSize\">m, the number of examples summed into <see cref=\"Gradients\"/>.</param>",
            "<param name=\"l2\">λ, the L2 regularisation coefficient.</param>",
            "<exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"batchSize\"/> is less than 1, or <paramref name=\"learningRate\"/> or <paramref name=\"l2\"/> is negative, NaN or infinite (nothing is changed).</exception>",
            "<exception cref=\"global::System.InvalidOperationException\">A gradient is NaN or infinite (nothing is changed).</exception>");
        using (w.Block("public void ApplyGradients(" + t + " learningRate, int batchSize = 1, " + t + " l2 = " + net.Lit(0) + ")"))
        {
            w.Line(RuntimeNames.Guard + "NonNegative(learningRate, \"learningRate\");");
            w.Line(RuntimeNames.Guard + "BatchSize(batchSize, \"batchSize\");");
            w.Line(RuntimeNames.Guard + "NonNegative(l2, \"l2\");");
            w.Comment("A NaN or ±∞ in G would make parameters non-finite: refuse before anything changes");
            w.Line(RuntimeNames.Guard + "FiniteGradients(_gradients);");
            w.Line(t + "[] p = _parameters;");
            w.Line(t + "[] g = _gradients;");
            w.Line(t + " invM = " + net.Lit(1) + " / batchSize;");
            w.Line(t + " decay = l2 * invM;");
            string descend = net.Kernel("Descend");
            for (int l = 1; l <= net.L; l++)
            {
                int weights = net.Sizes[l] * net.Sizes[l - 1];
                w.Line();
                w.Comment(Equations.WeightDescent(l));
                w.Line(descend + CSharp.Slice(t, "p", net.WeightOffset[l], weights) + ", " + CSharp.Slice(t, "g", net.WeightOffset[l], weights) + ", learningRate, invM, decay);");
                if (net.Bias)
                {
                    w.Comment(Equations.BiasDescent(l));
                    w.Line(descend + CSharp.Slice(t, "p", net.BiasOffset[l], net.Sizes[l]) + ", " + CSharp.Slice(t, "g", net.BiasOffset[l], net.Sizes[l]) + ", learningRate, invM, " + net.Lit(0) + ");");
                }
            }
        }
    }

    /// <summary>
    /// The activations initialised with He rather than Glorot: ReLU and its smooth or leaky relatives, which pass about
    /// half of a symmetric input's variance (gain √2), as PyTorch's kaiming init assumes for them.
    /// </summary>
    internal static bool IsReLUFamily(Activation f) =>
        f is Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU or Activation.SiLU or Activation.Softplus;

    private static void WriteInitializeParameters(Topology net, CodeWriter w)
    {
        string t = net.T;
        Member(
            w,
            "Deterministic initialisation: the same seed gives the same parameters on every runtime and OS. Weights are drawn uniformly (Glorot; He for the ReLU family: ReLU, LeakyReLU, ELU, GELU, SiLU, Softplus) from a SplitMix64 stream, biases are zero.",
            "<param name=\"seed\">The seed of the random stream.</param>");
        using (w.Block("public void InitializeParameters(ulong seed)"))
        {
            w.Line(t + "[] p = _parameters;");
            w.Line("ulong state = seed;");
            for (int l = 1; l <= net.L; l++)
            {
                string s = Notation.Sup(l);
                int fanIn = net.Sizes[l - 1];
                int fanOut = net.Sizes[l];
                string span = CSharp.Slice(t, "p", net.WeightOffset[l], fanIn * fanOut);
                if (IsReLUFamily(net.ActivationOf(l)))
                {
                    w.Comment("W" + s + " ~ U(−r, r), r = √(6 / fan_in) (He, for " + net.ActivationOf(l) + ")");
                    w.Line(RuntimeNames.ParameterInitializer + "He(" + span + ", " + fanIn + ", ref state);");
                }
                else
                {
                    w.Comment("W" + s + " ~ U(−r, r), r = √(6 / (fan_in + fan_out)) (Glorot)");
                    w.Line(RuntimeNames.ParameterInitializer + "Glorot(" + span + ", " + fanIn + ", " + fanOut + ", ref state);");
                }

                if (net.Bias)
                {
                    w.Comment("b" + s + " = 0");
                    w.Line("global::System.Array.Clear(p, " + net.BiasOffset[l] + ", " + fanOut + ");");
                }
            }
        }
    }
}
