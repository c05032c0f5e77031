using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// Online training over a sequence (<c>NetGen.IOnlineNetwork</c>): TrainSequence, one step per example with TrainStep's
/// results. The kernel shape fuses each example's first-layer step with the next example's first-layer product
/// (<c>Kernels.StepThenMultiply</c>); every other shape calls TrainStep per example.
/// </summary>
internal static partial class NetworkEmitter
{
    private static void WriteTrainSequence(Topology net, CodeWriter w)
    {
        string t = net.T;
        Member(
            w,
            "One online gradient-descent step per example, in order: the same parameters, bit for bit, as <see cref=\"TrainStep\"/> called on each row." + (Fuses(net) ? " Each example's first-layer step and the next example's first-layer product are one pass over W¹." : string.Empty),
            "<param name=\"inputs\">X: n ≥ 1 rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"targets\">Y: n rows of <see cref=\"OutputCount\"/> values.</param>",
            "<param name=\"learningRate\">η.</param>",
            "<returns>Σ_i E_i, each example's loss before its own step.</returns>",
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, the row counts differ, or a value is NaN or infinite (checked first: nothing is changed).</exception>",
            "<exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is negative, NaN or infinite.</exception>",
            "<exception cref=\"global::System.ArithmeticException\">An example's loss overflowed: the steps of the examples before it were taken, that example changed nothing (the message names it).</exception>");
        Optimized(w);
        using (w.Block("public " + t + " TrainSequence(global::System.ReadOnlySpan<" + t + "> inputs, global::System.ReadOnlySpan<" + t + "> targets, " + t + " learningRate)"))
        {
            w.Line("int n = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "targets", "n, OutputCount");
            w.Line(RuntimeNames.Guard + "NonNegative(learningRate, \"learningRate\");");
            FiniteGuards(w, "inputs", "targets", "InputCount", "OutputCount");
            w.Line(t + " total = " + net.Lit(0) + ";");
            if (!Fuses(net))
            {
                using (w.Block("for (int i = 0; i < n; i++)"))
                {
                    using (w.Block("try"))
                    {
                        w.Line("total += TrainStep(inputs.Slice(i * InputCount, InputCount), targets.Slice(i * OutputCount, OutputCount), learningRate);");
                    }

                    using (w.Block("catch (global::System.ArithmeticException e)"))
                    {
                        w.Comment("The loss of example i overflowed: TrainStep changed nothing of it; name the example");
                        w.Line("throw " + RuntimeNames.Guard + "SequenceLoss(i, e);");
                    }
                }

                w.Line("return total;");
                return;
            }

            FusedSequence(net, w);
        }
    }

    /// <summary>Whether TrainSequence fuses the first layer's step with the next product: the kernel shape (not Deterministic), more than one weight layer.</summary>
    private static bool Fuses(Topology net) => net.Shape.Body == BodyShape.Kernels && !net.Shape.Deterministic && net.L > 1;

    private static void FusedSequence(Topology net, CodeWriter w)
    {
        var body = new KernelBodyEmitter(net, w);
        var layers = new KernelCalls(net, w);
        var output = new OutputLoops(net, w);
        body.Locals(gradients: false, deltas: true);
        w.Line("global::System.ReadOnlySpan<" + net.T + "> input = inputs.Slice(0, InputCount);");
        w.Line();
        w.Comment("z¹ of the first example (every later one comes out of the step before it)");
        layers.Product(1, BufferNames.Single);
        using (w.Block("for (int i = 0; i < n; i++)"))
        {
            w.Line("input = inputs.Slice(i * InputCount, InputCount);");
            w.Line("global::System.ReadOnlySpan<" + net.T + "> target = targets.Slice(i * OutputCount, OutputCount);");
            layers.Layers(BufferNames.Single, from: 1, activateOnly: true);
            output.Activation();
            output.Loss();
            w.Comment("Nothing of example i has been written yet: stop here if its forward pass overflowed");
            w.Line(RuntimeNames.Guard + "FiniteSequenceLoss(loss, i);");
            w.Line("total += loss;");
            output.Errors(fromGradient: false);
            layers.HiddenErrors(BufferNames.Single);
            layers.Sink(update: true, BufferNames.Single, lowest: 2);
            if (net.Bias)
            {
                w.Line();
                w.Comment(Equations.BiasGradient(1, update: true));
                layers.BiasStep(1, update: true, BufferNames.Single);
            }

            w.Line();
            w.Comment(Equations.WeightGradient(1, update: true));
            using (w.Block("if (i + 1 < n)"))
            {
                w.Comment("Fused with the next example's z¹ = W¹x + b¹ (the new W¹ and b¹): one pass over W¹ instead of two");
                w.Line(net.Kernel("StepThenMultiply") + CSharp.Slice(net.T, "p", net.WeightOffset[1], net.Sizes[1] * net.Sizes[0]) + ", " + net.Sizes[1] + ", " + net.Sizes[0] + ", d1, -learningRate, input, inputs.Slice((i + 1) * InputCount, InputCount), " + net.BiasSpan(1) + ", " + layers.ProductBuffer(1, BufferNames.Single) + ");");
            }

            using (w.Block("else"))
            {
                layers.WeightStep(1, update: true, BufferNames.Single);
            }
        }

        w.Line();
        w.Line("return total;");
    }
}
