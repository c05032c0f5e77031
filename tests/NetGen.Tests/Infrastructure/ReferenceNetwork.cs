using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests;

/// <summary>
/// A plain, obviously-correct double-precision feed-forward network written from CONTRACT.md, not from the
/// generator: whole batches in matrix form (the batched form of the seed "Neural Networks V: Back-Propagation",
/// one example per row), with the contract's parameter layout. The generated networks are checked against it.
/// </summary>
/// <remarks>
/// Notation: X [m, n0] holds m examples as rows; for layer l = 1..L, W^l is [n_l, n_(l-1)], b^l has n_l entries,
/// Z^l = A^(l-1) (W^l)ᵀ + 1 (b^l)ᵀ and A^l = f(Z^l) are [m, n_l], A^0 = X, G = A^L. Per example, E is the loss of
/// the contract; backpropagation gives Δ^l = ∂E/∂Z^l row by row, and then over the batch
/// Σ_i ∂E_i/∂W^l = (Δ^l)ᵀ A^(l-1) and Σ_i ∂E_i/∂b^l = (Δ^l)ᵀ 1.
/// </remarks>
internal sealed partial class ReferenceNetwork
{
    private readonly int[] _weightOffset;
    private readonly int[] _biasOffset;

    public ReferenceNetwork(IReadOnlyList<int> sizes, Activation hidden, Activation output, LossFunction loss, bool bias)
        : this(sizes, Enumerable.Range(1, Math.Max(1, sizes.Count - 1)).Select(l => l == sizes.Count - 1 ? output : hidden).ToArray(), loss, bias)
    {
    }

    /// <summary>A network with one activation per layer after the input (<see cref="NetworkAttribute.Activations"/>).</summary>
    public ReferenceNetwork(IReadOnlyList<int> sizes, IReadOnlyList<Activation> activations, LossFunction loss, bool bias)
    {
        if (sizes.Count < 2 || sizes.Any(n => n < 1))
        {
            throw new ArgumentException("At least two layer sizes, each at least 1.", nameof(sizes));
        }

        Activation hidden = activations.Take(activations.Count - 1).Contains(Activation.Softmax) ? Activation.Softmax : Activation.Identity;
        Activation output = activations[activations.Count - 1];
        if (activations.Count != sizes.Count - 1)
        {
            throw new ArgumentException("One activation per layer after the input.", nameof(activations));
        }

        if (hidden == Activation.Softmax)
        {
            throw new ArgumentException("Softmax is an output activation only.", nameof(hidden));
        }

        if (loss == LossFunction.CrossEntropy && output != Activation.Sigmoid && output != Activation.Softmax)
        {
            throw new ArgumentException("Cross-entropy needs sigmoid or softmax outputs.", nameof(loss));
        }

        if (loss is LossFunction.Huber or LossFunction.AbsoluteError && output == Activation.Softmax)
        {
            throw new ArgumentException("Huber and absolute error need an elementwise output.", nameof(loss));
        }

        Sizes = sizes.ToArray();
        Activations = activations.ToArray();
        Output = output;
        LossFunction = loss;
        HasBias = bias;
        L = Sizes.Length - 1;

        // Parameter layout of the contract: for l = 1..L, W^l as [out, in] row-major (W^l[j, k] at j * in + k), then b^l.
        _weightOffset = new int[L + 1];
        _biasOffset = new int[L + 1];
        int offset = 0;
        for (int l = 1; l <= L; l++)
        {
            _weightOffset[l] = offset;
            offset += Sizes[l] * Sizes[l - 1];
            _biasOffset[l] = bias ? offset : -1;
            offset += bias ? Sizes[l] : 0;
        }

        ParameterCount = offset;
    }

    public int[] Sizes { get; }

    /// <summary>The activation of each layer after the input (index l − 1 for layer l).</summary>
    public Activation[] Activations { get; }

    public Activation Output { get; }

    public LossFunction LossFunction { get; }

    public bool HasBias { get; }

    /// <summary>The number of weight layers; layers are numbered 0 (input) to L (output).</summary>
    public int L { get; }

    public int InputCount => Sizes[0];

    public int OutputCount => Sizes[L];

    public int ParameterCount { get; }

    public static ReferenceNetwork From(NetworkAttribute spec) =>
        spec.Activations is { } listed
            ? new(spec.Sizes, listed, spec.Loss, spec.Bias)
            : new(spec.Sizes, spec.Hidden, spec.Output, spec.Loss, spec.Bias);

    public Activation ActivationOf(int l) => Activations[l - 1];

    public int WeightOffset(int l) => _weightOffset[l];

    /// <summary>Index of b^l[0], or -1 without biases.</summary>
    public int BiasOffset(int l) => _biasOffset[l];

    /// <summary>W^l as an [n_l, n_(l-1)] matrix.</summary>
    public double[,] Weights(ReadOnlySpan<double> theta, int l) =>
        Matrix.FromRows(theta.Slice(_weightOffset[l], Sizes[l] * Sizes[l - 1]), Sizes[l], Sizes[l - 1]);

    /// <summary>b^l (zeros for a network without biases).</summary>
    public double[] Biases(ReadOnlySpan<double> theta, int l) =>
        HasBias ? theta.Slice(_biasOffset[l], Sizes[l]).ToArray() : new double[Sizes[l]];

    /// <summary>For each parameter, whether it is a weight (L2 applies) rather than a bias.</summary>
    public bool[] WeightMask()
    {
        var mask = new bool[ParameterCount];
        for (int l = 1; l <= L; l++)
        {
            for (int i = 0; i < Sizes[l] * Sizes[l - 1]; i++)
            {
                mask[_weightOffset[l] + i] = true;
            }
        }

        return mask;
    }

    /// <summary>The forward pass, the per-example losses and the summed gradient over a batch.</summary>
    public Pass Run(ReadOnlySpan<double> theta, double[,] x, double[,] y)
    {
        CheckLength(theta.Length, ParameterCount, nameof(theta));
        int m = Matrix.Rows(x);
        if (Matrix.Columns(x) != InputCount || Matrix.Rows(y) != m || Matrix.Columns(y) != OutputCount)
        {
            throw new ArgumentException("X must be [m, inputs] and Y [m, outputs].");
        }

        // Forward: Z^l = A^(l-1) (W^l)ᵀ + 1 (b^l)ᵀ, A^l = f(Z^l).
        var z = new double[L + 1][,];
        var a = new double[L + 1][,];
        a[0] = x;
        for (int l = 1; l <= L; l++)
        {
            z[l] = Matrix.AddToEveryRow(Matrix.Multiply(a[l - 1], Matrix.Transpose(Weights(theta, l))), Biases(theta, l));
            a[l] = Activate(ActivationOf(l), z[l]);
        }

        double[,] g = a[L];
        var losses = new double[m];
        for (int i = 0; i < m; i++)
        {
            losses[i] = ExampleLoss(Matrix.Row(z[L], i), Matrix.Row(g, i), Matrix.Row(y, i));
        }

        // Backward: Δ^L from the loss and the output activation (BP1), then Δ^l = (Δ^(l+1) W^(l+1)) ⊙ f'(Z^l) (BP2).
        var delta = new double[L + 1][,];
        delta[L] = OutputError(z[L], g, y);
        for (int l = L - 1; l >= 1; l--)
        {
            delta[l] = Matrix.Hadamard(Matrix.Multiply(delta[l + 1], Weights(theta, l + 1)), Derivative(ActivationOf(l), z[l]));
        }

        // Σ_i ∂E_i/∂W^l = (Δ^l)ᵀ A^(l-1) (BP4), Σ_i ∂E_i/∂b^l = (Δ^l)ᵀ 1 (BP3), written in the parameter layout.
        var gradient = new double[ParameterCount];
        for (int l = 1; l <= L; l++)
        {
            double[] dW = Matrix.ToRows(Matrix.Multiply(Matrix.Transpose(delta[l]), a[l - 1]));
            dW.CopyTo(gradient, _weightOffset[l]);
            if (HasBias)
            {
                Matrix.ColumnSums(delta[l]).CopyTo(gradient, _biasOffset[l]);
            }
        }

        return new Pass(z, a, losses, gradient);
    }

    /// <summary>g for one example.</summary>
    public double[] Forward(ReadOnlySpan<double> theta, ReadOnlySpan<double> x) =>
        Matrix.Row(Run(theta, Matrix.FromRows(x, 1, InputCount), new double[1, OutputCount]).A[L], 0);

    /// <summary>E for one example.</summary>
    public double Loss(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        Run(theta, Matrix.FromRows(x, 1, InputCount), Matrix.FromRows(y, 1, OutputCount)).Losses[0];

    /// <summary>z^l of every layer l = 1..L for one example (index 0 unused).</summary>
    public double[][] PreActivations(ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
    {
        Pass pass = Run(theta, Matrix.FromRows(x, 1, InputCount), new double[1, OutputCount]);
        return pass.Z.Select(zl => zl is null ? Array.Empty<double>() : Matrix.Row(zl, 0)).ToArray();
    }

    /// <summary>Σ_i ∂E_i/∂θ over a batch given as row-major [m, inputs] and [m, outputs] arrays.</summary>
    public double[] GradientSum(ReadOnlySpan<double> theta, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
    {
        int m = inputs.Length / InputCount;
        return Run(theta, Matrix.FromRows(inputs, m, InputCount), Matrix.FromRows(targets, m, OutputCount)).Gradient;
    }

    /// <summary>J = (1/m) Σ_i E_i + (λ/2m) Σ w², biases not regularised.</summary>
    public double Cost(ReadOnlySpan<double> theta, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, double l2)
    {
        int m = inputs.Length / InputCount;
        Pass pass = Run(theta, Matrix.FromRows(inputs, m, InputCount), Matrix.FromRows(targets, m, OutputCount));
        bool[] isWeight = WeightMask();
        double squares = 0;
        for (int p = 0; p < ParameterCount; p++)
        {
            squares += isWeight[p] ? theta[p] * theta[p] : 0;
        }

        return (pass.Losses.Sum() / m) + (l2 / (2 * m) * squares);
    }

    /// <summary>The contract's update: θ ← θ − η (G/m + (λ/m) θ_weights), G the summed gradient.</summary>
    public double[] ApplyGradients(ReadOnlySpan<double> theta, ReadOnlySpan<double> gradientSum, double learningRate, int m, double l2)
    {
        bool[] isWeight = WeightMask();
        var next = new double[ParameterCount];
        for (int p = 0; p < ParameterCount; p++)
        {
            double dJ = (gradientSum[p] / m) + (isWeight[p] ? l2 / m * theta[p] : 0);
            next[p] = theta[p] - (learningRate * dJ);
        }

        return next;
    }

    /// <summary>
    /// One batch step of the seed in matrix form: W^l ← W^l − η ((1/m) (Δ^l)ᵀ A^(l-1) + (λ/m) W^l),
    /// b^l ← b^l − η (1/m) (Δ^l)ᵀ 1, with Δ and A computed for the whole batch at the old parameters.
    /// </summary>
    public double[] BatchStep(ReadOnlySpan<double> theta, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, double learningRate, double l2)
    {
        int m = inputs.Length / InputCount;
        return ApplyGradients(theta, GradientSum(theta, inputs, targets), learningRate, m, l2);
    }

    /// <summary>E for one example, from the contract's definitions.</summary>
    private double ExampleLoss(double[] z, double[] g, double[] y)
    {
        double e = 0;
        if (LossFunction == LossFunction.SquaredError)
        {
            // E = 1/2 Σ_j (g_j - y_j)^2
            for (int j = 0; j < g.Length; j++)
            {
                e += 0.5 * (g[j] - y[j]) * (g[j] - y[j]);
            }
        }
        else if (LossFunction == LossFunction.Huber)
        {
            // E = Σ_j h(g_j - y_j), h(e) = e²/2 for |e| ≤ 1, |e| - 1/2 beyond (δ = 1).
            for (int j = 0; j < g.Length; j++)
            {
                double d = Math.Abs(g[j] - y[j]);
                e += d <= 1 ? 0.5 * d * d : d - 0.5;
            }
        }
        else if (LossFunction == LossFunction.AbsoluteError)
        {
            // E = Σ_j |g_j - y_j|
            for (int j = 0; j < g.Length; j++)
            {
                e += Math.Abs(g[j] - y[j]);
            }
        }
        else if (Output == Activation.Sigmoid)
        {
            // E = -Σ_j [y ln g + (1 - y) ln(1 - g)], with g = σ(z): -ln σ(z) = ln(1 + e^-z) = softplus(-z) and
            // -ln(1 - σ(z)) = -ln σ(-z) = softplus(z); finite for any z.
            for (int j = 0; j < g.Length; j++)
            {
                e += (y[j] * Softplus(-z[j])) + ((1 - y[j]) * Softplus(z[j]));
            }
        }
        else
        {
            // E = -Σ_j y_j ln g_j with ln g_j = z_j - ln Σ_k e^(z_k) (softmax).
            double logSum = LogSumExp(z);
            for (int j = 0; j < g.Length; j++)
            {
                e -= y[j] * (z[j] - logSum);
            }
        }

        return e;
    }

    /// <summary>Δ^L = ∂E/∂Z^L, row by row.</summary>
    private double[,] OutputError(double[,] z, double[,] g, double[,] y)
    {
        int m = Matrix.Rows(g);
        int n = Matrix.Columns(g);
        if (LossFunction == LossFunction.CrossEntropy && Output == Activation.Sigmoid)
        {
            // ∂/∂z [y softplus(-z) + (1 - y) softplus(z)] = -y σ(-z) + (1 - y) σ(z) = -y (1 - g) + (1 - y) g = g - y.
            return Matrix.Subtract(g, y);
        }

        if (LossFunction == LossFunction.CrossEntropy)
        {
            // E = -Σ_j y_j z_j + (Σ_j y_j) ln Σ_k e^(z_k), so ∂E/∂z_k = -y_k + (Σ_j y_j) g_k.
            var d = new double[m, n];
            for (int i = 0; i < m; i++)
            {
                double ySum = Matrix.Row(y, i).Sum();
                for (int k = 0; k < n; k++)
                {
                    d[i, k] = (ySum * g[i, k]) - y[i, k];
                }
            }

            return d;
        }

        // Squared error: ∂E/∂g = g - y; Huber: g - y clipped to [-1, 1]; absolute error: its sign (0 at 0). Then through
        // the output activation.
        double[,] dEdG = LossFunction switch
        {
            LossFunction.Huber => Matrix.Map(Matrix.Subtract(g, y), t => Math.Max(-1, Math.Min(1, t))),
            LossFunction.AbsoluteError => Matrix.Map(Matrix.Subtract(g, y), t => Math.Sign(t)),
            _ => Matrix.Subtract(g, y),
        };
        if (Output != Activation.Softmax)
        {
            return Matrix.Hadamard(dEdG, Derivative(Output, z));
        }

        // Softmax: ∂E/∂z_k = Σ_j ∂E/∂g_j ∂g_j/∂z_k with the Jacobian ∂g_j/∂z_k = g_j ([j = k] - g_k).
        var delta = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double jacobian = g[i, j] * ((j == k ? 1 : 0) - g[i, k]);
                    sum += dEdG[i, j] * jacobian;
                }

                delta[i, k] = sum;
            }
        }

        return delta;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}, expected {expected}.", name);
        }
    }

    /// <summary>The result of <see cref="Run"/>: Z^l and A^l per layer, E per example, Σ_i ∂E_i/∂θ.</summary>
    internal sealed class Pass
    {
        public Pass(double[][,] z, double[][,] a, double[] losses, double[] gradient)
        {
            Z = z;
            A = a;
            Losses = losses;
            Gradient = gradient;
        }

        /// <summary>Z^l for l = 1..L (index 0 unused).</summary>
        public double[][,] Z { get; }

        /// <summary>A^l for l = 0..L; A^0 = X, A^L = G.</summary>
        public double[][,] A { get; }

        public double[] Losses { get; }

        public double[] Gradient { get; }
    }
}
