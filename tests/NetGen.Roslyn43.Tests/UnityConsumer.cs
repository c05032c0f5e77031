namespace NetGen.Roslyn43.Tests;

/// <summary>
/// The consumer project of the Roslyn 4.3 tests: what a Unity script declares, in C# 9. One network per code shape
/// (and per kind of declaration the generator reopens), plus a <c>Checks</c> class that exercises the generated
/// members so that the compilation fails if any is missing.
/// </summary>
internal static class UnityConsumer
{
    /// <summary>Each network's fully qualified metadata name (the hint name) and the start of the "Code shape:" paragraph of its generated type's remarks.</summary>
    public static readonly (string Name, string Shape)[] Networks =
    {
        ("Game.AI.Xor", "fully unrolled"),
        ("Game.AI.Steering", "fully unrolled"),
        ("Game.AI.Digits", "SIMD kernels"),
        ("Game.AI.Wide", "SIMD kernels"),
        ("Game.AI.ForcedKernels", "SIMD kernels"),
        ("Game.AI.Agents+Brain", "fully unrolled"),
        ("Game.AI.Policy", "fully unrolled"),
    };

    public const string Source = """
        using System;
        using NetGen;

        namespace Game.AI
        {
            // Unrolled, float (the quick-start network).
            [Network(2, 3, 1)]
            public partial class Xor { }

            // Unrolled, double, tanh hidden layer, softmax output with cross-entropy.
            [Network(3, 4, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
            public partial class Steering { }

            // Kernels: too many parameters to unroll (MNIST-sized), softmax + cross-entropy.
            [Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
            public partial class Digits { }

            // A float network that a .NET 8+ consumer would get as Vector256 code: kernels here (netstandard).
            [Network(24, 8, 2)]
            public partial class Wide { }

            // Kernels by request, double, no biases.
            [Network(5, 6, 2, Unroll = Unroll.Never, Bias = false, Precision = Precision.Double)]
            internal partial class ForcedKernels { }

            // Nested in a partial type.
            public partial class Agents
            {
                [Network(4, 3, 2, Output = Activation.Identity)]
                internal partial class Brain { }
            }

            // A record (C# 9).
            [Network(2, 2, 1)]
            public partial record Policy;

            public static class Checks
            {
                // Finite-difference check of a network's gradients (relative error), on two fixed examples.
                public static double GradientError<T>(INetwork<T> net, T[] inputs, T[] targets)
                    where T : unmanaged
                {
                    net.InitializeParameters(7);
                    return GradientCheck.Run<T>(net, inputs, targets).RelativeError;
                }

                public static double SteeringGradientError() =>
                    GradientError(new Steering(), new[] { 0.1, -0.4, 0.7, 0.9, 0.2, -0.3 }, new[] { 1.0, 0, 0, 0, 0, 1.0 });

                public static double ForcedKernelsGradientError() =>
                    GradientError(new ForcedKernels(), new[] { 0.1, -0.4, 0.7, 0.3, -0.2, 0.5, 0.6, -0.8, 0.05, 0.9 }, new[] { 0.25, 0.75, 0.5, 0.1 });

                // Sum of the softmax outputs of the kernel-shape network (1 when Forward ran).
                public static float DigitsOutputSum()
                {
                    var net = new Digits();
                    float[] input = new float[Digits.InputCount];
                    for (int i = 0; i < input.Length; i++)
                    {
                        input[i] = (i % 17) / 17f;
                    }

                    float[] output = new float[Digits.OutputCount];
                    net.Forward(input, output);
                    float sum = 0f;
                    foreach (float p in output)
                    {
                        sum += p;
                    }

                    return sum;
                }

                // Loss on one example before and after 200 online steps on it.
                public static float[] TrainedLosses()
                {
                    float[] x = { 1f, 0f };
                    float[] y = { 1f };
                    var xor = new Xor();
                    var wide = new Wide();
                    float[] wx = new float[Wide.InputCount];
                    wx[3] = 1f;
                    float[] wy = { 0f, 1f };
                    var brain = new Agents.Brain();
                    float[] bx = { 0.5f, -0.5f, 0.25f, 1f };
                    float[] by = { 0.3f, -0.2f };
                    var policy = new Policy();
                    float[] before = { xor.Loss(x, y), wide.Loss(wx, wy), brain.Loss(bx, by), policy.Loss(x, y) };
                    for (int step = 0; step < 200; step++)
                    {
                        xor.TrainStep(x, y, 0.5f);
                        wide.TrainStep(wx, wy, 0.5f);
                        brain.TrainStep(bx, by, 0.05f);
                        policy.TrainStep(x, y, 0.5f);
                    }

                    return new[] { before[0], xor.Loss(x, y), before[1], wide.Loss(wx, wy), before[2], brain.Loss(bx, by), before[3], policy.Loss(x, y) };
                }
            }
        }
        """;
}
