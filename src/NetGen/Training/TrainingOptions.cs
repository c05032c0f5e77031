using System;

namespace NetGen.Training;

/// <summary>How <see cref="Trainer"/> runs: epochs, batch size, shuffling seed, validation split.</summary>
public sealed class TrainingOptions
{
    private int _epochs = 10;
    private int _batchSize = 32;
    private double _validationFraction;

    /// <summary>The number of passes over the training rows, at least 1. Default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Epochs
    {
        get => _epochs;
        set => _epochs = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "'Epochs' must be at least 1.");
    }

    /// <summary>
    /// m, the number of examples per optimizer step, at least 1. Default 32. The last batch of an epoch is smaller
    /// when the training rows are not a multiple of it; its step uses its own size as m.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "'BatchSize' must be at least 1.");
    }

    /// <summary>
    /// The seed of the SplitMix64 stream that picks the validation rows and shuffles the training rows. The same seed,
    /// data, options, initial parameters and optimizer give bit-identical parameters on every run. Default 0.
    /// </summary>
    public ulong Seed { get; set; }

    /// <summary>Whether the training rows are visited in a new random order each epoch (default) or in row order.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// The fraction of rows held out for validation, in [0, 1); default 0 (none). floor(n * fraction) rows are drawn at
    /// random with <see cref="Seed"/> (whatever <see cref="Shuffle"/> says) and never trained on; both parts must be
    /// non-empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
    public double ValidationFraction
    {
        get => _validationFraction;
        set => _validationFraction = value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, "'ValidationFraction' must be in [0, 1).");
    }

    /// <summary>The learning rate of each epoch, from the optimizer's rate at the start; null keeps the rate as it is.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>Stop when the monitored loss stops improving, and restore the best parameters; null trains every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>
    /// Called after every epoch (after its progress report), on the training thread; return false to stop training
    /// there, cleanly (no exception; <see cref="TrainingResult.StoppedEarly"/> is true). It may change the optimizer's
    /// <see cref="Optimizer{T}.LearningRate"/> for the next epoch (a schedule, if set, overrides it).
    /// </summary>
    public Func<EpochReport, bool>? OnEpoch { get; set; }
}
