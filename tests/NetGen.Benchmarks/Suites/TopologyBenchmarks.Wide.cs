using System.Linq;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Suites;

/// <summary>64-32-10.</summary>
public class Bench64x32x10 : TopologyBenchmark
{
    private readonly Net64x32x10 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "64-32-10");

    protected override INetwork<float> NetGenNetwork => _net;

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float NetGen_Step()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _net.TrainStep(X[i], Y[i], Eta);
        }

        return e;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGen_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _net.Forward(X[i], Output);
            s += Output[0];
        }

        return s;
    }

    /// <summary>m x Backward, then ApplyGradients(eta, m): the batch step of today's public API.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Batch)]
    public float NetGen_Batch()
    {
        float e = 0;
        int m = BatchSize;
        for (int i = 0; i < m; i++)
        {
            e += _net.Backward(X[i], Y[i]);
        }

        _net.ApplyGradients(Eta, m);
        return e;
    }

    // BATCH API (see the top of this file)

    /// <summary>ForwardBatch over the [32, InputCount] matrix of the first 32 examples.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGenBatchApi_Forward()
    {
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net64x32x10.InputCount), OutputMatrix);
        return OutputMatrix[0];
    }

    /// <summary>BackwardBatch over the [m, InputCount] matrix, then ApplyGradients(eta, m).</summary>
    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float NetGenBatchApi_Batch()
    {
        float e = _net.BackwardBatch(XMatrix, YMatrix);
        _net.ApplyGradients(Eta, BatchSize);
        return e;
    }
}

/// <summary>784-128-10.</summary>
public class Bench784x128x10 : TopologyBenchmark
{
    private readonly Net784x128x10 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "784-128-10");

    protected override INetwork<float> NetGenNetwork => _net;

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float NetGen_Step()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _net.TrainStep(X[i], Y[i], Eta);
        }

        return e;
    }

    /// <summary>TrainSequence over the same examples: the online steps with each first-layer step fused with the next product.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float NetGenSequence_Step() =>
        _net.TrainSequence(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net784x128x10.InputCount), new System.ReadOnlySpan<float>(YMatrix, 0, Examples * Net784x128x10.OutputCount), Eta);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGen_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _net.Forward(X[i], Output);
            s += Output[0];
        }

        return s;
    }

    /// <summary>m x Backward, then ApplyGradients(eta, m): the batch step of today's public API.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Batch)]
    public float NetGen_Batch()
    {
        float e = 0;
        int m = BatchSize;
        for (int i = 0; i < m; i++)
        {
            e += _net.Backward(X[i], Y[i]);
        }

        _net.ApplyGradients(Eta, m);
        return e;
    }

    // BATCH API (see the top of this file)

    /// <summary>ForwardBatch over the [32, InputCount] matrix of the first 32 examples.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGenBatchApi_Forward()
    {
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net784x128x10.InputCount), OutputMatrix);
        return OutputMatrix[0];
    }

    /// <summary>BackwardBatch over the [m, InputCount] matrix, then ApplyGradients(eta, m).</summary>
    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float NetGenBatchApi_Batch()
    {
        float e = _net.BackwardBatch(XMatrix, YMatrix);
        _net.ApplyGradients(Eta, BatchSize);
        return e;
    }
}

/// <summary>784-256-128-10.</summary>
public class Bench784x256x128x10 : TopologyBenchmark
{
    private readonly Net784x256x128x10 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "784-256-128-10");

    protected override INetwork<float> NetGenNetwork => _net;

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float NetGen_Step()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _net.TrainStep(X[i], Y[i], Eta);
        }

        return e;
    }

    /// <summary>TrainSequence over the same examples: the online steps with each first-layer step fused with the next product.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Step)]
    public float NetGenSequence_Step() =>
        _net.TrainSequence(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net784x256x128x10.InputCount), new System.ReadOnlySpan<float>(YMatrix, 0, Examples * Net784x256x128x10.OutputCount), Eta);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGen_Forward()
    {
        float s = 0;
        for (int i = 0; i < Examples; i++)
        {
            _net.Forward(X[i], Output);
            s += Output[0];
        }

        return s;
    }

    /// <summary>m x Backward, then ApplyGradients(eta, m): the batch step of today's public API.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Batch)]
    public float NetGen_Batch()
    {
        float e = 0;
        int m = BatchSize;
        for (int i = 0; i < m; i++)
        {
            e += _net.Backward(X[i], Y[i]);
        }

        _net.ApplyGradients(Eta, m);
        return e;
    }

    // BATCH API (see the top of this file)

    /// <summary>ForwardBatch over the [32, InputCount] matrix of the first 32 examples.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Category.Forward)]
    public float NetGenBatchApi_Forward()
    {
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net784x256x128x10.InputCount), OutputMatrix);
        return OutputMatrix[0];
    }

    /// <summary>BackwardBatch over the [m, InputCount] matrix, then ApplyGradients(eta, m).</summary>
    [Benchmark, BenchmarkCategory(Category.Batch)]
    public float NetGenBatchApi_Batch()
    {
        float e = _net.BackwardBatch(XMatrix, YMatrix);
        _net.ApplyGradients(Eta, BatchSize);
        return e;
    }
}
