using System;

namespace NetGen.Training;

/// <summary>
/// Stops training when the monitored loss has not improved for <see cref="Patience"/> epochs, and (by default) puts
/// back the parameters of the best epoch. The monitored loss is the validation loss when
/// <see cref="TrainingOptions.ValidationFraction"/> gives a validation split, the training loss otherwise. An epoch
/// improves when its loss is below the best so far by more than <see cref="MinDelta"/>.
/// </summary>
public sealed class EarlyStopping
{
    private int _patience = 5;
    private double _minDelta;

    /// <summary>Epochs without improvement before training stops; at least 1 (default 5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Patience
    {
        get => _patience;
        set => _patience = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Patience), value, "'Patience' must be at least 1.");
    }

    /// <summary>The smallest decrease of the loss that counts as an improvement; finite and at least 0 (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double MinDelta
    {
        get => _minDelta;
        set => _minDelta = value >= 0 && !double.IsInfinity(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinDelta), value, "'MinDelta' must be finite and at least 0.");
    }

    /// <summary>Whether the network gets the parameters of the best epoch back when training ends (default true).</summary>
    public bool RestoreBestWeights { get; set; } = true;
}
