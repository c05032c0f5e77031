using System;
using System.Runtime.InteropServices;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// A gradient-based optimizer bound to one network: <see cref="Step"/> consumes the network's
/// <see cref="INetwork{T}.Gradients"/> (the sum of dE/dtheta over a batch of m examples, as
/// <see cref="INetwork{T}.Backward"/> leaves it), updates <see cref="INetwork{T}.Parameters"/> and zeroes the gradients.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's element type.</typeparam>
/// <remarks>
/// <para>
/// Every optimizer descends the regularised batch cost of the contract,
/// J = (1/m) sum_i E_i + (l2 / 2m) sum(w^2), whose gradient is
/// <c>g = G/m + (l2/m) * theta</c> for weights and <c>g = G/m</c> for biases (biases are never regularised;
/// <see cref="NetworkLayout.WeightMask{T}"/> tells which parameters are weights). In PyTorch terms this is
/// <c>weight_decay = l2/m</c> on the weights only, applied to the gradient (coupled L2, not AdamW's decoupled decay).
/// </para>
/// <para>
/// Hyperparameters are given as <see cref="double"/> and rounded to T when a step starts; the arithmetic of a step is
/// done in T, element by element, in parameter order. Optimizer state (velocities, moments) is allocated once, in
/// the constructor; <see cref="Step"/> allocates nothing. An optimizer is not thread-safe, and it assumes it is the
/// only code updating the network's parameters from its gradients.
/// </para>
/// </remarks>
public abstract class Optimizer<T>
    where T : unmanaged
{
    private double _learningRate;
    private double _l2;

    /// <summary>Creates an optimizer for <paramref name="network"/> (for the optimizers of this library only).</summary>
    private protected Optimizer(INetwork<T> network, double learningRate, double l2)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException("NetGen networks use float or double, not " + typeof(T).Name + ".");
        }

        Network = network;
        LearningRate = learningRate;
        L2 = l2;
        ParameterCount = network.ParameterCount;
        Guard.Length(network.Parameters.Length, ParameterCount, "network.Parameters");
        Guard.Length(network.Gradients.Length, ParameterCount, "network.Gradients");

        // The parameter vector as alternating runs of weights (regularised) and biases (not regularised).
        LayerParameters[] layers = NetworkLayout.Layers(network);
        int count = 0;
        foreach (LayerParameters layer in layers)
        {
            count += layer.HasBias ? 2 : 1;
        }

        Segments = new ParameterSegment[count];
        int s = 0;
        foreach (LayerParameters layer in layers)
        {
            Segments[s++] = new ParameterSegment(layer.WeightOffset, layer.WeightCount, true);
            if (layer.HasBias)
            {
                Segments[s++] = new ParameterSegment(layer.BiasOffset, layer.Outputs, false);
            }
        }
    }

    /// <summary>The network whose parameters this optimizer updates.</summary>
    public INetwork<T> Network { get; }

    /// <summary>The learning rate eta (lr in PyTorch); may be changed between steps, for a schedule. At least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = NonNegative(value, nameof(LearningRate));
    }

    /// <summary>The L2 coefficient lambda of J (weights only); the effective weight decay of a step is l2/m. At least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double L2
    {
        get => _l2;
        set => _l2 = NonNegative(value, nameof(L2));
    }

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/> (t in Adam's bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// One update from the gradients of a batch of <paramref name="batchSize"/> examples: parameters change by the
    /// optimizer's rule applied to g = G/m + (l2/m) * theta (weights) or G/m (biases); then the gradients are zeroed.
    /// </summary>
    /// <param name="batchSize">m, the number of examples whose dE/dtheta were summed into the gradients.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">A gradient is NaN or infinite; parameters, gradients and optimizer state are left unchanged.</exception>
    public void Step(int batchSize)
    {
        Guard.BatchSize(batchSize, nameof(batchSize));
        Span<T> parameters = Network.Parameters;
        Span<T> gradients = Network.Gradients;
        Guard.Length(parameters.Length, ParameterCount, "network.Parameters");
        Guard.Length(gradients.Length, ParameterCount, "network.Gradients");

        // A NaN or infinite gradient would make parameters (and moments) non-finite: refuse before anything changes.
        if (typeof(T) == typeof(float))
        {
            Guard.FiniteGradients(MemoryMarshal.Cast<T, float>(gradients));
        }
        else
        {
            Guard.FiniteGradients(MemoryMarshal.Cast<T, double>(gradients));
        }

        StepCount++;
        if (typeof(T) == typeof(float))
        {
            Update(MemoryMarshal.Cast<T, float>(parameters), MemoryMarshal.Cast<T, float>(gradients), batchSize);
        }
        else
        {
            Update(MemoryMarshal.Cast<T, double>(parameters), MemoryMarshal.Cast<T, double>(gradients), batchSize);
        }

        gradients.Clear();
    }

    /// <summary>Forgets the optimizer state (velocities, moments) and sets <see cref="StepCount"/> to 0; parameters are not touched.</summary>
    public virtual void Reset() => StepCount = 0;

    /// <summary>Number of parameters of <see cref="Network"/>.</summary>
    private protected int ParameterCount { get; }

    /// <summary>The parameter vector as runs of weights and biases, in parameter order.</summary>
    private protected ParameterSegment[] Segments { get; }

    /// <summary>Applies the update rule to float parameters; the gradients are zeroed by the caller.</summary>
    private protected abstract void Update(Span<float> parameters, Span<float> gradients, int batchSize);

    /// <summary>Applies the update rule to double parameters; the gradients are zeroed by the caller.</summary>
    private protected abstract void Update(Span<double> parameters, Span<double> gradients, int batchSize);

    /// <summary>The state array of length <see cref="ParameterCount"/> as float.</summary>
    private protected static Span<float> AsSingle(T[] state) => MemoryMarshal.Cast<T, float>(state.AsSpan());

    /// <summary>The state array of length <see cref="ParameterCount"/> as double.</summary>
    private protected static Span<double> AsDouble(T[] state) => MemoryMarshal.Cast<T, double>(state.AsSpan());

    /// <summary>
    /// Throws unless <paramref name="value"/> is finite and at least 0, also once rounded to T (1e39 is finite as a
    /// double but +Infinity as a float).
    /// </summary>
    private protected static double NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "'" + name + "' must be finite and at least 0.");
        }

        if (typeof(T) == typeof(float) && float.IsInfinity((float)value))
        {
            throw new ArgumentOutOfRangeException(name, value, "'" + name + "' must be finite as a float (at most 3.4028235E+38), the element type of this network.");
        }

        return value;
    }
}

/// <summary>A run of parameters that are all weights (regularised) or all biases (not regularised).</summary>
internal readonly struct ParameterSegment
{
    public ParameterSegment(int start, int length, bool isWeight)
    {
        Start = start;
        Length = length;
        IsWeight = isWeight;
    }

    public int Start { get; }

    public int Length { get; }

    public bool IsWeight { get; }
}
