using System;
using BenchmarkDotNet.Attributes;
using NetGen.Training;

namespace NetGen.Benchmarks.Suites;

/// <summary>
/// One optimizer step over the 101,770 parameters of 784-128-10 (the Fashion-MNIST network), as Trainer.Fit takes
/// it after every batch: the library's vectorised Adam and SGD with momentum beside the element-by-element loop
/// they replaced (the same formulas, the same bits), in one run. Gradients are refilled before each step (the
/// step zeroes them), so each call does the whole update, including the non-finite check.
/// </summary>
public class OptimizerBenchmarks
{
    private Net784x128x10 _net = null!;
    private Adam<float> _adam = null!;
    private SgdMomentum<float> _momentum = null!;
    private float[] _gradients = null!;
    private float[] _m1 = null!;
    private float[] _m2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _net = new Net784x128x10();
        _adam = new Adam<float>(_net, 1e-9);
        _momentum = new SgdMomentum<float>(_net, 1e-9);
        var random = new Random(1);
        _gradients = new float[Net784x128x10.ParameterCount];
        for (int i = 0; i < _gradients.Length; i++)
        {
            _gradients[i] = (float)(random.NextDouble() - 0.5);
        }

        _m1 = new float[_gradients.Length];
        _m2 = new float[_gradients.Length];
    }

    [Benchmark(Baseline = true)]
    public void AdamScalarLoop()
    {
        _gradients.CopyTo(_net.Gradients);
        ScalarAdam(_net.Parameters, _net.Gradients, 1e-9f, 0.9f, 0.999f, 1e-8f, 1f / 64);
        _net.Gradients.Clear();
    }

    [Benchmark]
    public void AdamStep()
    {
        _gradients.CopyTo(_net.Gradients);
        _adam.Step(64);
    }

    [Benchmark]
    public void SgdMomentumStep()
    {
        _gradients.CopyTo(_net.Gradients);
        _momentum.Step(64);
    }

    /// <summary>Adam's previous float loop (no L2), for the ratio.</summary>
    private void ScalarAdam(Span<float> p, Span<float> g, float step, float b1, float b2, float eps, float invM)
    {
        float c1 = 1 - b1, c2 = 1 - b2, root2 = 0.0447f;
        for (int i = 0; i < p.Length; i++)
        {
            float grad = g[i] * invM;
            float ai = (b1 * _m1[i]) + (c1 * grad);
            float bi = (b2 * _m2[i]) + (c2 * (grad * grad));
            _m1[i] = ai;
            _m2[i] = bi;
            p[i] -= step * (ai / (((float)Math.Sqrt(bi) / root2) + eps));
        }
    }
}
