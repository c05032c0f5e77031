using BenchmarkDotNet.Attributes;
using NetGen.__Internals;

namespace NetGen.Benchmarks.Suites;

/// <summary>
/// What the reliability checks cost per online step (docs/reliability.md): the same Guard calls a generated
/// <c>TrainStep</c> makes before it writes anything (learning rate, every input and target value finite, the loss
/// finite), timed beside the whole <c>TrainStep</c> of the same network in one run; the Ratio column is their share.
/// </summary>
public class CheckCostBenchmarks
{
    private INetwork<float> _net = null!;
    private float[] _x = null!;
    private float[] _y = null!;
    private float _loss;

    [Params("3-4-3", "24-8-2", "64-32-10", "784-128-10")]
    public string Topology { get; set; } = "3-4-3";

    [GlobalSetup]
    public void Setup()
    {
        _net = Topology switch
        {
            "3-4-3" => new Net3x4x3(),
            "24-8-2" => new Net24x8x2(),
            "64-32-10" => new Net64x32x10(),
            _ => new Net784x128x10(),
        };
        var random = new System.Random(1);
        _x = new float[_net.InputCount];
        _y = new float[_net.OutputCount];
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (float)random.NextDouble();
        }

        _y[0] = 1;
        _loss = _net.Loss(_x, _y);
    }

    /// <summary>One online SGD step, checks included (the learning rate is tiny so the weights stay put).</summary>
    [Benchmark(Baseline = true)]
    public float TrainStep() => _net.TrainStep(_x, _y, 1e-9f);

    /// <summary>The checks alone, as the generated TrainStep calls them.</summary>
    [Benchmark]
    public float Checks()
    {
        Guard.NonNegative(1e-9f, "learningRate");
        Guard.FiniteExample(_x, _y);
        Guard.FiniteLoss(_loss);
        return _loss;
    }
}
