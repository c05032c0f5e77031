using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;

namespace NetGen.Training.Tests;

/// <summary>
/// A 2-1 network (w0, w1, then bias b) whose gradients the test sets by hand, so optimizer steps can be checked
/// against numbers worked out from the formulas. Forward and backpropagation are not needed and not implemented.
/// </summary>
internal sealed class ManualNetwork<T> : INetwork<T>
    where T : unmanaged
{
    private static readonly int[] Sizes = { 2, 1 };
    private readonly T[] _parameters = new T[3];
    private readonly T[] _gradients = new T[3];

    public int InputCount => 2;

    public int OutputCount => 1;

    public int ParameterCount => 3;

    public ReadOnlySpan<int> LayerSizes => Sizes;

    public bool HasBias => true;

    public Span<T> Parameters => _parameters;

    public Span<T> Gradients => _gradients;

    public void Forward(ReadOnlySpan<T> input, Span<T> output) => throw new NotSupportedException();

    public T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => throw new NotSupportedException();

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => throw new NotSupportedException();

    public void ZeroGradients() => Array.Clear(_gradients);

    public void ApplyGradients(T learningRate, int batchSize = 1, T l2 = default) => throw new NotSupportedException();

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => throw new NotSupportedException();

    public void InitializeParameters(ulong seed) => throw new NotSupportedException();
}

/// <summary>A real network behind a wrapper that implements only <see cref="INetwork{T}"/> (no batched members).</summary>
internal sealed class PlainNetwork<T>(INetwork<T> inner) : INetwork<T>
    where T : unmanaged
{
    public int InputCount => inner.InputCount;

    public int OutputCount => inner.OutputCount;

    public int ParameterCount => inner.ParameterCount;

    public ReadOnlySpan<int> LayerSizes => inner.LayerSizes;

    public bool HasBias => inner.HasBias;

    public Span<T> Parameters => inner.Parameters;

    public Span<T> Gradients => inner.Gradients;

    public void Forward(ReadOnlySpan<T> input, Span<T> output) => inner.Forward(input, output);

    public T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.Loss(input, target);

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.Backward(input, target);

    public void ZeroGradients() => inner.ZeroGradients();

    public void ApplyGradients(T learningRate, int batchSize = 1, T l2 = default) => inner.ApplyGradients(learningRate, batchSize, l2);

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => inner.TrainStep(input, target, learningRate);

    public void InitializeParameters(ulong seed) => inner.InitializeParameters(seed);
}

/// <summary>A real network whose <see cref="Parameters"/> throw once armed: injects a failure in the middle of a save.</summary>
internal sealed class ThrowingNetwork(INetwork<float> inner) : INetwork<float>
{
    public bool Armed { get; set; }

    public int InputCount => inner.InputCount;

    public int OutputCount => inner.OutputCount;

    public int ParameterCount => inner.ParameterCount;

    public ReadOnlySpan<int> LayerSizes => inner.LayerSizes;

    public bool HasBias => inner.HasBias;

    public Span<float> Parameters => Armed ? throw new IOException("injected failure while writing the data") : inner.Parameters;

    public Span<float> Gradients => inner.Gradients;

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);

    public float Loss(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => inner.Loss(input, target);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => inner.Backward(input, target);

    public void ZeroGradients() => inner.ZeroGradients();

    public void ApplyGradients(float learningRate, int batchSize = 1, float l2 = 0) => inner.ApplyGradients(learningRate, batchSize, l2);

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate) => inner.TrainStep(input, target, learningRate);

    public void InitializeParameters(ulong seed) => inner.InitializeParameters(seed);
}

/// <summary>Fisher's iris (150 x 4, 3 classes) from data/iris.csv (carried in the repository), features standardised to mean 0, variance 1.</summary>
internal static class Iris
{
    public static readonly string[] ClassNames = { "setosa", "versicolor", "virginica" };

    private static readonly Lazy<(double[] X, int[] Y)> Data = new(Load);

    public static double[] Features64 => Data.Value.X;

    public static float[] Features32 => Data.Value.X.Select(x => (float)x).ToArray();

    public static int[] Labels => Data.Value.Y;

    private static (double[] X, int[] Y) Load()
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
        string[] header = lines[0].Split(',');
        int n = int.Parse(header[0], CultureInfo.InvariantCulture);
        int d = int.Parse(header[1], CultureInfo.InvariantCulture);
        var x = new double[n * d];
        var y = new int[n];
        for (int r = 0; r < n; r++)
        {
            string[] cells = lines[r + 1].Split(',');
            for (int c = 0; c < d; c++)
            {
                x[(r * d) + c] = double.Parse(cells[c], CultureInfo.InvariantCulture);
            }

            y[r] = int.Parse(cells[d], CultureInfo.InvariantCulture);
        }

        for (int c = 0; c < d; c++)
        {
            double mean = 0;
            for (int r = 0; r < n; r++)
            {
                mean += x[(r * d) + c];
            }

            mean /= n;
            double variance = 0;
            for (int r = 0; r < n; r++)
            {
                variance += Math.Pow(x[(r * d) + c] - mean, 2);
            }

            double sd = Math.Sqrt(variance / n);
            for (int r = 0; r < n; r++)
            {
                x[(r * d) + c] = (x[(r * d) + c] - mean) / sd;
            }
        }

        return (x, y);
    }
}

/// <summary>Bit-level comparisons.</summary>
internal static class Bits
{
    public static long[] Of(ReadOnlySpan<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    public static int[] Of(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}

/// <summary>Seeded random rows.</summary>
internal static class Rows
{
    public static double[] Uniform(int seed, int count, double low = -1, double high = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + ((high - low) * rng.NextDouble())).ToArray();
    }

    public static float[] Uniform32(int seed, int count, double low = -1, double high = 1) =>
        Uniform(seed, count, low, high).Select(x => (float)x).ToArray();
}
