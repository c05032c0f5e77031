using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Implementations;

namespace NetGen.Benchmarks.Suites;

/// <summary>Benchmark categories: each has NetGen as its baseline.</summary>
public static class Category
{
    /// <summary>One online SGD step on one example (ns per example).</summary>
    public const string Step = "Step";

    /// <summary>Inference on one example (ns per example).</summary>
    public const string Forward = "Forward";

    /// <summary>One gradient step over the topology's batch of m examples (ns per batch step).</summary>
    public const string Batch = "Batch";
}

/// <summary>
/// The benchmarks of one topology, side by side: NetGen (in the derived class, on its concrete generated type),
/// FANN 2.2, fixed-size Eigen and plain C# arrays, all loaded with the same initial parameters.
/// Method names are Implementation_Operation; Report.cs builds the tables from them.
/// Step and Forward go over <see cref="Examples"/> examples per invocation (OperationsPerInvoke, so the times
/// are per example); Batch is one gradient step over all m examples of the data set (time per batch step).
/// </summary>
public abstract unsafe class TopologyBenchmark
{
    /// <summary>Examples per Step/Forward invocation.</summary>
    public const int Examples = 32;

    /// <summary>The learning rate of the timed steps (small, so that millions of steps stay in a sane range).</summary>
    public const float Eta = 0.01f;

    /// <summary>The seed of NetGen's InitializeParameters; all four start from these parameters.</summary>
    public const ulong Seed = 42;

    private Dataset _data = null!;
    private FannNetwork _fann = null!;
    private EigenNetwork _eigen = null!;
    private PlainNetwork _plain = null!;
    private float* _output;
    private int _inputs;
    private int _outputs;

    /// <summary>Example rows, as NetGen and the plain arrays take them.</summary>
    protected float[][] X { get; private set; } = null!;

    /// <summary>Target rows.</summary>
    protected float[][] Y { get; private set; } = null!;

    /// <summary>Receives inference outputs.</summary>
    protected float[] Output { get; private set; } = null!;

    /// <summary>All m examples as one [m, InputCount] row-major matrix (the batch API's layout).</summary>
    protected float[] XMatrix { get; private set; } = null!;

    /// <summary>All m targets as one [m, OutputCount] row-major matrix.</summary>
    protected float[] YMatrix { get; private set; } = null!;

    /// <summary>Receives the outputs of <see cref="Examples"/> examples: [Examples, OutputCount].</summary>
    protected float[] OutputMatrix { get; private set; } = null!;

    /// <summary>m, the examples of one batch step (the data set's size).</summary>
    protected int BatchSize { get; private set; }

    protected abstract Topology Topology { get; }

    /// <summary>The derived class's NetGen instance, for setup only (the benchmarks call the concrete type).</summary>
    protected abstract INetwork<float> NetGenNetwork { get; }

    [GlobalSetup]
    public void Setup()
    {
        NativeLibraries.EnsureLoaded();
        _data = Dataset.Create(Topology);
        X = _data.Inputs;
        Y = _data.Targets;
        XMatrix = _data.X;
        YMatrix = _data.Y;
        BatchSize = _data.Count;
        _inputs = Topology.InputCount;
        _outputs = Topology.OutputCount;
        Output = GC.AllocateArray<float>(_outputs, pinned: true);
        OutputMatrix = new float[Examples * _outputs];
        fixed (float* o = Output)
        {
            _output = o;
        }

        INetwork<float> net = NetGenNetwork;
        net.InitializeParameters(Seed);
        net.ZeroGradients();
        float[] initial = net.Parameters.ToArray();

        _fann = new FannNetwork(Topology, _data);
        _fann.SetParameters(initial);
        _fann.SetLearningRate(Eta);
        _eigen = new EigenNetwork(Topology);
        _eigen.SetParameters(initial);
        _plain = new PlainNetwork(Topology.Sizes, Topology.TanhHidden);
        _plain.SetParameters(initial);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fann?.Dispose();
        _eigen?.Dispose();
    }

    // ---- online step: one example, forward + backprop + update ----

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float Eigen_Step()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _eigen.TrainStep(_data.XPtr + i * _inputs, _data.YPtr + i * _outputs, Eta);
        }

        return e;
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public void Fann_Step()
    {
        for (int i = 0; i < Examples; i++)
        {
            _fann.TrainStep(_data.XPtr + i * _inputs, _data.YPtr + i * _outputs);
        }
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float Plain_Step()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _plain.TrainStep(X[i], Y[i], Eta);
        }

        return e;
    }

    // ---- inference ----

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float Eigen_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _eigen.Forward(_data.XPtr + i * _inputs, _output);
            s += _output[0];
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float Fann_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _fann.Forward(_data.XPtr + i * _inputs, _output);
            s += _output[0];
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float Plain_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _plain.Forward(X[i], Output);
            s += Output[0];
        }

        return s;
    }

    // ---- batch step: the gradient summed over m examples, then theta -= eta G / m ----

    /// <summary>Eigen's natural batch: matrix-matrix products over the m examples at once (GEMM).</summary>
    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float Eigen_Batch() => _eigen.BatchStep(_data.XPtr, _data.YPtr, Eta);

    /// <summary>fann_train_epoch with FANN_TRAIN_BATCH over the m examples: one step with learning_rate / m.</summary>
    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float Fann_Batch() => _fann.BatchStep();

    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float Plain_Batch() => _plain.BatchStep(X, Y, BatchSize, Eta);
}
