using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch held one row per example ([m, units], the caller's layout) for networks with a wide layer: each layer is
/// one register-blocked matrix-matrix product over the whole batch (<see cref="KernelCalls"/> with
/// <see cref="BufferNames.Batch"/>) and the activations one vectorised pass; the loss and BP1 run example by example.
/// </summary>
internal sealed class RowMajorBatchEmitter : BatchEmitter
{
    private readonly KernelCalls _kernels;

    public RowMajorBatchEmitter(Topology net, CodeWriter writer)
        : base(net, writer)
    {
        _kernels = new KernelCalls(net, writer);
    }

    public override void Locals(bool deltas, bool targets = true)
    {
        W.Line(T + "[] p = _parameters;");
        if (deltas)
        {
            W.Line(T + "[] g = _gradients;");
        }

        W.Comment("The batch workspace: A¹..A" + Notation.Sup(L) + ", Z" + Notation.Sup(L) + (deltas ? ", Δ¹..Δ" + Notation.Sup(L) : string.Empty) + " as [m, units] row-major; it grows only when a larger batch arrives");
        var workspace = new BatchWorkspace();
        for (int l = 1; l <= L; l++)
        {
            workspace.Matrix("A" + l, N(l));
        }

        for (int l = 1; l < L; l++)
        {
            if (ShapePolicy.NeedsZ(Net.ActivationOf(l)))
            {
                workspace.Matrix("Z" + l, N(l));
            }
        }

        workspace.Matrix("Z" + L, N(L));
        for (int l = 1; l <= L && deltas; l++)
        {
            workspace.Matrix("D" + l, N(l));
        }

        workspace.Write(W, T);
    }

    public override void Layers()
    {
        _kernels.Layers(BufferNames.Batch);
        if (Net.Model.Output != Activation.Softmax)
        {
            W.Line();
            W.Comment("Output activation over the whole batch: " + Equations.OutputActivation(Net));
            W.Line(Net.Kernel("Activate") + "Z" + L + ", A" + L + ", " + Topology.ActivationValue(Net.Model.Output) + ");");
        }
    }

    public override void WriteOutputs() => ExampleRowOutputs();

    public override void LossAndOutputErrors() => ExampleRowErrors();

    public override void OutputErrorsFromGradient()
    {
        if (Net.Model.Output == Activation.Softmax)
        {
            ExampleRowErrorsFromGradient();
            return;
        }

        W.Line();
        W.Comment(Equations.OutputErrorFromGradient(Net));
        W.Line("outputGradients.CopyTo(D" + L + ");");
        if (Net.Model.Output != Activation.Identity)
        {
            W.Line(Net.MultiplyByDerivative(Net.Model.Output, "D" + L, "A" + L, "Z" + L));
        }
    }

    public override void InputGradients() => _kernels.InputGradient(BufferNames.Batch, "inputGradients");

    public override void HiddenErrors() => _kernels.HiddenErrors(BufferNames.Batch);

    public override void Sink() => _kernels.Sink(update: false, BufferNames.Batch);
}
