using System.Collections.Generic;
using System.Linq;
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

    public override IEnumerable<ScratchBuffer> ScratchFields() => ShapePolicy.ScratchBuffers(Net.Sizes, Net.Model.Activations.ToArray());

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

        for (int l = 1; l < net.L; l++)
        {
            if (ShapePolicy.NeedsZ(net.ActivationOf(l)))
            {
                w.Line(net.T + "[] z" + l + " = _z" + l + ";");
            }
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

    public override void Backpropagate(bool update, bool fromGradient = false)
    {
        _output.Errors(fromGradient);

        _layers.HiddenErrors(BufferNames.Single);
        _layers.Sink(update, BufferNames.Single);
    }

    public override void InputGradient() => _layers.InputGradient(BufferNames.Single, "inputGradient");
}
