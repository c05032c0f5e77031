using System;
using NetGen.__Internals;

namespace NetGen;

/// <summary>The outcome of <see cref="GradientCheck.Run{T}"/>.</summary>
public sealed class GradientCheckResult
{
    internal GradientCheckResult(double[] analytic, double[] numeric)
    {
        Analytic = analytic;
        Numeric = numeric;
        double diff = 0, normA = 0, normN = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double d = analytic[i] - numeric[i];
            diff += d * d;
            normA += analytic[i] * analytic[i];
            normN += numeric[i] * numeric[i];
            if (Math.Abs(d) > MaxAbsoluteError)
            {
                MaxAbsoluteError = Math.Abs(d);
                WorstIndex = i;
            }
        }

        double denominator = Math.Sqrt(normA) + Math.Sqrt(normN);
        RelativeError = denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
    }

    /// <summary>dJ/dtheta from backpropagation: (1/m) sum_i G_i + (l2/m) theta_weights.</summary>
    public double[] Analytic { get; }

    /// <summary>dJ/dtheta from two-sided differences (J(theta + e) - J(theta - e)) / 2e.</summary>
    public double[] Numeric { get; }

    /// <summary>||analytic - numeric|| / (||analytic|| + ||numeric||), Euclidean norms over all parameters.</summary>
    public double RelativeError { get; }

    /// <summary>The largest |analytic_i - numeric_i|.</summary>
    public double MaxAbsoluteError { get; }

    /// <summary>The parameter index of <see cref="MaxAbsoluteError"/>.</summary>
    public int WorstIndex { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"relative error {RelativeError:E3}, max |analytic - numeric| {MaxAbsoluteError:E3} at parameter {WorstIndex}");
}

/// <summary>
/// Gradient checking: compares the gradient backpropagation computes with two-sided finite differences of the
/// regularised batch cost J = (1/m) sum_i E_i + (l2 / 2m) sum(w^2) — the cost <c>ApplyGradients</c> descends.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Checks every parameter of <paramref name="network"/> on a batch. Parameters and gradients are restored afterwards.
    /// </summary>
    /// <param name="network">The network to check.</param>
    /// <param name="inputs">m examples as an [m, InputCount] row-major matrix.</param>
    /// <param name="targets">m targets as an [m, OutputCount] row-major matrix.</param>
    /// <param name="l2">The L2 coefficient lambda.</param>
    /// <param name="epsilon">The step e; 0 picks 1e-5 for double and 1e-2 for float.</param>
    public static GradientCheckResult Run<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, double l2 = 0, double epsilon = 0)
        where T : unmanaged
    {
        int m = BatchSize(network, inputs, targets);
        if (epsilon <= 0)
        {
            epsilon = typeof(T) == typeof(float) ? 1e-2 : 1e-5;
        }

        Span<T> theta = network.Parameters;
        Span<T> gradients = network.Gradients;
        T[] savedGradients = gradients.ToArray();
        bool[] isWeight = NetworkLayout.WeightMask(network);
        var analytic = new double[theta.Length];
        var numeric = new double[theta.Length];
        try
        {
            gradients.Clear();
            for (int i = 0; i < m; i++)
            {
                network.Backward(inputs.Slice(i * network.InputCount, network.InputCount), targets.Slice(i * network.OutputCount, network.OutputCount));
            }

            for (int p = 0; p < theta.Length; p++)
            {
                double w = Scalar<T>.ToDouble(theta[p]);
                analytic[p] = Scalar<T>.ToDouble(gradients[p]) / m + (isWeight[p] ? l2 / m * w : 0);
            }

            for (int p = 0; p < theta.Length; p++)
            {
                T original = theta[p];
                double w = Scalar<T>.ToDouble(original);
                T plus = Scalar<T>.FromDouble(w + epsilon);
                T minus = Scalar<T>.FromDouble(w - epsilon);
                theta[p] = plus;
                double jPlus = Cost(network, inputs, targets, l2);
                theta[p] = minus;
                double jMinus = Cost(network, inputs, targets, l2);
                theta[p] = original;

                // Divide by the step actually taken: in float, w ± e is rounded.
                numeric[p] = (jPlus - jMinus) / (Scalar<T>.ToDouble(plus) - Scalar<T>.ToDouble(minus));
            }
        }
        finally
        {
            savedGradients.AsSpan().CopyTo(gradients);
        }

        return new GradientCheckResult(analytic, numeric);
    }

    /// <summary>J = (1/m) sum_i E_i + (l2 / 2m) sum(w^2) over the batch, biases not regularised; accumulated in double.</summary>
    public static double Cost<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, double l2 = 0)
        where T : unmanaged
    {
        int m = BatchSize(network, inputs, targets);
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += Scalar<T>.ToDouble(network.Loss(inputs.Slice(i * network.InputCount, network.InputCount), targets.Slice(i * network.OutputCount, network.OutputCount)));
        }

        double squares = 0;
        if (l2 != 0)
        {
            Span<T> theta = network.Parameters;
            foreach (LayerParameters layer in NetworkLayout.Layers(network))
            {
                foreach (T t in theta.Slice(layer.WeightOffset, layer.WeightCount))
                {
                    double w = Scalar<T>.ToDouble(t);
                    squares += w * w;
                }
            }
        }

        return sum / m + l2 / (2 * m) * squares;
    }

    private static int BatchSize<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (inputs.Length == 0 || inputs.Length % network.InputCount != 0)
        {
            throw new ArgumentException($"'inputs' must hold m >= 1 rows of {network.InputCount} values but has length {inputs.Length}.", nameof(inputs));
        }

        int m = inputs.Length / network.InputCount;
        Guard.Length(targets.Length, m, network.OutputCount, nameof(targets));
        return m;
    }
}
