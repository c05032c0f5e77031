using System.Collections.Generic;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The kernel shape: constant-bound calls to the runtime's SIMD kernels (<see cref="KernelCalls"/>) over preallocated
/// per-instance buffers (a1, d1, ...), and the output layer as loops (<see cref="OutputLoops"/>), for networks too large
/// to unroll: the same equations as <see cref="UnrolledBodyEmitter"/>.
/// </summary>
internal sealed class KernelBodyEmitter : BodyEmitter
{
    private readonly KernelCalls _layers;
    private readonly OutputLoops _output;

    public KernelBodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
        _layers = new KernelCalls(topology, writer);
        _output = new OutputLoops(topology, writer);
    }

    public override IEnumerable<ScratchBuffer> ScratchFields() => ShapePolicy.ScratchBuffers(Net.Sizes);

    public override void Locals(bool gradients, bool deltas)
    {
        base.Locals(gradients, deltas);
        BufferLocals(W, Net, deltas);
    }

    /// <summary>Local aliases of the instance buffers a1..aL, zL (and d1..dL).</summary>
    internal static void BufferLocals(CodeWriter w, Topology net, bool deltas)
    {
        for (int l = 1; l <= net.L; l++)
        {
            w.Line(net.T + "[] a" + l + " = _a" + l + ";");
        }

        w.Line(net.T + "[] z" + net.L + " = _z" + net.L + ";");
        if (deltas)
        {
            for (int l = 1; l <= net.L; l++)
            {
                w.Line(net.T + "[] d" + l + " = _d" + l + ";");
            }
        }
    }

    public override void Forward()
    {
        _layers.Layers(BufferNames.Single);
        _output.Activation();
    }

    public override void WriteOutput() => _output.WriteOutput();

    public override void Loss() => _output.Loss();

    public override void Backpropagate(bool update)
    {
        _output.Errors();
        _layers.HiddenErrors(BufferNames.Single);
        _layers.Sink(update, BufferNames.Single);
    }
}
