using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Training;

namespace DigitsSample;

/// <summary>
/// Reads an 8x8 image of a handwritten digit: 64 inputs (pixels scaled to [0, 1]), 32 tanh hidden units, 10 softmax
/// outputs (the probability of each digit 0-9), trained with cross-entropy. NetGen generates the forward pass,
/// backpropagation and update for exactly this shape at build time.
/// </summary>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
public partial class Digits
{
}

public static class Program
{
    private const int Seed = 42;

    public static void Main()
    {
        // 1. Data: 1797 labelled images; 80 % to train on, 20 % kept aside for the final test.
        DigitSet all = DigitSet.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
        (DigitSet train, DigitSet test) = all.Split(testFraction: 0.2, seed: Seed);
        Console.WriteLine($"sklearn digits: {all.Count} images of 8x8 pixels; {train.Count} to train, {test.Count} to test (seed {Seed})");

        // 2. Training: Adam on mini-batches of 32. Trainer holds back 10 % of the training images as a validation
        //    set, so you can watch for overfitting, and reports after every epoch.
        var net = new Digits();
        net.InitializeParameters(Seed);
        var optimizer = new Adam<float>(net, learningRate: 0.005);
        var options = new TrainingOptions { Epochs = 60, BatchSize = 32, Seed = Seed, ValidationFraction = 0.1 };
        Console.WriteLine($"training a 64-32-10 network ({Digits.ParameterCount} parameters) for {options.Epochs} epochs:");
        //    ConsoleProgress (NetGen.Training) draws a live bar in a terminal and prints one line per epoch; Ctrl+C stops
        //    training cleanly between two batches, and the network keeps what it learned so far.
        using var ctrlC = new CtrlC();
        TrainingResult? result = ctrlC.Run(token => Trainer.Fit(optimizer, train.Pixels, train.Labels, options, new ConsoleProgress(), token));

        // The mean includes the first epochs, which run while the JIT compiles; the median is the steady pace.
        if (result is not null)
        {
            Console.WriteLine($"trained in {result.Elapsed.TotalSeconds:F2} s: {result.Elapsed.TotalMilliseconds / result.Epochs.Count:F1} ms per epoch on average, " +
                              $"{EpochTimes.Median(result).TotalMilliseconds:F1} ms median");
        }

        // 3. Test: images the network has never seen.
        ConfusionMatrix matrix = Evaluation.ConfusionMatrixOf(net, test.Pixels, test.Labels);
        Console.WriteLine();
        Console.WriteLine($"test accuracy: {matrix.Accuracy:F4} ({matrix.Correct} of {matrix.Total} test digits right)");
        Console.WriteLine();
        Console.WriteLine(matrix);

        // 4. Using the network: Forward gives the 10 softmax outputs, the probability of each digit.
        Span<float> probabilities = stackalloc float[Digits.OutputCount];
        net.Forward(test.Image(0), probabilities);
        Console.WriteLine();
        Console.WriteLine($"the network's outputs for the first test image (a {test.Labels[0]}):");
        Console.WriteLine("  digit        " + string.Join(" ", Enumerable.Range(0, 10).Select(digit => $"{digit,5}")));
        Console.WriteLine("  probability  " + string.Join(" ", probabilities.ToArray().Select(p => $"{p:F3}")));

        // 5. A few test digits as the network sees them: the first four, and up to four it got wrong.
        var wrong = new List<int>();
        for (int i = 0; i < test.Count && wrong.Count < 4; i++)
        {
            if (Evaluation.Predict(net, test.Image(i)) != test.Labels[i])
            {
                wrong.Add(i);
            }
        }

        Console.WriteLine();
        Console.WriteLine("some test digits, predicted (true):");
        DrawRow(net, test, new[] { 0, 1, 2, 3 });
        if (wrong.Count > 0)
        {
            Console.WriteLine("and some it got wrong:");
            DrawRow(net, test, wrong);
        }
    }

    /// <summary>Draws images side by side, each under a caption "predicted (true)".</summary>
    private static void DrawRow(Digits net, DigitSet set, IReadOnlyList<int> images)
    {
        var drawings = new List<string[]>();
        string captions = string.Empty;
        foreach (int i in images)
        {
            drawings.Add(DigitSet.Draw(set.Image(i)));
            string caption = $"{Evaluation.Predict(net, set.Image(i))} (true {set.Labels[i]})";
            captions += $"  {caption,-16}  ";
        }

        Console.WriteLine(captions.TrimEnd());
        for (int row = 0; row < 8; row++)
        {
            string line = string.Empty;
            foreach (string[] drawing in drawings)
            {
                line += $" [{drawing[row]}] ";
            }

            Console.WriteLine(line.TrimEnd());
        }
    }
}
