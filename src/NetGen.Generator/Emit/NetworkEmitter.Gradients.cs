namespace NetGen.Generator.Emit;

/// <summary>
/// Gradients in and out (<c>NetGen.IGradientNetwork</c>, <c>NetGen.IBatchGradientNetwork</c>): Backward with the input
/// gradient ∂E/∂x, and the backward pass from a given ∂E/∂g, per example and per batch. The same blocks as Backward,
/// with BP1 from the caller's gradient and BP2 carried on to the input.
/// </summary>
internal static partial class NetworkEmitter
{
    private const string InputGradientDoc = "<param name=\"inputGradient\">Receives ∂E/∂x: <see cref=\"InputCount\"/> values, or empty to skip it.</param>";

    /// <summary>An optional output span: empty, or exactly <paramref name="count"/> values.</summary>
    private static void OptionalGuard(CodeWriter w, string parameter, string count)
    {
        using (w.Block("if (" + parameter + ".Length != 0)"))
        {
            Guard(w, parameter, count);
        }
    }

    /// <summary>The input gradient after backpropagation, when the caller asked for it.</summary>
    private static void InputGradient(BodyEmitter body, CodeWriter w)
    {
        w.Line();
        using (w.Block("if (inputGradient.Length != 0)"))
        {
            body.InputGradient();
        }
    }

    private static void WriteGradientMembers(Topology net, BodyEmitter body, CodeWriter w)
    {
        string t = net.T;
        string span = "global::System.ReadOnlySpan<" + t + ">";
        Member(
            w,
            "<see cref=\"Backward(global::System.ReadOnlySpan{" + t + "}, global::System.ReadOnlySpan{" + t + "})\"/>, and also the input gradient: adds this example's ∂E/∂θ into <see cref=\"Gradients\"/> and writes ∂E/∂x.",
            "<param name=\"input\">x: <see cref=\"InputCount\"/> values.</param>",
            "<param name=\"target\">y: <see cref=\"OutputCount\"/> values.</param>",
            InputGradientDoc,
            "<returns>E, the loss of this example.</returns>",
            "<exception cref=\"global::System.ArgumentException\">A span has the wrong length, or a value of <paramref name=\"input\"/> or <paramref name=\"target\"/> is NaN or infinite (nothing is changed).</exception>",
            "<exception cref=\"global::System.ArithmeticException\">The loss overflowed to NaN or infinity (nothing is changed).</exception>");
        Optimized(w);
        using (w.Block("public " + t + " Backward(" + span + " input, " + span + " target, global::System.Span<" + t + "> inputGradient)"))
        {
            Guard(w, "input", "InputCount");
            Guard(w, "target", "OutputCount");
            OptionalGuard(w, "inputGradient", "InputCount");
            w.Comment(FiniteComment);
            w.Line(RuntimeNames.Guard + "FiniteExample(input, target);");
            body.Locals(gradients: true, deltas: true);
            body.Forward();
            body.Loss();
            FiniteLossGuard(w, "loss");
            body.Backpropagate(update: false);
            InputGradient(body, w);
            w.Line();
            w.Line("return loss;");
        }

        Member(
            w,
            "Backpropagation from a given ∂E/∂g (the gradient at the output, from the caller's loss or the next network) instead of a target: adds this example's ∂E/∂θ into <see cref=\"Gradients\"/> and writes ∂E/∂x.",
            "<param name=\"input\">x: <see cref=\"InputCount\"/> values.</param>",
            "<param name=\"outputGradient\">∂E/∂g: <see cref=\"OutputCount\"/> values.</param>",
            InputGradientDoc,
            "<exception cref=\"global::System.ArgumentException\">A span has the wrong length, or a value of <paramref name=\"input\"/> or <paramref name=\"outputGradient\"/> is NaN or infinite (nothing is changed).</exception>");
        Optimized(w);
        using (w.Block("public void BackwardFromOutputGradient(" + span + " input, " + span + " outputGradient, global::System.Span<" + t + "> inputGradient)"))
        {
            Guard(w, "input", "InputCount");
            Guard(w, "outputGradient", "OutputCount");
            OptionalGuard(w, "inputGradient", "InputCount");
            FiniteGuards(w, "input", "outputGradient", "InputCount", "OutputCount");
            body.Locals(gradients: true, deltas: true);
            body.Forward();
            body.Backpropagate(update: false, fromGradient: true);
            InputGradient(body, w);
        }
    }

    private static void WriteBatchGradientMembers(Topology net, CodeWriter w)
    {
        string t = net.T;
        string span = "global::System.ReadOnlySpan<" + t + ">";
        const string inputGradientsDoc = "<param name=\"inputGradients\">Receives the rows of ∂E/∂x: m rows of <see cref=\"InputCount\"/> values, or empty to skip them.</param>";
        Member(
            w,
            "<see cref=\"BackwardBatch(global::System.ReadOnlySpan{" + t + "}, global::System.ReadOnlySpan{" + t + "})\"/>, and also the input gradients: row i of <paramref name=\"inputGradients\"/> is ∂E_i/∂x_i.",
            "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"targets\">Y: m rows of <see cref=\"OutputCount\"/> values.</param>",
            inputGradientsDoc,
            "<returns>Σ_i E_i, the summed loss of the batch.</returns>",
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, the row counts differ, the batch is too large for one workspace array, or a value is NaN or infinite (nothing is changed).</exception>",
            "<exception cref=\"global::System.ArithmeticException\">The summed loss overflowed to NaN or infinity (nothing is changed).</exception>");
        using (w.Block("public " + t + " BackwardBatch(" + span + " inputs, " + span + " targets, global::System.Span<" + t + "> inputGradients)"))
        {
            w.Line("int m = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "targets", "m, OutputCount");
            OptionalGuard(w, "inputGradients", "m, InputCount");
            BatchEmitter batch = BatchBackpropagation(net, w);
            using (w.Block("if (inputGradients.Length != 0)"))
            {
                batch.InputGradients();
            }

            w.Line();
            w.Line("return total;");
        }

        Member(
            w,
            "<see cref=\"BackwardFromOutputGradient\"/> over a mini-batch: row i of <paramref name=\"outputGradients\"/> is ∂E/∂g for row i of <paramref name=\"inputs\"/>; adds Σ_i ∂E/∂θ into <see cref=\"Gradients\"/> and writes the rows of ∂E/∂x.",
            "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"outputGradients\">∂E/∂G: m rows of <see cref=\"OutputCount\"/> values.</param>",
            inputGradientsDoc,
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, the row counts differ, the batch is too large for one workspace array, or a value is NaN or infinite (nothing is changed).</exception>");
        using (w.Block("public void BackwardBatchFromOutputGradient(" + span + " inputs, " + span + " outputGradients, global::System.Span<" + t + "> inputGradients)"))
        {
            w.Line("int m = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "outputGradients", "m, OutputCount");
            OptionalGuard(w, "inputGradients", "m, InputCount");
            FiniteGuards(w, "inputs", "outputGradients", "InputCount", "OutputCount");
            BatchEmitter batch = BatchEmitter.For(net, w);
            batch.Locals(deltas: true, targets: false);
            batch.Layers();
            batch.OutputErrorsFromGradient();
            batch.HiddenErrors();
            batch.Sink();
            w.Line();
            using (w.Block("if (inputGradients.Length != 0)"))
            {
                batch.InputGradients();
            }
        }
    }
}
