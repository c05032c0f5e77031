using System;
using System.Collections.Generic;
using NetGen.Training;

namespace DigitsSample;

/// <summary>
/// Shows training progress, one line per epoch: on an interactive console each line overwrites the previous one
/// (carriage return), so you watch a single live line; when the output is redirected to a file or a pipe, every
/// epoch gets its own line.
/// </summary>
/// <remarks>
/// Trainer calls <see cref="Report"/> synchronously after every epoch. (<see cref="Progress{T}"/> would post the
/// reports to the thread pool, so they could arrive late or out of order.)
/// </remarks>
public sealed class ConsoleProgress : IProgress<EpochReport>
{
    private readonly bool _live = !Console.IsOutputRedirected;
    private readonly List<TimeSpan> _epochTimes = new();
    private TimeSpan _previousElapsed;
    private int _previousLength;

    /// <summary>
    /// The median time of the epochs reported so far: a steadier figure than the mean, which the first epochs
    /// (JIT compilation) and other programs on a busy machine pull up.
    /// </summary>
    public TimeSpan MedianEpochTime
    {
        get
        {
            var sorted = new List<TimeSpan>(_epochTimes);
            sorted.Sort();
            return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
        }
    }

    /// <inheritdoc/>
    public void Report(EpochReport value)
    {
        // EpochReport.Elapsed is the time since training started; one epoch is the difference.
        TimeSpan epochTime = value.Elapsed - _previousElapsed;
        _previousElapsed = value.Elapsed;
        _epochTimes.Add(epochTime);

        string line = $"epoch {value.Epoch,3}/{value.EpochCount}  loss {value.TrainingLoss:F4}  " +
                      $"train acc {value.TrainingAccuracy:F4}  val acc {value.ValidationAccuracy:F4}  {value.Elapsed.TotalSeconds,6:F2} s";
        if (!_live)
        {
            Console.WriteLine(line);
            return;
        }

        // Cut the line to the terminal's width (a wrapped line cannot be overwritten), go back to its start with \r
        // and pad with spaces in case the previous line was longer.
        int width = Console.WindowWidth;
        if (width > 1 && line.Length >= width)
        {
            line = line[..(width - 1)];
        }

        Console.Write("\r" + line.PadRight(_previousLength));
        _previousLength = line.Length;
        if (value.Epoch == value.EpochCount)
        {
            Console.WriteLine();
        }
    }
}
