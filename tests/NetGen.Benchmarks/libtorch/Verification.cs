using System;
using System.Globalization;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace NetGen.LibTorch;

/// <summary>
/// Before any timing: NetGen and libtorch, from the same parameters on the same batch, must compute the same outputs
/// (ForwardBatch vs forward under no_grad), the same summed loss and gradients (BackwardBatch vs backward), and the same
/// parameters after one training step (ApplyGradients(eta, 32) vs SGD with lr = eta/32). The step uses eta = 1, so that
/// it moves the parameters well beyond the tolerance (the largest change is printed).
/// </summary>
public static class Verification
{
    /// <summary>The tolerance of outputs and parameters (absolute), and of gradients (relative to the largest |G|).</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>The learning rate of the verified step.</summary>
    public const float Eta = 1f;

    public static bool Run(TextWriter log)
    {
        bool ok = true;
        ok &= Check(new Net784x128x10(), log);
        ok &= Check(new Net784x256x128x10(), log);
        log.WriteLine(ok ? "verification: OK" : "verification: FAILED");
        return ok;
    }

    private static bool Check(IBatchNetwork<float> net, TextWriter log)
    {
        string name = string.Join("-", net.LayerSizes.ToArray());
        Setup.InitializeParameters(net);
        var random = new Random(Setup.Seed);
        float[] inputs = Setup.RandomMatrix(random, net.InputCount);
        float[] targets = Setup.RandomMatrix(random, net.OutputCount);
        float[] before = net.Parameters.ToArray();

        using var torchNet = new TorchNetwork(net.LayerSizes, net.Parameters, Eta, Setup.BatchSize);
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(inputs, new long[] { Setup.BatchSize, net.InputCount });
        Tensor y = tensor(targets, new long[] { Setup.BatchSize, net.OutputCount });

        // The parameters as loaded into libtorch, read back (the layout round trip).
        double loaded = MaxAbsDifference(before, torchNet.GetParameters());

        float[] outputs = new float[Setup.BatchSize * net.OutputCount];
        net.ForwardBatch(inputs, outputs);
        float[] torchOutputs = torchNet.Infer(x).data<float>().ToArray();
        double forward = MaxAbsDifference(outputs, torchOutputs);

        float loss = net.BackwardBatch(inputs, targets);
        float[] gradients = net.Gradients.ToArray();
        float torchLoss = torchNet.Backward(x, y).item<float>();
        float[] torchGradients = torchNet.GetGradients();
        double gradientScale = MaxAbs(gradients);
        double gradient = MaxAbsDifference(gradients, torchGradients) / Math.Max(1.0, gradientScale);
        double lossDifference = Math.Abs(loss - torchLoss) / Math.Max(1.0, Math.Abs(loss));

        net.ApplyGradients(Eta, Setup.BatchSize);
        torchNet.Step();
        float[] after = net.Parameters.ToArray();
        double step = MaxAbsDifference(after, torchNet.GetParameters());
        double moved = MaxAbsDifference(before, after);

        bool ok = loaded == 0 && forward <= Tolerance && gradient <= Tolerance && lossDifference <= Tolerance && step <= Tolerance &&
                  moved > 100 * Tolerance;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify {name}: parameters loaded {loaded:0.00e+00}; outputs {forward:0.00e+00}; loss {loss:G7} vs {torchLoss:G7} (rel. {lossDifference:0.00e+00}); " +
            $"gradients {gradient:0.00e+00} (relative to max |G| = {gradientScale:G4}); parameters after one step (eta = {Eta}) {step:0.00e+00} " +
            $"(largest change of a parameter {moved:G4}): {(ok ? "OK" : "FAILED")}"));
        return ok;
    }

    private static double MaxAbsDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new InvalidOperationException($"lengths differ: {a.Length} vs {b.Length}");
        }

        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }

    private static double MaxAbs(float[] a)
    {
        double max = 0;
        foreach (float v in a)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
