namespace NetGen.Generator.Emit;

/// <summary>
/// The mini-batch members (the batched matrix form of seed 002): inputs as an [m, InputCount] row-major span.
/// Every network runs each layer as one register-blocked matrix-matrix product over the whole batch and the
/// activations as one vectorised pass over the matrix. Networks with narrow layers (<see cref="Models.BatchLayout.UnitRows"/>)
/// hold the batch one row per unit, the examples along the SIMD lanes (<see cref="TransposedBatchEmitter"/>), and
/// there an elementwise output's loss and BP1 are one pass too; a softmax output, or a network with wide layers (one
/// row per example), computes the loss and BP1 example by example.
/// </summary>
internal static partial class NetworkEmitter
{
    private static void WriteBatch(Topology net, CodeWriter w)
    {
        string t = net.T;
        string inputs = "global::System.ReadOnlySpan<" + t + "> inputs";
        Member(
            w,
            "Computes the outputs of m examples at once: row i of <paramref name=\"outputs\"/> is g for row i of <paramref name=\"inputs\"/>.",
            "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"outputs\">Receives G: m rows of <see cref=\"OutputCount\"/> values.</param>",
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, or the row counts differ.</exception>");
        using (w.Block("public void ForwardBatch(" + inputs + ", global::System.Span<" + t + "> outputs)"))
        {
            w.Line("int m = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "outputs", "m, OutputCount");
            BatchEmitter batch = BatchEmitter.For(net, w);
            batch.Locals(deltas: false);
            batch.Layers();
            batch.WriteOutputs();
        }

        Member(
            w,
            "Backpropagation over a mini-batch: adds Σ_i ∂E_i/∂θ into <see cref=\"Gradients\"/> (the same sums as m calls of <see cref=\"Backward(global::System.ReadOnlySpan{" + t + "}, global::System.ReadOnlySpan{" + t + "})\"/>, to rounding); then call <see cref=\"ApplyGradients\"/>(η, m).",
            "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"targets\">Y: m rows of <see cref=\"OutputCount\"/> values.</param>",
            "<returns>Σ_i E_i, the summed loss of the batch.</returns>",
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, the row counts differ, the batch is too large for one workspace array, or a value is NaN or infinite (nothing is changed).</exception>",
            "<exception cref=\"global::System.ArithmeticException\">The summed loss overflowed to NaN or infinity (nothing is changed).</exception>");
        using (w.Block("public " + t + " BackwardBatch(" + inputs + ", global::System.ReadOnlySpan<" + t + "> targets)"))
        {
            w.Line("int m = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "targets", "m, OutputCount");
            BatchBackpropagation(net, w);
            w.Line("return total;");
        }
    }

    /// <summary>
    /// The body BackwardBatch's overloads share: the finiteness checks, <c>total</c>, the workspace, the layers, the
    /// loss and BP1, the overflow check, BP2 and the sink into g. Returns the writer, for the input gradients.
    /// </summary>
    private static BatchEmitter BatchBackpropagation(Topology net, CodeWriter w)
    {
        FiniteGuards(w, "inputs", "targets", "InputCount", "OutputCount");
        w.Line(net.T + " total = " + net.Lit(0) + ";");
        BatchEmitter batch = BatchEmitter.For(net, w);
        batch.Locals(deltas: true);
        batch.Layers();
        batch.LossAndOutputErrors();
        w.Line();
        FiniteLossGuard(w, "total");
        batch.HiddenErrors();
        batch.Sink();
        w.Line();
        return batch;
    }
}
