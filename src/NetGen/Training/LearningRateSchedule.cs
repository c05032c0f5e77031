using System;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>
/// The learning rate of each epoch, from the optimizer's rate when training starts (set it as
/// <see cref="TrainingOptions.Schedule"/>; the trainer writes <see cref="Optimizer{T}.LearningRate"/> at the start of
/// every epoch and reports it in <see cref="EpochReport.LearningRate"/>).
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate of epoch <paramref name="epoch"/> (1-based) for an initial rate η₀.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="initialRate">η₀, the optimizer's learning rate when training started.</param>
    /// <returns>The rate, finite and at least 0.</returns>
    public abstract double RateAt(int epoch, double initialRate);

    /// <summary>
    /// Step decay (PyTorch's StepLR): η = η₀ · γ^⌊(epoch − 1) / <paramref name="stepEpochs"/>⌋, i.e. the rate is
    /// multiplied by γ every <paramref name="stepEpochs"/> epochs.
    /// </summary>
    /// <param name="stepEpochs">Epochs between decays, at least 1.</param>
    /// <param name="gamma">γ, the factor, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LearningRateSchedule Step(int stepEpochs, double gamma)
    {
        if (stepEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepEpochs), stepEpochs, "'stepEpochs' must be at least 1.");
        }

        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "'gamma' must be in (0, 1].");
        }

        return new StepSchedule(stepEpochs, gamma);
    }

    /// <summary>
    /// Cosine annealing (PyTorch's CosineAnnealingLR with T_max = <paramref name="epochs"/>, stepped per epoch):
    /// η = η_min + (η₀ − η_min) · (1 + cos(π (epoch − 1) / T_max)) / 2, from η₀ in epoch 1 towards η_min.
    /// </summary>
    /// <param name="epochs">T_max, usually the number of epochs, at least 1.</param>
    /// <param name="minRate">η_min, finite and at least 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LearningRateSchedule Cosine(int epochs, double minRate = 0)
    {
        if (epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "'epochs' must be at least 1.");
        }

        if (!(minRate >= 0) || double.IsInfinity(minRate))
        {
            throw new ArgumentOutOfRangeException(nameof(minRate), minRate, "'minRate' must be finite and at least 0.");
        }

        return new CosineSchedule(epochs, minRate);
    }

    private sealed class StepSchedule : LearningRateSchedule
    {
        private readonly int _stepEpochs;
        private readonly double _gamma;

        public StepSchedule(int stepEpochs, double gamma)
        {
            _stepEpochs = stepEpochs;
            _gamma = gamma;
        }

        public override double RateAt(int epoch, double initialRate) => initialRate * DeterministicMath.Power(_gamma, (epoch - 1) / _stepEpochs);

        public override string ToString() => DataCheck.Invariant("step decay: x{0} every {1} epochs", _gamma, _stepEpochs);
    }

    private sealed class CosineSchedule : LearningRateSchedule
    {
        private readonly int _epochs;
        private readonly double _minRate;

        public CosineSchedule(int epochs, double minRate)
        {
            _epochs = epochs;
            _minRate = minRate;
        }

        public override double RateAt(int epoch, double initialRate) =>
            _minRate + ((initialRate - _minRate) * (1 + DeterministicMath.CosPi((double)Math.Min(epoch - 1, _epochs) / _epochs)) / 2);

        public override string ToString() => DataCheck.Invariant("cosine annealing over {0} epochs to {1}", _epochs, _minRate);
    }
}
