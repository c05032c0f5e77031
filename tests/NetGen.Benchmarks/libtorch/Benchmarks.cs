using System;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NetGen.LibTorch;

/// <summary>Benchmark categories; NetGen is the baseline of each, so BenchmarkDotNet's Ratio is libtorch / NetGen.</summary>
public static class Category
{
    /// <summary>One gradient step over a batch of m examples: backward over the batch, then theta -= eta/m * G.</summary>
    public const string TrainingStep = "training step";

    /// <summary>The outputs of a batch of m examples.</summary>
    public const string Inference = "inference";
}

/// <summary>The data and starting parameters both sides share.</summary>
public static class Setup
{
    /// <summary>m, the examples of one batch.</summary>
    public const int BatchSize = 32;

    /// <summary>The learning rate of the timed steps.</summary>
    public const float Eta = 0.01f;

    /// <summary>The seed of NetGen's InitializeParameters and of the data.</summary>
    public const int Seed = 42;

    /// <summary>
    /// NetGen's deterministic initialisation (Glorot-uniform weights, zero biases), then biases random in [-0.1, 0.1),
    /// so that the verification also checks where the biases lie in the parameter layout.
    /// </summary>
    public static void InitializeParameters(INetwork<float> net)
    {
        net.InitializeParameters(Seed);
        net.ZeroGradients();
        var random = new Random(Seed + 1);
        Span<float> parameters = net.Parameters;
        ReadOnlySpan<int> sizes = net.LayerSizes;
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            offset += sizes[l] * sizes[l - 1];
            for (int j = 0; j < sizes[l]; j++)
            {
                parameters[offset + j] = (float)((random.NextDouble() * 0.2) - 0.1);
            }

            offset += sizes[l];
        }

        if (offset != net.ParameterCount)
        {
            throw new InvalidOperationException($"layout: {offset} parameters walked, {net.ParameterCount} in the network");
        }
    }

    /// <summary>m rows of <paramref name="columns"/> floats in [0, 1), row-major.</summary>
    public static float[] RandomMatrix(Random random, int columns)
    {
        float[] data = new float[BatchSize * columns];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return data;
    }
}

/// <summary>
/// One network's benchmarks, side by side: NetGen's batch path (in the derived class, on its concrete generated type)
/// and libtorch through TorchSharp, from the same parameters on the same batch. Times are per batch of 32.
/// The libtorch methods open a TorchSharp dispose scope per call, as a TorchSharp training loop does (the
/// temporaries of the graph are freed at once instead of by the finaliser).
/// </summary>
public abstract class Comparison
{
    private TorchNetwork _torch = null!;
    private Tensor _x = null!;
    private Tensor _y = null!;

    /// <summary>The batch's inputs, [m, InputCount] row-major.</summary>
    protected float[] Inputs { get; private set; } = null!;

    /// <summary>The batch's targets, [m, OutputCount] row-major.</summary>
    protected float[] Targets { get; private set; } = null!;

    /// <summary>Receives NetGen's outputs, [m, OutputCount].</summary>
    protected float[] Outputs { get; private set; } = null!;

    /// <summary>The derived class's NetGen instance, for setup only (the benchmarks call the concrete type).</summary>
    protected abstract IBatchNetwork<float> NetGenNetwork { get; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        IBatchNetwork<float> net = NetGenNetwork;
        Setup.InitializeParameters(net);
        var random = new Random(Setup.Seed);
        Inputs = Setup.RandomMatrix(random, net.InputCount);
        Targets = Setup.RandomMatrix(random, net.OutputCount);
        Outputs = new float[Setup.BatchSize * net.OutputCount];
        _torch = new TorchNetwork(net.LayerSizes, net.Parameters, Setup.Eta, Setup.BatchSize);
        _x = tensor(Inputs, new long[] { Setup.BatchSize, net.InputCount });
        _y = tensor(Targets, new long[] { Setup.BatchSize, net.OutputCount });
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _x?.Dispose();
        _y?.Dispose();
        _torch?.Dispose();
    }

    [Benchmark, BenchmarkCategory(Category.TrainingStep)]
    public float LibTorch_TrainingStep()
    {
        using DisposeScope scope = NewDisposeScope();
        return _torch.TrainStep(_x, _y).item<float>();
    }

    [Benchmark, BenchmarkCategory(Category.Inference)]
    public void LibTorch_Inference()
    {
        using DisposeScope scope = NewDisposeScope();
        _torch.Infer(_x);
    }
}

public class Net784x128x10Comparison : Comparison
{
    private readonly Net784x128x10 _net = new();

    protected override IBatchNetwork<float> NetGenNetwork => _net;

    [Benchmark(Baseline = true), BenchmarkCategory(Category.TrainingStep)]
    public float NetGen_TrainingStep()
    {
        float e = _net.BackwardBatch(Inputs, Targets);
        _net.ApplyGradients(Setup.Eta, Setup.BatchSize);
        return e;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Category.Inference)]
    public float NetGen_Inference()
    {
        _net.ForwardBatch(Inputs, Outputs);
        return Outputs[0];
    }
}

public class Net784x256x128x10Comparison : Comparison
{
    private readonly Net784x256x128x10 _net = new();

    protected override IBatchNetwork<float> NetGenNetwork => _net;

    [Benchmark(Baseline = true), BenchmarkCategory(Category.TrainingStep)]
    public float NetGen_TrainingStep()
    {
        float e = _net.BackwardBatch(Inputs, Targets);
        _net.ApplyGradients(Setup.Eta, Setup.BatchSize);
        return e;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Category.Inference)]
    public float NetGen_Inference()
    {
        _net.ForwardBatch(Inputs, Outputs);
        return Outputs[0];
    }
}
