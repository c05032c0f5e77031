using System;
using NetGen;

namespace QuickStart
{
    /// <summary>XOR: the classic problem a single layer cannot learn.</summary>
    [Network(2, 3, 1)]
    public partial class Xor
    {
    }

    /// <summary>The 3-4-3 encoder: learn to reproduce 3-bit one-hot patterns through 4 hidden units.</summary>
    [Network(3, 4, 3)]
    public partial class Encoder
    {
    }

    public static class Program
    {
        public static void Main()
        {
            float[][] inputs = { new[] { 0f, 0f }, new[] { 0f, 1f }, new[] { 1f, 0f }, new[] { 1f, 1f } };
            float[][] targets = { new[] { 0f }, new[] { 1f }, new[] { 1f }, new[] { 0f } };

            var xor = new Xor();
            xor.InitializeParameters(seed: 1);
            Console.WriteLine("Training XOR on a 2-3-1 sigmoid network (online SGD, learning rate 2):");
            for (int epoch = 0; epoch <= 5000; epoch++)
            {
                float loss = 0;
                for (int i = 0; i < inputs.Length; i++)
                {
                    loss += xor.TrainStep(inputs[i], targets[i], learningRate: 2f);
                }

                if (epoch % 500 == 0)
                {
                    Console.WriteLine($"  epoch {epoch,5}: mean loss {loss / inputs.Length:F6}");
                }
            }

            Span<float> output = stackalloc float[Xor.OutputCount];
            for (int i = 0; i < inputs.Length; i++)
            {
                xor.Forward(inputs[i], output);
                Console.WriteLine($"  {inputs[i][0]} xor {inputs[i][1]} = {output[0]:F3}");
            }
        }
    }
}
