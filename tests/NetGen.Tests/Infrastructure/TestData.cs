using System;
using System.Linq;

namespace NetGen.Tests;

/// <summary>Seeded random examples and parameters that are valid for a network's loss.</summary>
internal static class TestData
{
    public static double Uniform(Random rng, double low, double high) => low + ((high - low) * rng.NextDouble());

    /// <summary>An input vector with entries in [-1, 1).</summary>
    public static double[] Input(Random rng, int count) =>
        Enumerable.Range(0, count).Select(_ => Uniform(rng, -1, 1)).ToArray();

    /// <summary>
    /// A target that is valid for the loss: inside the output activation's range for squared error; for sigmoid
    /// cross-entropy 0/1 labels (even <paramref name="example"/>) or soft targets in (0, 1) (odd); for softmax
    /// cross-entropy a one-hot vector (even) or a probability vector (odd).
    /// </summary>
    public static double[] Target(Random rng, ReferenceNetwork net, int example)
    {
        int n = net.OutputCount;
        bool hard = example % 2 == 0;
        if (net.Output == Activation.Softmax && (net.LossFunction == LossFunction.SquaredError || !hard))
        {
            double[] weights = Enumerable.Range(0, n).Select(_ => Uniform(rng, 0.05, 1)).ToArray();
            double sum = weights.Sum();
            return weights.Select(w => w / sum).ToArray();
        }

        if (net.Output == Activation.Softmax)
        {
            var oneHot = new double[n];
            oneHot[rng.Next(n)] = 1;
            return oneHot;
        }

        if (net.LossFunction == LossFunction.CrossEntropy)
        {
            return Enumerable.Range(0, n).Select(_ => hard ? rng.Next(2) : Uniform(rng, 0.02, 0.98)).ToArray();
        }

        (double low, double high) = net.Output switch
        {
            Activation.Sigmoid => (0.05, 0.95),
            Activation.Tanh => (-0.9, 0.9),
            Activation.ReLU => (0.0, 1.0),
            _ => (-1.0, 1.0),
        };
        return Enumerable.Range(0, n).Select(_ => Uniform(rng, low, high)).ToArray();
    }

    /// <summary>
    /// m examples as row-major [m, inputs] and [m, outputs] arrays. Where the network has ReLU units, an example is
    /// drawn again while any ReLU pre-activation z lies within <paramref name="reluMargin"/> of the kink at 0 (so that a
    /// finite-difference step cannot cross the kink; see the callers for the margins they use), or while a ReLU layer
    /// has no active unit (z &gt; margin) at all (a dead layer passes no gradient, and a check over it says nothing).
    /// </summary>
    public static (double[] Inputs, double[] Targets) Batch(Random rng, ReferenceNetwork net, ReadOnlySpan<double> theta, int m, double reluMargin)
    {
        var inputs = new double[m * net.InputCount];
        var targets = new double[m * net.OutputCount];
        for (int i = 0; i < m; i++)
        {
            double[] x = Input(rng, net.InputCount);
            for (int attempt = 0; !ReluUnitsClearOfKink(net, theta, x, reluMargin); attempt++)
            {
                if (attempt == 10_000)
                {
                    throw new InvalidOperationException("No example keeps the ReLU units away from their kink; use other parameters.");
                }

                x = Input(rng, net.InputCount);
            }

            x.CopyTo(inputs, i * net.InputCount);
            Target(rng, net, i).CopyTo(targets, i * net.OutputCount);
        }

        return (inputs, targets);
    }

    /// <summary>
    /// Whether, for input x, every ReLU pre-activation is at least <paramref name="margin"/> away from 0 and every ReLU
    /// layer has a unit with z &gt; margin.
    /// </summary>
    public static bool ReluUnitsClearOfKink(ReferenceNetwork net, ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double margin)
    {
        double[][] z = net.PreActivations(theta, x);
        for (int l = 1; l <= net.L; l++)
        {
            if (net.ActivationOf(l) == Activation.ReLU && (z[l].Min(Math.Abs) < margin || z[l].Max() <= margin))
            {
                return false;
            }

            // LeakyReLU has the same kink at 0 (but no dead units).
            if (net.ActivationOf(l) == Activation.LeakyReLU && z[l].Min(Math.Abs) < margin)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Overwrites the biases with U(-limit, limit) (initialisation leaves them at zero, which hides bias mix-ups); ReLU
    /// layers get U(0, limit), the usual small positive bias, so that no ReLU layer is dead for every input.
    /// With <paramref name="reluLayersOnly"/>, only the biases of ReLU layers are set.
    /// </summary>
    public static void RandomizeBiases<T>(INetwork<T> network, ReferenceNetwork reference, Random rng, double limit, bool reluLayersOnly = false)
        where T : unmanaged
    {
        Span<T> theta = network.Parameters;
        foreach (LayerParameters layer in NetworkLayout.Layers(network))
        {
            bool relu = reference.ActivationOf(layer.Layer) == Activation.ReLU;
            double low = relu ? 0 : -limit;
            for (int j = 0; layer.HasBias && (relu || !reluLayersOnly) && j < layer.Outputs; j++)
            {
                theta[layer.BiasOffset + j] = FromDouble<T>(Uniform(rng, low, limit));
            }
        }
    }

    public static T FromDouble<T>(double value)
        where T : unmanaged =>
        typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i] is float f ? f : (double)(object)values[i];
        }

        return result;
    }

    public static T[] FromDoubles<T>(double[] values)
        where T : unmanaged =>
        values.Select(FromDouble<T>).ToArray();
}
