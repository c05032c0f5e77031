using System;

namespace NetGen.Training;

/// <summary>The trainer's per-epoch control: the learning-rate schedule, early stopping and the epoch callback.</summary>
internal sealed class TrainingControl<T>
    where T : unmanaged
{
    private readonly Optimizer<T> _optimizer;
    private readonly TrainingOptions _options;
    private readonly double _initialRate;
    private T[]? _best;
    private double _bestLoss = double.PositiveInfinity;
    private int _sinceBest;

    public TrainingControl(Optimizer<T> optimizer, TrainingOptions options)
    {
        _optimizer = optimizer;
        _options = options;
        _initialRate = optimizer.LearningRate;
    }

    /// <summary>With early stopping: the epoch with the lowest monitored loss so far.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Sets the schedule's rate for this epoch.</summary>
    public void StartEpoch(int epoch)
    {
        if (_options.Schedule is LearningRateSchedule schedule)
        {
            _optimizer.LearningRate = schedule.RateAt(epoch, _initialRate);
        }
    }

    /// <summary>Early stopping and the callback after an epoch's report; true when training stops here.</summary>
    public bool EndEpoch(EpochReport report)
    {
        bool stop = false;
        if (_options.EarlyStopping is EarlyStopping early)
        {
            double loss = report.ValidationLoss ?? report.TrainingLoss;
            if (loss < _bestLoss - early.MinDelta)
            {
                _bestLoss = loss;
                BestEpoch = report.Epoch;
                _sinceBest = 0;
                if (early.RestoreBestWeights)
                {
                    _best ??= new T[_optimizer.Network.ParameterCount];
                    _optimizer.Network.Parameters.CopyTo(_best);
                }
            }
            else if (++_sinceBest >= early.Patience)
            {
                stop = true;
            }
        }

        if (_options.OnEpoch is Func<EpochReport, bool> onEpoch && !onEpoch(report))
        {
            stop = true;
        }

        return stop;
    }

    /// <summary>Puts the best epoch's parameters back, if early stopping kept them.</summary>
    public void Finish()
    {
        if (_best is not null && _options.EarlyStopping is { RestoreBestWeights: true })
        {
            _best.AsSpan().CopyTo(_optimizer.Network.Parameters);
        }
    }
}
