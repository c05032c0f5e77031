namespace NetGen.Generator.Emit;

/// <summary>
/// The mini-batch members (the batched matrix form of seed 002): inputs as an [m, InputCount] row-major span.
/// Every network runs each layer as one register-blocked matrix-matrix product over the whole batch and the
/// activations as one vectorised pass over the matrix. Networks with narrow layers (<see cref="Topology.TransposedBatch"/>)
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
            var loops = new LoopBodyEmitter(net, w);
            var transposed = new TransposedBatchEmitter(net, w);
            if (BatchLayers(net, loops, transposed, deltas: false))
            {
                transposed.WriteOutputs();
            }
            else
            {
                loops.BatchOutputActivation();
                using (loops.OutputRows(targets: false))
                {
                    if (net.Model.Output == Models.Activation.Softmax)
                    {
                        loops.OutputActivation();
                    }

                    w.Line("a" + net.L + ".CopyTo(outputs.Slice(i * OutputCount, OutputCount));");
                }
            }
        }

        Member(
            w,
            "Backpropagation over a mini-batch: adds Σ_i ∂E_i/∂θ into <see cref=\"Gradients\"/> (the same sums as m calls of <see cref=\"Backward\"/>, to rounding); then call <see cref=\"ApplyGradients\"/>(η, m).",
            "<param name=\"inputs\">X: m rows of <see cref=\"InputCount\"/> values, row-major.</param>",
            "<param name=\"targets\">Y: m rows of <see cref=\"OutputCount\"/> values.</param>",
            "<returns>Σ_i E_i, the summed loss of the batch.</returns>",
            "<exception cref=\"global::System.ArgumentException\">A span is empty or not a whole number of rows, the row counts differ, the batch is too large for one workspace array, or a value is NaN or infinite (nothing is changed).</exception>",
            "<exception cref=\"global::System.ArithmeticException\">The summed loss overflowed to NaN or infinity (nothing is changed).</exception>");
        using (w.Block("public " + t + " BackwardBatch(" + inputs + ", global::System.ReadOnlySpan<" + t + "> targets)"))
        {
            w.Line("int m = " + RuntimeNames.Guard + "Rows(inputs.Length, InputCount, \"inputs\");");
            Guard(w, "targets", "m, OutputCount");
            FiniteGuards(w, "inputs", "targets", "InputCount", "OutputCount");
            w.Line(t + " total = " + net.Lit(0) + ";");
            var loops = new LoopBodyEmitter(net, w);
            var transposed = new TransposedBatchEmitter(net, w);
            if (BatchLayers(net, loops, transposed, deltas: true))
            {
                transposed.OutputErrors(loops);
            }
            else
            {
                loops.BatchOutputActivation();
                w.Line();
                w.Comment("Loss and BP1, example by example (the output layer is small)");
                using (loops.OutputRows(targets: true))
                {
                    if (net.Model.Output == Models.Activation.Softmax)
                    {
                        loops.OutputActivation();
                    }

                    loops.Loss();
                    loops.OutputErrors();
                    w.Line("total += loss;");
                }
            }

            w.Line();
            FiniteLossGuard(w, "total");
            if (net.TransposedBatch)
            {
                transposed.HiddenErrors(loops);
                transposed.Sink(loops);
            }
            else
            {
                loops.HiddenErrors(LoopBodyEmitter.Names.Batch);
                loops.Sink(update: false, LoopBodyEmitter.Names.Batch);
            }

            w.Line();
            w.Line("return total;");
        }
    }

    /// <summary>
    /// The workspace and the layers of the batch, in the network's layout. Returns true when the output layer ran on
    /// the transposed rows as well (then its loss and BP1 do too); false when the output is left as example rows.
    /// </summary>
    private static bool BatchLayers(Topology net, LoopBodyEmitter loops, TransposedBatchEmitter transposed, bool deltas)
    {
        if (!net.TransposedBatch)
        {
            loops.BatchLocals(deltas);
            loops.Layers(LoopBodyEmitter.Names.Batch);
            return false;
        }

        transposed.Locals(deltas);
        transposed.Layers(loops);
        return transposed.ElementwiseOutput;
    }
}
