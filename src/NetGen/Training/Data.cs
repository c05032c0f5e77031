using System;
using NetGen.__Internals;

namespace NetGen.Training;

/// <summary>Preparing data as users hold it: a seeded train/test split and one-hot targets.</summary>
public static class Data
{
    /// <summary>
    /// Splits paired rows into a training and a test part: floor(n × <paramref name="testFraction"/>) rows drawn with
    /// the seed go to the test part; both parts keep the original row order. Same seed, same split.
    /// </summary>
    /// <typeparam name="TInput">A row type, e.g. <c>float[]</c>.</typeparam>
    /// <typeparam name="TTarget">A label or target row type, e.g. <c>int</c> or <c>float[]</c>.</typeparam>
    /// <param name="inputs">n inputs.</param>
    /// <param name="targets">n labels or targets, paired with the inputs by index.</param>
    /// <param name="testFraction">The share of rows for the test part, in (0, 1).</param>
    /// <param name="seed">The seed of the draw.</param>
    /// <returns>The four parts.</returns>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length, or a part would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    public static (TInput[] TrainInputs, TTarget[] TrainTargets, TInput[] TestInputs, TTarget[] TestTargets) TrainTestSplit<TInput, TTarget>(
        TInput[] inputs, TTarget[] targets, double testFraction, ulong seed)
    {
        if (inputs is null)
        {
            throw new ArgumentNullException(nameof(inputs));
        }

        if (targets is null)
        {
            throw new ArgumentNullException(nameof(targets));
        }

        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "'testFraction' must be in (0, 1).");
        }

        int n = inputs.Length;
        DataCheck.SameRows(targets.Length, n, nameof(targets), "targets");
        int testCount = (int)Math.Floor(n * testFraction);
        if (testCount < 1 || testCount >= n)
        {
            throw new ArgumentException(
                DataCheck.Invariant("A test fraction of {0} of {1} rows leaves {2} test and {3} training rows; both must be at least 1.", testFraction, n, testCount, n - testCount),
                nameof(testFraction));
        }

        ulong state = seed;
        (int[] test, int[] train) = Trainer.Split(n, testCount, ref state);
        return (Pick(inputs, train), Pick(targets, train), Pick(inputs, test), Pick(targets, test));
    }

    /// <summary>One-hot rows for class labels: row i is e_(labels[i]) of length <paramref name="classes"/>.</summary>
    /// <param name="labels">Class indices in [0, classes).</param>
    /// <param name="classes">The number of classes (the network's OutputCount).</param>
    /// <returns>One row per label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A label is out of range (the message names the row).</exception>
    public static T[][] OneHot<T>(int[] labels, int classes)
        where T : unmanaged
    {
        if (labels is null)
        {
            throw new ArgumentNullException(nameof(labels));
        }

        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "'classes' must be at least 1.");
        }

        DataCheck.Labels(labels, classes, nameof(labels));
        var rows = new T[labels.Length][];
        for (int i = 0; i < labels.Length; i++)
        {
            rows[i] = new T[classes];
            rows[i][labels[i]] = Scalar<T>.One;
        }

        return rows;
    }

    private static TItem[] Pick<TItem>(TItem[] items, int[] rows)
    {
        var picked = new TItem[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            picked[i] = items[rows[i]];
        }

        return picked;
    }
}
