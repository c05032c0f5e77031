using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the bodies of ForwardBatch and BackwardBatch (the batched matrix form of seed 002) for one batch layout:
/// the workspace, the layers, the outputs, the loss and BP1, BP2 and the sink into the gradients. The layout is the
/// planner's choice (<see cref="CodeShape.Batch"/>): <see cref="RowMajorBatchEmitter"/> (one row per example) or
/// <see cref="TransposedBatchEmitter"/> (one row per unit). An output layer held as example rows (every softmax, and
/// every output of the row-major layout) runs example by example through <see cref="OutputLoops"/>, here.
/// </summary>
internal abstract class BatchEmitter
{
    protected BatchEmitter(Topology net, CodeWriter writer)
    {
        Net = net;
        W = writer;
        Output = new OutputLoops(net, writer);
    }

    protected Topology Net { get; }

    protected CodeWriter W { get; }

    protected OutputLoops Output { get; }

    protected string T => Net.T;

    protected int L => Net.L;

    protected int N(int l) => Net.Sizes[l];

    /// <summary>The writer of the planner's choice.</summary>
    public static BatchEmitter For(Topology net, CodeWriter writer) =>
        net.Shape.Batch == BatchLayout.UnitRows ? new TransposedBatchEmitter(net, writer) : new RowMajorBatchEmitter(net, writer);

    /// <summary>p, g (<paramref name="deltas"/>) and the workspace's matrices.</summary>
    public abstract void Locals(bool deltas);

    /// <summary>The forward pass over the batch, up to z^L (and a^L where the output is elementwise).</summary>
    public abstract void Layers();

    /// <summary>ForwardBatch: G into <c>outputs</c>.</summary>
    public abstract void WriteOutputs();

    /// <summary>BackwardBatch: <c>total</c> = Σ_i E_i and δ^L (BP1).</summary>
    public abstract void LossAndOutputErrors();

    /// <summary>BackwardBatch: BP2 for l = L-1..1.</summary>
    public abstract void HiddenErrors();

    /// <summary>BackwardBatch: BP3 and BP4 summed over the batch into g.</summary>
    public abstract void Sink();

    /// <summary>The outputs of an output layer held as example rows A{L}, Z{L}: the softmax row by row, then a copy.</summary>
    protected void ExampleRowOutputs()
    {
        using (Output.Rows(targets: false))
        {
            if (Net.Model.Output == Activation.Softmax)
            {
                Output.Activation();
            }

            W.Line("a" + L + ".CopyTo(outputs.Slice(i * OutputCount, OutputCount));");
        }
    }

    /// <summary>The loss and BP1 of an output layer held as example rows, example by example.</summary>
    protected void ExampleRowErrors()
    {
        W.Line();
        W.Comment("Loss and BP1, example by example (the output layer is small)");
        using (Output.Rows(targets: true))
        {
            if (Net.Model.Output == Activation.Softmax)
            {
                Output.Activation();
            }

            Output.Loss();
            Output.Errors();
            W.Line("total += loss;");
        }
    }
}
