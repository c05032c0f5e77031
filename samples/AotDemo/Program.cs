using System;
using System.Diagnostics;
using System.Globalization;
using NetGen;

namespace AotDemo;

/// <summary>A controller-sized network: 2 sensor readings in, 8 tanh units, 1 actuator command out.</summary>
[Network(2, 8, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class Controller
{
}

public static class Program
{
    /// <param name="args">
    /// <c>--exact</c> also prints every number in round-trip form on lines starting with RESULT, which
    /// tests/NetGen.Package.Tests compares between the JIT and the NativeAOT build (they agree bit for bit).
    /// </param>
    public static int Main(string[] args)
    {
        bool exact = Array.IndexOf(args, "--exact") >= 0;
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

        bool learned = last < first / 10;
        Console.WriteLine("A 2-8-1 controller (tanh hidden units, linear output) learning u = sin(x) cos(y) on a 16 x 16 grid");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  mean loss before training: {first:F6}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  after 300 epochs of online SGD: {last:F6}  ({(learned ? "learned" : "did not learn")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  u(0.5, -0.25) = {u[0]:F6}  (target {Math.Sin(0.5) * Math.Cos(-0.25):F6})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first prediction {firstPrediction:F2} ms after start; whole run {clock.Elapsed.TotalMilliseconds:F1} ms"));
        if (exact)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mean loss before {first:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mean loss after 300 epochs {last:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT u(0.5, -0.25) = {u[0]:R}"));
        }

        return learned ? 0 : 1;
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
