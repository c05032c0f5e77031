using System;
using System.Linq;
using NetGen.Benchmarks.Suites;

namespace NetGen.Benchmarks;

/// <summary>One benchmarked network: its sizes, activations, batch size and the four implementations' names.</summary>
public sealed class Topology
{
    private Topology(string name, int[] sizes, bool tanhHidden, int batchSize, Type benchmarkType, Func<INetwork<float>> createNetGen)
    {
        Name = name;
        Sizes = sizes;
        TanhHidden = tanhHidden;
        BatchSize = batchSize;
        BenchmarkType = benchmarkType;
        CreateNetGen = createNetGen;
        NativeName = "n" + string.Join("_", sizes);
        for (int l = 1; l < sizes.Length; l++)
        {
            WeightCount += (long)sizes[l] * sizes[l - 1];
            ParameterCount += sizes[l] * sizes[l - 1] + sizes[l];
        }

        FirstLayerWeightCount = (long)sizes[0] * sizes[1];
    }

    /// <summary>The topologies of issue 5, in report order.</summary>
    public static Topology[] All { get; } =
    {
        new("2-3-1", new[] { 2, 3, 1 }, false, 32, typeof(Bench2x3x1), () => new Net2x3x1()),
        new("3-4-3", new[] { 3, 4, 3 }, false, 32, typeof(Bench3x4x3), () => new Net3x4x3()),
        // SimpleChains.jl's published case: tanh hidden units, the gradient over 200 examples.
        new("24-8-2", new[] { 24, 8, 2 }, true, 200, typeof(Bench24x8x2), () => new Net24x8x2()),
        new("64-32-10", new[] { 64, 32, 10 }, false, 32, typeof(Bench64x32x10), () => new Net64x32x10()),
        new("784-128-10", new[] { 784, 128, 10 }, false, 32, typeof(Bench784x128x10), () => new Net784x128x10()),
        new("784-256-128-10", new[] { 784, 256, 128, 10 }, false, 32, typeof(Bench784x256x128x10), () => new Net784x256x128x10()),
    };

    /// <summary>"784-128-10".</summary>
    public string Name { get; }

    /// <summary>Units per layer, input first.</summary>
    public int[] Sizes { get; }

    /// <summary>tanh hidden units (else sigmoid); the output is always sigmoid, the loss squared error.</summary>
    public bool TanhHidden { get; }

    /// <summary>m of the batch step (the examples of one gradient); also the size of the benchmark's data set.</summary>
    public int BatchSize { get; }

    /// <summary>The BenchmarkDotNet class of this topology (Suites/TopologyBenchmarks.cs).</summary>
    public Type BenchmarkType { get; }

    /// <summary>A new NetGen network of this topology, through the public generated API only.</summary>
    public Func<INetwork<float>> CreateNetGen { get; }

    /// <summary>The suffix of the Eigen entry points in native/eigen_nets.cpp: "n784_128_10".</summary>
    public string NativeName { get; }

    public int InputCount => Sizes[0];

    public int OutputCount => Sizes[^1];

    public int ParameterCount { get; }

    /// <summary>Weights only (no biases).</summary>
    public long WeightCount { get; }

    public long FirstLayerWeightCount { get; }

    public string Activations => TanhHidden ? "tanh hidden, sigmoid output" : "sigmoid hidden and output";

    /// <summary>
    /// FLOPs of one training example, counting only the three matrix products (2 per multiply-add):
    /// forward W a (2W), backpropagated errors W^T d for every layer but the first (2(W - W1)),
    /// weight gradient d a^T (2W). Activations, biases and the update are not counted.
    /// </summary>
    public long TrainFlopsPerExample => 6 * WeightCount - 2 * FirstLayerWeightCount;

    /// <summary>FLOPs of one inference: 2W.</summary>
    public long ForwardFlopsPerExample => 2 * WeightCount;

    public static Topology? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase) ||
                                string.Equals(t.BenchmarkType.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
