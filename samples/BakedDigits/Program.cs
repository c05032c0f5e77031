using System;
using System.Diagnostics;
using System.IO;
using DigitsSample;
using NetGen;
using NetGen.Training;

namespace BakedDigitsSample;

/// <summary>
/// samples/SaveWeights' digits network, its trained weights baked in at build time from digits.safetensors:
/// every new instance starts trained. Input: an 8x8 image row by row, pixels (0..16) / 16; output: digit probabilities.
/// </summary>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Weights = "digits.safetensors")]
public partial class Digits
{
}

public static class Program
{
    public static int Main()
    {
        var clock = Stopwatch.StartNew();
        var net = new Digits(); // trained already: no file, no training
        var image = new float[64];
        image[20] = 1f;
        var output = new float[Digits.OutputCount];
        net.Forward(image, output);
        Console.WriteLine($"first prediction {clock.Elapsed.TotalMilliseconds:F2} ms after start, with no weight file opened");

        // The same held-out images as samples/Digits and samples/SaveWeights (seed 42, 20 %).
        DigitSet all = DigitSet.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
        (_, DigitSet test) = all.Split(testFraction: 0.2, seed: 42);
        double accuracy = Evaluation.Accuracy(net, test.Pixels, test.Labels);
        Console.WriteLine($"test accuracy of the baked network: {accuracy:F4} on {test.Count} images");
        for (int i = 0; i < 3; i++)
        {
            net.Forward(test.Image(i), output);
            Console.WriteLine($"  image {i}: predicted {Evaluation.ArgMax(output)}, true {test.Labels[i]}");
        }

        return accuracy > 0.95 ? 0 : 1;
    }
}
