// Reads Fixtures/autograd_crosscheck.json (written by pytorch/autograd.py; the layout is in its docstring) and
// compares NetGen's numbers with it. Regenerate the fixture with
//   /usr/bin/python3 tests/NetGen.Training.Tests/pytorch/autograd.py tests/NetGen.Training.Tests/Fixtures/autograd_crosscheck.json
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using Xunit.Sdk;

namespace NetGen.Training.Tests;

/// <summary>One network of the fixture: its PyTorch twin's parameters, data and autograd results (all double).</summary>
internal sealed class AutogradCase
{
    public required string Name { get; init; }

    public required string Network { get; init; }

    public required int[] Sizes { get; init; }

    public required string[] Activations { get; init; }

    public required string Loss { get; init; }

    public required bool IsFloat { get; init; }

    public required string Shape { get; init; }

    public required double[] Parameters { get; init; }

    public required double[][] Inputs { get; init; }

    public required double[][] Targets { get; init; }

    public required double[][] Outputs { get; init; }

    public required double[] Losses { get; init; }

    public required double[] Gradients { get; init; }

    public required double[][] InputGradients { get; init; }

    public required double[][] OutputGradients { get; init; }

    public required double[] OgGradients { get; init; }

    public required double[][] OgInputGradients { get; init; }

    public double[][]? Logits { get; init; }

    /// <summary>
    /// The tolerance of every comparison, relative-or-absolute: |NetGen − PyTorch| ≤ tol · max(1, |PyTorch|).
    /// Double: 1e-10 (both sides compute in double; the differences measured are at most 6e-15: summation order
    /// and libm). Float: 1e-4 (NetGen computes in float from float-exact values, PyTorch in double; float rounding
    /// through three layers and sums of 16 terms measured at most 3e-6). Replacing the tanh-form GELU by the erf form
    /// in the reference fails both (by 1e-4 to 6e-4).
    /// </summary>
    public double Tolerance => IsFloat ? 1e-4 : 1e-10;

    public override string ToString() => Name;
}

/// <summary>The encoder-decoder of the fixture ("composed"): autograd through nn.Sequential(encoder, decoder).</summary>
internal sealed class AutogradComposed
{
    public required double[] EncoderParameters { get; init; }

    public required double[] DecoderParameters { get; init; }

    public required double[][] Inputs { get; init; }

    public required double[][] Targets { get; init; }

    public required double[][] Hidden { get; init; }

    public required double[][] Outputs { get; init; }

    public required double[] Losses { get; init; }

    public required double[] EncoderGradients { get; init; }

    public required double[] DecoderGradients { get; init; }

    public required double[][] InputGradients { get; init; }

    public required double[][] OutputGradients { get; init; }

    public required double[] OgEncoderGradients { get; init; }

    public required double[] OgDecoderGradients { get; init; }

    public required double[][] OgInputGradients { get; init; }
}

internal static class AutogradFixture
{
    private static readonly Lazy<(AutogradCase[] Cases, AutogradComposed Composed)> Fixture = new(Read);

    public static IReadOnlyList<AutogradCase> Cases => Fixture.Value.Cases;

    public static AutogradComposed Composed => Fixture.Value.Composed;

    public static AutogradCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>A new instance of the case's twin (AutogradNetworks.cs), by its class name.</summary>
    public static object Create(string network) => network switch
    {
        nameof(AgLeakyEluSoftplusHuber) => new AgLeakyEluSoftplusHuber(),
        nameof(AgGeluSiluEluL1) => new AgGeluSiluEluL1(),
        nameof(AgSoftplusTanhLeakySquared) => new AgSoftplusTanhLeakySquared(),
        nameof(AgReluGeluHuber) => new AgReluGeluHuber(),
        nameof(AgSigmoidSiluL1) => new AgSigmoidSiluL1(),
        nameof(AgEluReluHuber) => new AgEluReluHuber(),
        nameof(AgLeakyTanhL1) => new AgLeakyTanhL1(),
        nameof(AgBceLogits) => new AgBceLogits(),
        nameof(AgEluSoftmaxCe) => new AgEluSoftmaxCe(),
        nameof(AgSiluSoftmaxSquared) => new AgSiluSoftmaxSquared(),
        nameof(AgKernelsHuber) => new AgKernelsHuber(),
        nameof(AgKernelsSoftmaxCe) => new AgKernelsSoftmaxCe(),
        nameof(AgVectorBce) => new AgVectorBce(),
        nameof(AgVectorHuber) => new AgVectorHuber(),
        nameof(AgVectorSoftmaxCe) => new AgVectorSoftmaxCe(),
        nameof(AgFloatGeluEluL1) => new AgFloatGeluEluL1(),
        nameof(AgFloatKernelsHuber) => new AgFloatKernelsHuber(),
        _ => throw new ArgumentException("no twin declared for " + network, nameof(network)),
    };

    /// <summary>Copies <paramref name="values"/> into the network's Parameters and zeroes its Gradients.</summary>
    public static void Load<T>(INetwork<T> net, double[] values)
        where T : unmanaged, INumberBase<T>
    {
        if (values.Length != net.ParameterCount)
        {
            throw new XunitException($"fixture has {values.Length} parameters, the network {net.ParameterCount}");
        }

        for (int i = 0; i < values.Length; i++)
        {
            net.Parameters[i] = T.CreateChecked(values[i]);
        }

        net.ZeroGradients();
    }

    /// <summary>Rows as one row-major array of T (the float cases' values are float-exact).</summary>
    public static T[] Flat<T>(double[][] rows)
        where T : unmanaged, INumberBase<T> => rows.SelectMany(r => r).Select(T.CreateChecked).ToArray();

    /// <summary>
    /// Asserts |actual_i − expected_i| ≤ tolerance · max(1, |expected_i|) for every i, naming the case, the quantity
    /// and the index on failure; returns the largest |actual − expected| / max(1, |expected|).
    /// </summary>
    public static double Compare<T>(string name, string quantity, ReadOnlySpan<double> expected, ReadOnlySpan<T> actual, double tolerance)
        where T : unmanaged, INumberBase<T>
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{name}: {quantity}: PyTorch has {expected.Length} values, NetGen {actual.Length}");
        }

        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            double scaled = Math.Abs(a - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            if (!(scaled <= tolerance))
            {
                throw new XunitException(
                    $"{name}: {quantity}[{i}]: NetGen {a:R}, PyTorch autograd {expected[i]:R} " +
                    $"(|diff| / max(1, |PyTorch|) = {scaled:E3} > {tolerance:E0})");
            }

            worst = Math.Max(worst, scaled);
        }

        return worst;
    }

    /// <summary><see cref="Compare{T}"/> over rows, flattened row-major (the index is row * width + column).</summary>
    public static double Compare<T>(string name, string quantity, double[][] expected, ReadOnlySpan<T> actual, double tolerance)
        where T : unmanaged, INumberBase<T> => Compare(name, quantity, expected.SelectMany(r => r).ToArray(), actual, tolerance);

    private static (AutogradCase[] Cases, AutogradComposed Composed) Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "autograd_crosscheck.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        AutogradCase[] cases = root.GetProperty("cases").EnumerateArray().Select(c => new AutogradCase
        {
            Name = c.GetProperty("name").GetString()!,
            Network = c.GetProperty("network").GetString()!,
            Sizes = c.GetProperty("sizes").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            Activations = c.GetProperty("activations").EnumerateArray().Select(v => v.GetString()!).ToArray(),
            Loss = c.GetProperty("loss").GetString()!,
            IsFloat = c.GetProperty("dtype").GetString() == "float32",
            Shape = c.GetProperty("shape").GetString()!,
            Parameters = Vector(c, "parameters"),
            Inputs = Matrix(c, "inputs"),
            Targets = Matrix(c, "targets"),
            Outputs = Matrix(c, "outputs"),
            Losses = Vector(c, "losses"),
            Gradients = Vector(c, "gradients"),
            InputGradients = Matrix(c, "input_gradients"),
            OutputGradients = Matrix(c, "output_gradients"),
            OgGradients = Vector(c, "og_gradients"),
            OgInputGradients = Matrix(c, "og_input_gradients"),
            Logits = c.TryGetProperty("logits", out _) ? Matrix(c, "logits") : null,
        }).ToArray();
        JsonElement d = root.GetProperty("composed");
        var composed = new AutogradComposed
        {
            EncoderParameters = Vector(d, "encoder_parameters"),
            DecoderParameters = Vector(d, "decoder_parameters"),
            Inputs = Matrix(d, "inputs"),
            Targets = Matrix(d, "targets"),
            Hidden = Matrix(d, "hidden"),
            Outputs = Matrix(d, "outputs"),
            Losses = Vector(d, "losses"),
            EncoderGradients = Vector(d, "encoder_gradients"),
            DecoderGradients = Vector(d, "decoder_gradients"),
            InputGradients = Matrix(d, "input_gradients"),
            OutputGradients = Matrix(d, "output_gradients"),
            OgEncoderGradients = Vector(d, "og_encoder_gradients"),
            OgDecoderGradients = Vector(d, "og_decoder_gradients"),
            OgInputGradients = Matrix(d, "og_input_gradients"),
        };
        return (cases, composed);
    }

    private static double[] Vector(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[][] Matrix(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}
