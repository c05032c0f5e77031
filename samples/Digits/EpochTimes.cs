using System;
using System.Collections.Generic;
using NetGen.Training;

namespace DigitsSample;

/// <summary>Epoch timing from a training result.</summary>
public static class EpochTimes
{
    /// <summary>The median time of one epoch: steadier than the mean, which the first epochs (JIT compilation) pull up.</summary>
    public static TimeSpan Median(TrainingResult result)
    {
        var times = new List<TimeSpan>();
        TimeSpan previous = TimeSpan.Zero;
        foreach (EpochReport epoch in result.Epochs)
        {
            times.Add(epoch.Elapsed - previous);
            previous = epoch.Elapsed;
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
