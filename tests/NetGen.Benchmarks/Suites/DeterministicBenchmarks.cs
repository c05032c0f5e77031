using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Suites;

/// <summary>
/// Issue 15: the cost of <c>Deterministic = true</c>. Each topology's default network (whatever shape it takes on
/// this CPU: unrolled, Vector256 code, or the SIMD kernels) against its Deterministic twin (unrolled with NetGen's own
/// math, or the deterministic kernels), in one process: one online TrainStep per example, and a 32-example
/// BackwardBatch followed by ApplyGradients (the path Trainer.Fit takes), both per example. GlobalSetup checks the
/// twins' code shapes and that one step gives the same loss to rounding, so the run measures what it claims.
/// </summary>
public class DeterministicBenchmarks
{
    /// <summary>Examples per invocation (and the batch size).</summary>
    public const int Examples = 32;

    private const float Eta = 0.01f;

    private INetwork<float> _fast = null!;
    private INetwork<float> _exact = null!;
    private IBatchNetwork<float> _fastBatch = null!;
    private IBatchNetwork<float> _exactBatch = null!;
    private float[][] _x = null!;
    private float[][] _y = null!;
    private float[] _xs = null!;
    private float[] _ys = null!;

    [Params("3-4-3", "24-8-2", "30-16-2", "64-32-10", "784-128-10")]
    public string Topology { get; set; } = "24-8-2";

    [GlobalSetup]
    public void Setup()
    {
        (_fast, _exact) = Topology switch
        {
            "3-4-3" => ((INetwork<float>)new Net3x4x3(), (INetwork<float>)new DetNet3x4x3()),
            "24-8-2" => (new Net24x8x2(), new DetNet24x8x2()),
            "30-16-2" => (new Net30x16x2(), new DetNet30x16x2()),
            "64-32-10" => (new Net64x32x10(), new DetNet64x32x10()),
            "784-128-10" => (new Net784x128x10(), new DetNet784x128x10()),
            _ => throw new ArgumentException($"unknown topology {Topology}"),
        };
        _fastBatch = (IBatchNetwork<float>)_fast;
        _exactBatch = (IBatchNetwork<float>)_exact;
        string exactShape = ((INetworkInfo)_exact).CodeShape;
        if (!exactShape.EndsWith(", deterministic", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Topology}: the deterministic twin runs \"{exactShape}\"");
        }

        Console.WriteLine($"// {Topology}: default {((INetworkInfo)_fast).CodeShape}, twin {exactShape}");
        _fast.InitializeParameters(42);
        _exact.InitializeParameters(42);
        var random = new Random(1);
        int n = _fast.InputCount, k = _fast.OutputCount;
        _x = new float[Examples][];
        _y = new float[Examples][];
        _xs = new float[Examples * n];
        _ys = new float[Examples * k];
        for (int e = 0; e < Examples; e++)
        {
            _x[e] = new float[n];
            _y[e] = new float[k];
            for (int i = 0; i < n; i++)
            {
                _x[e][i] = _xs[(e * n) + i] = (float)(random.NextDouble() * 2 - 1);
            }

            int label = random.Next(k);
            _y[e][label] = 1;
            _ys[(e * k) + label] = 1;
        }

        float a = _fast.TrainStep(_x[0], _y[0], Eta), b = _exact.TrainStep(_x[0], _y[0], Eta);
        if (Math.Abs(a - b) > 1e-4f * Math.Max(1f, Math.Abs(a)))
        {
            throw new InvalidOperationException($"{Topology}: default loss {a}, deterministic loss {b}");
        }
    }

    /// <summary>The default network, one TrainStep per example.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Examples)]
    public float Default_TrainStep() => TrainSteps(_fast);

    /// <summary>The Deterministic twin, one TrainStep per example.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public float Deterministic_TrainStep() => TrainSteps(_exact);

    /// <summary>The default network, BackwardBatch(32) and ApplyGradients (per example).</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public float Default_Batch32() => Batch(_fastBatch);

    /// <summary>The Deterministic twin, BackwardBatch(32) and ApplyGradients (per example).</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public float Deterministic_Batch32() => Batch(_exactBatch);

    private float TrainSteps(INetwork<float> net)
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += net.TrainStep(_x[i], _y[i], Eta);
        }

        return e;
    }

    private float Batch(IBatchNetwork<float> net)
    {
        float e = net.BackwardBatch(_xs, _ys);
        net.ApplyGradients(Eta, Examples);
        return e;
    }
}
