using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.KernelShape;

namespace NetGen.Benchmarks.Suites;

/// <summary>
/// Issue 15: the shape-specific Vector128 code against the runtime's kernels, on the same topologies in one process.
/// The kernel networks come from NetGen.Benchmarks.KernelShape (compiled against the netstandard2.0 runtime, so the
/// generator gave them the kernel shape); the vector networks are this project's (compiled against the net8.0
/// runtime). Program runs this suite with DOTNET_EnableAVX2=0 (--vector128), where the vector networks take their
/// Vector128 branch and the kernels run Vector&lt;T&gt; at 128 bits; GlobalSetup checks both
/// <see cref="INetworkInfo.CodeShape"/> values, so the run measures what it claims. With --vector128-avx2 the same
/// suite runs with AVX2 on (Vector256 code vs 256-bit kernels), for context.
/// TrainStep is timed over <see cref="Examples"/> examples per invocation, one online SGD step each (ns per example).
/// Both networks are called through INetwork&lt;float&gt;: the same interface dispatch on both sides.
/// </summary>
public class Vector128Benchmarks
{
    /// <summary>Examples per invocation.</summary>
    public const int Examples = 32;

    private const float Eta = 0.01f;
    private const ulong Seed = 42;

    private INetwork<float> _kernels = null!;
    private INetwork<float> _vector = null!;
    private float[][] _x = null!;
    private float[][] _y = null!;

    [Params("24-8-2", "30-16-2", "64-32-10")]
    public string Topology { get; set; } = "24-8-2";

    /// <summary>The code shape the vector networks must report: "Vector128 code", or "Vector256 code" with AVX2 on.</summary>
    public static string ExpectedVectorShape { get; set; } = "Vector128 code";

    [GlobalSetup]
    public void Setup()
    {
        (_kernels, _vector) = Topology switch
        {
            "24-8-2" => ((INetwork<float>)new KernelNet24x8x2(), (INetwork<float>)new Net24x8x2()),
            "30-16-2" => (new KernelNet30x16x2(), new Net30x16x2()),
            "64-32-10" => (new KernelNet64x32x10(), new Net64x32x10()),
            _ => throw new ArgumentException($"unknown topology {Topology}"),
        };
        string expectedVector = Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0" ? "Vector128 code" : ExpectedVectorShape;
        Check(_kernels, "kernels");
        Check(_vector, expectedVector);

        _kernels.InitializeParameters(Seed);
        _vector.InitializeParameters(Seed);
        if (!_kernels.Parameters.SequenceEqual(_vector.Parameters))
        {
            throw new InvalidOperationException($"{Topology}: the two shapes start from different parameters");
        }

        var random = new Random(1);
        _x = new float[Examples][];
        _y = new float[Examples][];
        for (int e = 0; e < Examples; e++)
        {
            _x[e] = new float[_vector.InputCount];
            _y[e] = new float[_vector.OutputCount];
            for (int i = 0; i < _x[e].Length; i++)
            {
                _x[e][i] = (float)(random.NextDouble() * 2 - 1);
            }

            _y[e][random.Next(_y[e].Length)] = 1;
        }

        // Same computation: one step each from the same parameters gives the same loss (up to rounding: the lanes,
        // reduction orders and FMA use differ between the shapes).
        float a = _kernels.TrainStep(_x[0], _y[0], Eta), b = _vector.TrainStep(_x[0], _y[0], Eta);
        if (Math.Abs(a - b) > 1e-4f * Math.Max(1f, Math.Abs(a)))
        {
            throw new InvalidOperationException($"{Topology}: kernels loss {a}, vector loss {b}");
        }
    }

    private void Check(INetwork<float> net, string expected)
    {
        string shape = ((INetworkInfo)net).CodeShape;
        if (shape != expected)
        {
            throw new InvalidOperationException($"{Topology}: {net.GetType().Name} runs \"{shape}\", expected \"{expected}\"");
        }

        Console.WriteLine($"// {Topology}: {net.GetType().Name} code shape: {shape}");
    }

    /// <summary>The kernel shape (baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Examples)]
    public float Kernels_TrainStep()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _kernels.TrainStep(_x[i], _y[i], Eta);
        }

        return e;
    }

    /// <summary>The shape-specific vector code.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public float Vector_TrainStep()
    {
        float e = 0;
        for (int i = 0; i < Examples; i++)
        {
            e += _vector.TrainStep(_x[i], _y[i], Eta);
        }

        return e;
    }
}
