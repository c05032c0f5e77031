using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using DigitsSample;
using NetGen;
using NetGen.IO;
using NetGen.Training;

namespace SaveWeightsSample;

/// <summary>
/// The handwritten-digits network of samples/Digits, whose weights this sample saves.
/// Input: an 8x8 image, row by row, each pixel (0..16) divided by 16. Output j: the probability that the image shows
/// digit j. Layers: 64 inputs, 32 tanh hidden units, 10 softmax outputs; trained with cross-entropy.
/// The weight file holds 4 float32 tensors named as in a PyTorch <c>nn.Sequential(Linear, Tanh, Linear)</c>:
/// "0.weight" [32, 64], "0.bias" [32], "2.weight" [10, 32], "2.bias" [10]. Any program that declares this same
/// network can load the file.
/// </summary>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
public partial class Digits
{
}

public static class Program
{
    private const int Seed = 42;

    /// <param name="args">Optional: the file to write, default out/digits.safetensors beside the program (never the repository root).</param>
    public static int Main(string[] args)
    {
        string path = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "out", "digits.safetensors"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // 1. Train exactly as samples/Digits does (same data split, seed and settings, so the same weights).
        DigitSet all = DigitSet.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
        (DigitSet train, DigitSet test) = all.Split(testFraction: 0.2, seed: Seed);
        var net = new Digits();
        net.InitializeParameters(Seed);
        var options = new TrainingOptions { Epochs = 60, BatchSize = 32, Seed = Seed, ValidationFraction = 0.1 };
        TrainingResult result = Trainer.Fit(new Adam<float>(net, learningRate: 0.005), train.Pixels, train.Labels, options);
        double accuracy = Evaluation.Accuracy(net, test.Pixels, test.Labels);
        Console.WriteLine($"trained the 64-32-10 network on sklearn digits; last epoch: {result.Final}");
        Console.WriteLine($"test accuracy {accuracy:F4} on {test.Count} images");

        // 2. Save. The metadata is free-form text stored in the file's header; it is returned by Load.
        var metadata = new Dictionary<string, string>
        {
            ["network"] = "[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]",
            ["input"] = "8x8 image row by row, pixel value (0..16) / 16",
            ["output"] = "probability of each digit 0-9",
            ["data"] = "UCI optical recognition of handwritten digits (scikit-learn), 80 % training split, seed 42",
            ["test_accuracy"] = accuracy.ToString("F4", CultureInfo.InvariantCulture),
        };
        try
        {
            SafeTensors.Save(net, path, metadata);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not write {path}: {e.Message}");
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine($"saved {Digits.ParameterCount} parameters to {path} ({new FileInfo(path).Length} bytes), tensors:");
        ReadOnlySpan<int> sizes = ((INetwork<float>)net).LayerSizes; // 64, 32, 10
        for (int l = 1; l < sizes.Length; l++)
        {
            Console.WriteLine($"  {SafeTensors.TensorName(l, bias: false)} [{sizes[l]}, {sizes[l - 1]}]   {SafeTensors.TensorName(l, bias: true)} [{sizes[l]}]");
        }

        // 3. Reload into a fresh network. Before loading, it has the default initial weights and guesses.
        var copy = new Digits();
        Console.WriteLine();
        Console.WriteLine($"a fresh network, before loading: test accuracy {Evaluation.Accuracy(copy, test.Pixels, test.Labels):F4}");
        IReadOnlyDictionary<string, string> loaded = SafeTensors.Load(copy, path);
        Console.WriteLine($"after loading {Path.GetFileName(path)}:    test accuracy {Evaluation.Accuracy(copy, test.Pixels, test.Labels):F4}");
        foreach (KeyValuePair<string, string> entry in loaded)
        {
            Console.WriteLine($"  metadata {entry.Key}: {entry.Value}");
        }

        // 4. Check: the same parameters and the same outputs for every test image, bit for bit.
        var expected = new float[test.Count * Digits.OutputCount];
        var actual = new float[test.Count * Digits.OutputCount];
        net.ForwardBatch(test.Pixels, expected);
        copy.ForwardBatch(test.Pixels, actual);
        bool sameParameters = BitEqual(net.Parameters, copy.Parameters);
        bool sameOutputs = BitEqual(expected, actual);
        Console.WriteLine();
        Console.WriteLine($"parameters identical: {sameParameters}; all {actual.Length} outputs ({test.Count} images x 10) identical: {sameOutputs}");
        return sameParameters && sameOutputs ? 0 : 1;
    }

    private static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));
}
