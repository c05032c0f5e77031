using System.Linq;
using BenchmarkDotNet.Attributes;

// One class per topology: the NetGen benchmarks call the concrete generated type (what a user's code does),
// the FANN / Eigen / plain C# ones are inherited from TopologyBenchmark. Keep the six classes identical but for
// the type names.
//
// BATCH API: NetGenBatchApi_* use the batched matrix form (IBatchNetwork<T>: ForwardBatch, BackwardBatch) on
// [m, n] row-major matrices; NetGen_* use the per-example contract API. Report.cs shows every "<Implementation>_<Op>"
// method as its own column with its ratio against NetGen_<Op>; Verification.cs checks the batch API against
// NetGen's per-example results. A new batch entry point (e.g. a fused TrainBatch) goes next to them, named
// NetGenBatchApi_Batch or NetGen<Something>_Batch, with a line in Verification.cs.

namespace NetGen.Benchmarks.Suites;

/// <summary>2-3-1.</summary>
public class Bench2x3x1 : TopologyBenchmark
{
    private readonly Net2x3x1 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "2-3-1");

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
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net2x3x1.InputCount), OutputMatrix);
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

/// <summary>3-4-3.</summary>
public class Bench3x4x3 : TopologyBenchmark
{
    private readonly Net3x4x3 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "3-4-3");

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
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net3x4x3.InputCount), OutputMatrix);
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

/// <summary>24-8-2.</summary>
public class Bench24x8x2 : TopologyBenchmark
{
    private readonly Net24x8x2 _net = new();

    protected override Topology Topology { get; } = Topology.All.Single(t => t.Name == "24-8-2");

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
        _net.ForwardBatch(new System.ReadOnlySpan<float>(XMatrix, 0, Examples * Net24x8x2.InputCount), OutputMatrix);
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
