using System;

namespace NetGen.Benchmarks;

/// <summary>
/// A fixed random data set of <see cref="Topology.BatchSize"/> examples: inputs uniform in [-0.5, 0.5) (keeps
/// FANN's clipped derivatives, sigmoid 0.01..0.99 and tanh -0.98..0.98, out of play in the verification), targets
/// uniform in [0, 1). Held twice: as rows (float[] per example, what NetGen and the plain arrays take) and as flat
/// pinned example-major arrays (what the native implementations take by pointer).
/// </summary>
public sealed unsafe class Dataset
{
    private Dataset(Topology topology, ulong seed)
    {
        Count = topology.BatchSize;
        int inputs = topology.InputCount, outputs = topology.OutputCount;
        X = GC.AllocateArray<float>(Count * inputs, pinned: true);
        Y = GC.AllocateArray<float>(Count * outputs, pinned: true);
        Inputs = new float[Count][];
        Targets = new float[Count][];
        ulong state = seed;
        for (int n = 0; n < Count; n++)
        {
            Inputs[n] = new float[inputs];
            Targets[n] = new float[outputs];
            for (int k = 0; k < inputs; k++)
            {
                X[n * inputs + k] = Inputs[n][k] = NextFloat(ref state) - 0.5f;
            }

            for (int j = 0; j < outputs; j++)
            {
                Y[n * outputs + j] = Targets[n][j] = NextFloat(ref state);
            }
        }

        fixed (float* x = X)
        {
            XPtr = x; // pinned object heap: the address never changes
        }

        fixed (float* y = Y)
        {
            YPtr = y;
        }
    }

    public int Count { get; }

    public float[][] Inputs { get; }

    public float[][] Targets { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float* XPtr { get; }

    public float* YPtr { get; }

    public static Dataset Create(Topology topology, ulong seed = 5) => new(topology, seed);

    // SplitMix64, 24 bits to a float in [0, 1).
    private static float NextFloat(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }
}
