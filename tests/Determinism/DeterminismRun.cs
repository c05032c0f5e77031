using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using NetGen;
using NetGen.__Internals;
using NetGen.Training;

namespace NetGen.Determinism;

/// <summary>The 64-32-10 digits network of issue 15's test: sigmoid hidden layer, softmax cross-entropy.</summary>
[Network(64, 32, 10, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Deterministic = true)]
public partial class DeterministicDigits { }

/// <summary>Double precision, GELU and SiLU (NetGen's own tanh and exp), deterministic kernels.</summary>
[Network(64, 24, 16, 10, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Softmax }, Loss = LossFunction.CrossEntropy, Precision = Precision.Double, Deterministic = true)]
public partial class DeterministicGeluSilu { }

/// <summary>Unrolled float code with tanh, softplus and the Huber loss.</summary>
[Network(4, 6, 5, 3, Activations = new[] { Activation.Tanh, Activation.Softplus, Activation.Identity }, Loss = LossFunction.Huber, Deterministic = true)]
public partial class DeterministicHuber { }

/// <summary>
/// Trains the three networks from fixed seeds and hashes every parameter, loss and gradient they produce. The hashes
/// must be the same on every CPU and runtime (<see cref="DeterminismExpected"/>): tests/Determinism/README.md.
/// </summary>
public static class DeterminismRun
{
    /// <summary>Runs all three and returns (name, hash in hex) for each, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, string Hash)> Run()
    {
        (float[,] x, int[] labels) = Digits();
        return new[]
        {
            ("digits 64-32-10 float: InitializeParameters, Trainer.Fit with Adam, cosine schedule", DigitsAdam(x, labels)),
            ("64-24-16-10 double GELU/SiLU/softmax: Trainer.Fit with Nesterov momentum", GeluSiluMomentum(x, labels)),
            ("4-6-5-3 float tanh/softplus/Huber: Backward with input gradients, ApplyGradients", HuberSteps()),
        };
    }

    /// <summary>Whether every hash equals the expected one, with one line per network saying which.</summary>
    public static bool Check(out string report)
    {
        IReadOnlyList<(string Name, string Hash)> results = Run();
        var lines = new System.Text.StringBuilder();
        bool all = true;
        for (int i = 0; i < results.Count; i++)
        {
            bool same = results[i].Hash == DeterminismExpected.Hashes[i];
            all &= same;
            lines.Append(same ? "same     " : "DIFFERENT ").Append(results[i].Hash).Append(" (expected ").Append(DeterminismExpected.Hashes[i]).Append(") ").Append(results[i].Name).Append('\n');
        }

        report = lines.ToString();
        return all;
    }

    private static string DigitsAdam(float[,] x, int[] labels)
    {
        var hash = new Fnv();
        var net = new DeterministicDigits();
        net.InitializeParameters(7);
        hash.Add(net.Parameters);
        var adam = new Adam<float>(net, learningRate: 0.01, l2: 1e-4);
        var options = new TrainingOptions { Epochs = 4, BatchSize = 32, Seed = 11, ValidationFraction = 0.2, Schedule = LearningRateSchedule.Cosine(4) };
        TrainingResult result = Trainer.Fit(adam, x, labels, options);
        hash.Add(net.Parameters);
        foreach (EpochReport epoch in result.Epochs)
        {
            hash.Add(epoch.TrainingLoss);
            hash.Add(epoch.ValidationLoss ?? double.NaN);
            hash.Add(epoch.LearningRate);
        }

        return hash.Hex;
    }

    private static string GeluSiluMomentum(float[,] x, int[] labels)
    {
        var hash = new Fnv();
        var net = new DeterministicGeluSilu();
        net.InitializeParameters(3);
        var inputs = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                inputs[i, j] = x[i, j];
            }
        }

        var sgd = new SgdMomentum<double>(net, learningRate: 0.05, momentum: 0.9, nesterov: true);
        TrainingResult result = Trainer.Fit(sgd, inputs, labels, new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 5 });
        hash.Add(net.Parameters);
        foreach (EpochReport epoch in result.Epochs)
        {
            hash.Add(epoch.TrainingLoss);
        }

        return hash.Hex;
    }

    private static string HuberSteps()
    {
        var hash = new Fnv();
        var net = new DeterministicHuber();
        net.InitializeParameters(1);
        ulong state = 99;
        Span<float> input = stackalloc float[4];
        Span<float> target = stackalloc float[3];
        Span<float> inputGradient = stackalloc float[4];
        for (int step = 0; step < 300; step++)
        {
            for (int k = 0; k < 4; k++)
            {
                input[k] = (float)((ParameterInitializer.NextDouble(ref state) * 4) - 2);
            }

            // A smooth target the network can learn: products and sums of the inputs.
            target[0] = (input[0] * input[1]) - input[2];
            target[1] = (0.5f * input[3]) + (input[0] * input[0]) - 1f;
            target[2] = input[1] - (input[2] * input[3]);
            float loss = net.Backward(input, target, inputGradient);
            hash.Add(loss);
            hash.Add(inputGradient);
            if (step % 4 == 3)
            {
                net.ApplyGradients(0.05f, 4, 1e-3f);
            }
        }

        hash.Add(net.Parameters);
        return hash.Hex;
    }

    /// <summary>The digits set (1,797 rows), pixels scaled to [0, 1].</summary>
    private static (float[,] X, int[] Labels) Digits()
    {
        using Stream stream = typeof(DeterminismRun).Assembly.GetManifestResourceStream("NetGen.Determinism.digits.csv.gz")
            ?? throw new InvalidOperationException("The embedded resource NetGen.Determinism.digits.csv.gz is missing.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var rows = new List<string[]>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(','));
            }
        }

        var x = new float[rows.Count, 64];
        var labels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < 64; j++)
            {
                x[i, j] = int.Parse(rows[i][j], CultureInfo.InvariantCulture) / 16f;
            }

            labels[i] = int.Parse(rows[i][64], CultureInfo.InvariantCulture);
        }

        return (x, labels);
    }

    /// <summary>FNV-1a over the little-endian bits of every value added.</summary>
    private sealed class Fnv
    {
        private ulong _hash = 14695981039346656037UL;

        public string Hex => _hash.ToString("x16", CultureInfo.InvariantCulture);

        public void Add(ReadOnlySpan<float> values)
        {
            foreach (float v in values)
            {
                Add(BitConverter.SingleToInt32Bits(v), 4);
            }
        }

        public void Add(ReadOnlySpan<double> values)
        {
            foreach (double v in values)
            {
                Add(BitConverter.DoubleToInt64Bits(v), 8);
            }
        }

        public void Add(float value) => Add(BitConverter.SingleToInt32Bits(value), 4);

        public void Add(double value) => Add(BitConverter.DoubleToInt64Bits(value), 8);

        private void Add(long bits, int bytes)
        {
            unchecked
            {
                for (int i = 0; i < bytes; i++)
                {
                    _hash = (_hash ^ (byte)(bits >> (8 * i))) * 1099511628211UL;
                }
            }
        }
    }
}
