using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen;
using DigitsSample;
using NetGen.Training;

namespace FashionMnistSample;

/// <summary>
/// A 28x28 grey image of a piece of clothing: 784 inputs (pixels scaled to [0, 1]), 128 ReLU hidden units, 10 softmax
/// outputs (one per class), trained with cross-entropy. 101,770 parameters, so the generated code calls NetGen's
/// SIMD matrix kernels instead of unrolling every weight.
/// </summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
public partial class FashionNet
{
}

public static class Program
{
    /// <summary>Test accuracy of the MLP 256-128-100 in Fashion-MNIST's own benchmark table (no preprocessing).</summary>
    private const double PublishedMlpAccuracy = 0.8833;

    private static readonly string[] ClassNames =
        { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    private static readonly string[] Files =
        { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };

    private const string Usage =
        "usage: dotnet run --project samples/FashionMnist -c Release -- [data-folder] [--epochs N] [--seed N]\n" +
        "  data-folder  the folder with the four Fashion-MNIST .gz files; default ../shared/data/fashion-mnist\n" +
        "               relative to the repository root (the folder holding NetGen.sln)\n" +
        "  --epochs N   passes over the training images (default 10)\n" +
        "  --seed N     seed of the initial weights, the validation split and the shuffling (default 1)";

    public static int Main(string[] args)
    {
        string? folder = null;
        int epochs = 10;
        ulong seed = 1;
        for (int i = 0; i < args.Length; i++)
        {
            bool ok;
            if (args[i] is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return 0;
            }
            else if (args[i] == "--epochs")
            {
                ok = ++i < args.Length && int.TryParse(args[i], CultureInfo.InvariantCulture, out epochs) && epochs >= 1;
            }
            else if (args[i] == "--seed")
            {
                ok = ++i < args.Length && ulong.TryParse(args[i], CultureInfo.InvariantCulture, out seed);
            }
            else
            {
                ok = folder is null && !args[i].StartsWith('-');
                folder = args[i];
            }

            if (!ok)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        // 1. Data: 60,000 training and 10,000 test images.
        folder = Path.GetFullPath(folder ?? DefaultDataFolder());
        string[] missing = Array.FindAll(Files, f => !File.Exists(Path.Combine(folder, f)));
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"Fashion-MNIST not found in {folder}: missing {string.Join(", ", missing)}.");
            Console.Error.WriteLine("Get the four files from https://github.com/zalandoresearch/fashion-mnist (folder data/fashion) or the");
            Console.Error.WriteLine("Debian package dataset-fashion-mnist, and pass their folder as the first argument.");
            Console.Error.WriteLine(Usage);
            return 1;
        }

        var clock = Stopwatch.StartNew();
        float[] trainImages = Idx.ReadImages(Path.Combine(folder, Files[0]), out int trainCount, out int pixels);
        int[] trainLabels = Idx.ReadLabels(Path.Combine(folder, Files[1]));
        float[] testImages = Idx.ReadImages(Path.Combine(folder, Files[2]), out int testCount, out _);
        int[] testLabels = Idx.ReadLabels(Path.Combine(folder, Files[3]));
        Console.WriteLine($"Fashion-MNIST from {folder}: {trainCount} training and {testCount} test images of {pixels} pixels (read in {clock.Elapsed.TotalSeconds:F1} s)");

        // 2. Training: Adam (PyTorch's defaults, learning rate 0.001) on mini-batches of 64. Trainer holds back 10 % of
        //    the training images for validation and reports after every epoch.
        var net = new FashionNet();
        net.InitializeParameters(seed);
        var optimizer = new Adam<float>(net, learningRate: 0.001);
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 64, Seed = seed, ValidationFraction = 0.1 };
        Console.WriteLine($"training a 784-128-10 network ({FashionNet.ParameterCount} parameters) for {epochs} epochs, seed {seed}:");
        //    A live bar with rows/s and the time left (one line per epoch when the output goes to a file); Ctrl+C stops
        //    training cleanly between two batches and tests the network as it is.
        using var ctrlC = new CtrlC();
        TrainingResult? result = ctrlC.Run(token => Trainer.Fit(optimizer, trainImages, trainLabels, options, new ConsoleProgress(), token));

        // An epoch's time includes Trainer's accuracy pass over the training and validation images after it.
        if (result is not null)
        {
            Console.WriteLine($"trained in {result.Elapsed.TotalSeconds:F1} s: {result.Elapsed.TotalSeconds / result.Epochs.Count:F2} s per epoch on average, " +
                              $"{EpochTimes.Median(result).TotalSeconds:F2} s median");
        }

        // 3. Test: 10,000 images never used in training.
        ConfusionMatrix matrix = Evaluation.ConfusionMatrixOf(net, testImages, testLabels, ClassNames);
        Console.WriteLine();
        Console.WriteLine($"test accuracy: {matrix.Accuracy:F4}   (published MLP 256-128-100 baseline: {PublishedMlpAccuracy:F4})");
        Console.WriteLine("accuracy per class (recall):");
        for (int c = 0; c < ClassNames.Length; c++)
        {
            Console.WriteLine($"  {ClassNames[c],-12} {matrix.Recall(c):F3}");
        }

        return 0;
    }

    /// <summary>../shared/data/fashion-mnist next to the repository root, found by walking up to NetGen.sln.</summary>
    private static string DefaultDataFolder()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                {
                    return Path.Combine(dir.FullName, "..", "shared", "data", "fashion-mnist");
                }
            }
        }

        // Not inside the repository: look in the current directory.
        return "fashion-mnist";
    }
}
