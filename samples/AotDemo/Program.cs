using System;
using System.Diagnostics;
using System.Globalization;
using NetGen;

namespace AotDemo
{
    /// <summary>A controller-sized network: 2 sensor readings in, 8 tanh units, 1 actuator command out.</summary>
    [Network(2, 8, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
    public partial class Controller
    {
    }

    public static class Program
    {
        public static int Main()
        {
            var clock = Stopwatch.StartNew();

            // Learn u = sin(x) * cos(y) on a 16 x 16 grid over [-2, 2]^2 by online SGD.
            const int grid = 16;
            var inputs = new float[grid * grid * 2];
            var targets = new float[grid * grid];
            for (int i = 0; i < grid; i++)
            {
                for (int j = 0; j < grid; j++)
                {
                    int n = (i * grid) + j;
                    float x = -2f + (4f * i / (grid - 1));
                    float y = -2f + (4f * j / (grid - 1));
                    inputs[2 * n] = x;
                    inputs[(2 * n) + 1] = y;
                    targets[n] = (float)(Math.Sin(x) * Math.Cos(y));
                }
            }

            var net = new Controller();
            net.InitializeParameters(seed: 2024);
            Span<float> u = stackalloc float[Controller.OutputCount];
            net.Forward(new float[] { 0.5f, -0.25f }, u);
            double firstPrediction = clock.Elapsed.TotalMilliseconds;

            float first = MeanLoss(net, inputs, targets);
            for (int epoch = 0; epoch < 300; epoch++)
            {
                for (int n = 0; n < targets.Length; n++)
                {
                    net.TrainStep(inputs.AsSpan(2 * n, 2), targets.AsSpan(n, 1), 0.02f);
                }
            }

            float last = MeanLoss(net, inputs, targets);
            net.Forward(new float[] { 0.5f, -0.25f }, u);

            // RESULT lines are compared between the JIT and the NativeAOT build by tests/NetGen.Package.Tests.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mean loss before {first:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mean loss after 300 epochs {last:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT u(0.5, -0.25) = {u[0]:R} (target {Math.Sin(0.5) * Math.Cos(-0.25):F6})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start to first prediction: {firstPrediction:F2} ms; whole run: {clock.Elapsed.TotalMilliseconds:F1} ms"));
            Console.WriteLine(last < first / 10 ? "learned" : "did not learn");
            return last < first / 10 ? 0 : 1;
        }

        private static float MeanLoss(Controller net, float[] inputs, float[] targets)
        {
            float sum = 0;
            for (int n = 0; n < targets.Length; n++)
            {
                sum += net.Loss(inputs.AsSpan(2 * n, 2), targets.AsSpan(n, 1));
            }

            return sum / targets.Length;
        }
    }
}
