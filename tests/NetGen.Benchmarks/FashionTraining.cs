using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FashionMnistSample;
using NetGen.Training;

namespace NetGen.Benchmarks;

/// <summary>samples/FashionMnist's recipe: 784-128-10, ReLU, softmax with cross-entropy, Adam 1e-3, batch 64, 10% validation.</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
public partial class FashionNet { }

/// <summary>
/// The end-to-end measurement of issue 18: <c>Trainer.Fit</c> on Fashion-MNIST with the sample's recipe, timing the
/// training of each epoch only (from the epoch's start to its last batch, through <see cref="IBatchProgress"/>: the
/// per-epoch accuracy and validation passes Fit makes afterwards are left out, as the PyTorch script leaves them
/// out). fashion/compare.sh runs this and fashion/pytorch_fashion.py and prints the ratio.
/// </summary>
internal static class FashionTraining
{
    public static int Run(string folder, int epochs)
    {
        string[] files = { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
        if (Array.Exists(files, f => !File.Exists(Path.Combine(folder, f))))
        {
            Console.Error.WriteLine($"Fashion-MNIST not found in {folder} (needs {string.Join(", ", files)}); pass its folder with --fashion DIR.");
            return 1;
        }

        float[] images = Idx.ReadImages(Path.Combine(folder, files[0]), out _, out _);
        int[] labels = Idx.ReadLabels(Path.Combine(folder, files[1]));
        float[] testImages = Idx.ReadImages(Path.Combine(folder, files[2]), out _, out _);
        int[] testLabels = Idx.ReadLabels(Path.Combine(folder, files[3]));

        var net = new FashionNet();
        net.InitializeParameters(42);
        var timer = new EpochTimer();
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 64, Seed = 42, ValidationFraction = 0.1 };
        Trainer.Fit(new Adam<float>(net, 0.001), images, labels, options, timer);
        double accuracy = Evaluation.Accuracy(net, testImages, testLabels);
        var sorted = new List<double>(timer.TrainSeconds);
        sorted.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"netgen epochs={epochs} train_s_per_epoch=[{string.Join(", ", timer.TrainSeconds.ConvertAll(s => s.ToString("F3", CultureInfo.InvariantCulture)))}] median={sorted[sorted.Count / 2]:F3} test_accuracy={accuracy:F4}"));
        return 0;
    }

    /// <summary>The training time of each epoch: its last batch's elapsed time minus the previous epoch's end.</summary>
    private sealed class EpochTimer : IProgress<EpochReport>, IBatchProgress
    {
        private TimeSpan _epochStart;
        private TimeSpan _lastBatch;

        public List<double> TrainSeconds { get; } = new();

        public void ReportBatch(BatchReport report) => _lastBatch = report.Elapsed;

        public void Report(EpochReport value)
        {
            TrainSeconds.Add((_lastBatch - _epochStart).TotalSeconds);
            _epochStart = value.Elapsed;
        }
    }
}
