using System;
using NetGen;

namespace QuickStart;

/// <summary>XOR: the classic problem a single layer cannot learn (2 inputs, 3 sigmoid hidden units, 1 output).</summary>
[Network(2, 3, 1)]
public partial class Xor
{
}

/// <summary>The 3-4-3 encoder: reproduce each 3-bit pattern at the output through 4 hidden units.</summary>
[Network(3, 4, 3)]
public partial class Encoder
{
}

public static class Program
{
    public static void Main()
    {
        TrainXor();
        Console.WriteLine();
        TrainEncoder();
        Console.WriteLine();
        Console.WriteLine("The generated code is in obj/<configuration>/<tfm>/generated/ (EmitCompilerGeneratedFiles).");
    }

    private static void TrainXor()
    {
        float[][] inputs = { new[] { 0f, 0f }, new[] { 0f, 1f }, new[] { 1f, 0f }, new[] { 1f, 1f } };
        float[][] targets = { new[] { 0f }, new[] { 1f }, new[] { 1f }, new[] { 0f } };

        var xor = new Xor();
        xor.InitializeParameters(seed: 1);
        Console.WriteLine("XOR on a 2-3-1 sigmoid network, online SGD (TrainStep), learning rate 2:");
        for (int epoch = 0; epoch <= 2000; epoch++)
        {
            float loss = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                loss += xor.TrainStep(inputs[i], targets[i], learningRate: 2f);
            }

            if (epoch % 250 == 0)
            {
                Console.WriteLine($"  epoch {epoch,5}: mean loss E = {loss / inputs.Length:F6}");
            }
        }

        Span<float> output = stackalloc float[Xor.OutputCount];
        for (int i = 0; i < inputs.Length; i++)
        {
            xor.Forward(inputs[i], output);
            Console.WriteLine($"  {inputs[i][0]} xor {inputs[i][1]} -> {output[0]:F3}");
        }
    }

    private static void TrainEncoder()
    {
        // All 8 patterns of 3 bits; the target is the input itself.
        var patterns = new float[8][];
        for (int n = 0; n < 8; n++)
        {
            patterns[n] = new float[] { n & 1, (n >> 1) & 1, (n >> 2) & 1 };
        }

        var encoder = new Encoder();
        encoder.InitializeParameters(seed: 7);
        Console.WriteLine("3-4-3 encoder, full-batch gradient descent (Backward x 8, then ApplyGradients(eta = 4, m = 8)):");
        for (int epoch = 0; epoch <= 3000; epoch++)
        {
            float loss = 0;
            foreach (float[] x in patterns)
            {
                loss += encoder.Backward(x, x);
            }

            encoder.ApplyGradients(learningRate: 4f, batchSize: patterns.Length);
            if (epoch % 500 == 0)
            {
                Console.WriteLine($"  epoch {epoch,5}: mean loss E = {loss / patterns.Length:F6}");
            }
        }

        Span<float> output = stackalloc float[Encoder.OutputCount];
        int correct = 0;
        foreach (float[] x in patterns)
        {
            encoder.Forward(x, output);
            bool ok = true;
            for (int j = 0; j < 3; j++)
            {
                ok &= (output[j] > 0.5f) == (x[j] > 0.5f);
            }

            correct += ok ? 1 : 0;
            Console.WriteLine($"  {x[0]}{x[1]}{x[2]} -> {output[0]:F2} {output[1]:F2} {output[2]:F2}{(ok ? string.Empty : "  (wrong)")}");
        }

        Console.WriteLine($"  {correct} of {patterns.Length} patterns reproduced");
    }
}
