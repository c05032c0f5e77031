using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using DigitsSample;
using NetGen.Training;

namespace BrowserDigits;

/// <summary>What the page shows after each epoch.</summary>
/// <param name="Epoch">The epoch just finished, 1 for the first.</param>
/// <param name="TrainingLoss">The mean cross-entropy of the epoch's training batches (before each batch's step).</param>
/// <param name="ValidationLoss">The mean cross-entropy on the validation images at the end of the epoch.</param>
/// <param name="TrainingAccuracy">The accuracy on the training images at the end of the epoch.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation images at the end of the epoch.</param>
public sealed record EpochPoint(int Epoch, double TrainingLoss, double ValidationLoss, double TrainingAccuracy, double ValidationAccuracy);

/// <summary>
/// The digits network and its data, trained one epoch per call of <see cref="RunEpoch"/> so that the page can render
/// between epochs: a browser runs .NET on its one UI thread, and a single 60-epoch <see cref="Trainer.Fit{T}(Optimizer{T}, ReadOnlySpan{T}, ReadOnlySpan{int}, TrainingOptions?, IProgress{EpochReport}?, System.Threading.CancellationToken)"/>
/// call would freeze the page until it returns.
/// </summary>
/// <remarks>
/// The settings and the train/test split are those of samples/Digits (seed 42, 20 % test, Adam 0.005, batches of 32,
/// 60 epochs), so the test accuracy compares with the console sample's. The shuffling differs: each epoch is its own
/// one-epoch <c>Trainer.Fit</c> call, seeded with <c>Seed + epoch</c> (one seed for all would visit the batches in
/// the same order every epoch), and the validation images are split off here once, because Fit would draw its own
/// validation rows afresh on each call.
/// </remarks>
public sealed class DigitsTraining
{
    /// <summary>The seed of the split, the initial weights and the shuffling, as in samples/Digits.</summary>
    public const int Seed = 42;

    /// <summary>Passes over the training images.</summary>
    public const int EpochCount = 60;

    private readonly Adam<float> _optimizer;
    private readonly List<EpochPoint> _history = new();
    private readonly float[] _validationTargets;
    private readonly Stopwatch _clock = new();

    private DigitsTraining(DigitSet train, DigitSet validation, DigitSet test)
    {
        Train = train;
        Validation = validation;
        Test = test;
        Network.InitializeParameters(Seed);
        _optimizer = new Adam<float>(Network, learningRate: 0.005);

        // One-hot targets for the validation loss.
        _validationTargets = new float[validation.Count * Digits.OutputCount];
        for (int i = 0; i < validation.Count; i++)
        {
            _validationTargets[(i * Digits.OutputCount) + validation.Labels[i]] = 1f;
        }
    }

    /// <summary>The network being trained.</summary>
    public Digits Network { get; } = new();

    /// <summary>The images trained on: 90 % of the 80 % that samples/Digits trains on.</summary>
    public DigitSet Train { get; }

    /// <summary>Images held out of training and watched after every epoch (10 % of the training part).</summary>
    public DigitSet Validation { get; }

    /// <summary>The 20 % of samples/Digits' split that only the final test sees: 359 images.</summary>
    public DigitSet Test { get; }

    /// <summary>One point per finished epoch.</summary>
    public IReadOnlyList<EpochPoint> History => _history;

    /// <summary>Whether all <see cref="EpochCount"/> epochs have run.</summary>
    public bool IsFinished => _history.Count == EpochCount;

    /// <summary>The time spent inside training and validation so far, without the time the page spent rendering.</summary>
    public TimeSpan TrainingTime => _clock.Elapsed;

    /// <summary>
    /// Loads the digits from the resource <c>digits.csv.gz</c> (samples/Digits' file, embedded by the project) and
    /// splits them as samples/Digits does.
    /// </summary>
    public static DigitsTraining Load()
    {
        // DigitSet (linked from samples/Digits) reads a file; the browser's .NET runtime has an in-memory file system,
        // so the resource is written there first.
        string path = Path.Combine(Path.GetTempPath(), "digits.csv.gz");
        using (Stream resource = typeof(DigitsTraining).Assembly.GetManifestResourceStream("digits.csv.gz")
                                 ?? throw new InvalidOperationException("The resource digits.csv.gz is missing from the assembly."))
        using (FileStream file = File.Create(path))
        {
            resource.CopyTo(file);
        }

        DigitSet all = DigitSet.Load(path);
        (DigitSet trainAndValidation, DigitSet test) = all.Split(testFraction: 0.2, seed: Seed);
        (DigitSet train, DigitSet validation) = trainAndValidation.Split(testFraction: 0.1, seed: Seed);
        return new DigitsTraining(train, validation, test);
    }

    /// <summary>Trains one more epoch and measures the network on the validation images.</summary>
    public EpochPoint RunEpoch()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"All {EpochCount} epochs have run.");
        }

        int epoch = _history.Count + 1;
        var options = new TrainingOptions { Epochs = 1, BatchSize = 32, Seed = (ulong)(Seed + epoch) };
        _clock.Start();
        TrainingResult result = Trainer.Fit(_optimizer, Train.Pixels, Train.Labels, options);
        double validationLoss = Evaluation.MeanLoss(Network, Validation.Pixels, _validationTargets);
        double validationAccuracy = Evaluation.Accuracy(Network, Validation.Pixels, Validation.Labels);
        _clock.Stop();

        EpochReport report = result.Final;
        var point = new EpochPoint(epoch, report.TrainingLoss, validationLoss, report.TrainingAccuracy ?? 0, validationAccuracy);
        _history.Add(point);
        return point;
    }

    /// <summary>The accuracy on the 359 test images, which training never saw.</summary>
    public double TestAccuracy() => Evaluation.Accuracy(Network, Test.Pixels, Test.Labels);
}
