namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The mini-batch members (the batched matrix form of seed 002): inputs as an [m, InputCount] row-major span.
    /// Loop-shape networks run each layer as one register-blocked matrix-matrix product over the whole batch;
    /// unrolled networks (small enough that straight-line code per example is fastest) loop over the examples.
    /// </summary>
    internal static partial class NetworkEmitter
    {
        private static void WriteBatch(Topology net, BodyEmitter body, CodeWriter w)
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
                w.Line("int m = global::NetGen.Guard.Rows(inputs.Length, InputCount, nameof(inputs));");
                Guard(w, "outputs", "m * OutputCount");
                if (body is LoopBodyEmitter loops)
                {
                    loops.BatchLocals(deltas: false);
                    loops.Layers(LoopBodyEmitter.Names.Batch);
                    w.Line();
                    using (loops.OutputRows(targets: false))
                    {
                        loops.OutputActivation();
                        w.Line("a" + net.L + ".CopyTo(outputs.Slice(i * OutputCount, OutputCount));");
                    }
                }
                else
                {
                    using (w.Block("for (int i = 0; i < m; i++)"))
                    {
                        w.Line("Forward(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount));");
                    }
                }
            }

            Member(
                w,
                "Backpropagation over a mini-batch: adds Σ_i ∂E_i/∂θ into <see cref=\"Gradients\"/> (the same sums as m calls of <see cref=\"Backward\"/>, to rounding); then call <see cref=\"ApplyGradients\"/>(η, m).",
                "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
                "<param name=\"targets\">Y: m rows of <see cref=\"OutputCount\"/> values.</param>",
                "<returns>Σ_i E_i, the summed loss of the batch.</returns>",
                "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, or the row counts differ.</exception>");
            using (w.Block("public " + t + " BackwardBatch(" + inputs + ", global::System.ReadOnlySpan<" + t + "> targets)"))
            {
                w.Line("int m = global::NetGen.Guard.Rows(inputs.Length, InputCount, nameof(inputs));");
                Guard(w, "targets", "m * OutputCount");
                w.Line(t + " total = " + net.Lit(0) + ";");
                if (body is LoopBodyEmitter loops)
                {
                    loops.BatchLocals(deltas: true);
                    loops.Layers(LoopBodyEmitter.Names.Batch);
                    w.Line();
                    w.Comment("Output layer, loss and BP1, example by example (the output layer is small)");
                    using (loops.OutputRows(targets: true))
                    {
                        loops.OutputActivation();
                        loops.Loss();
                        loops.OutputErrors();
                        w.Line("total += loss;");
                    }

                    loops.HiddenErrors(LoopBodyEmitter.Names.Batch);
                    loops.Sink(update: false, LoopBodyEmitter.Names.Batch);
                }
                else
                {
                    using (w.Block("for (int i = 0; i < m; i++)"))
                    {
                        w.Line("total += Backward(inputs.Slice(i * InputCount, InputCount), targets.Slice(i * OutputCount, OutputCount));");
                    }
                }

                w.Line();
                w.Line("return total;");
            }
        }
    }
}
