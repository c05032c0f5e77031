using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NetGen;
using NetGen.IO;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Training.Tests;

/// <summary>
/// Interoperability with PyTorch, through the fixtures in Fixtures/ (see pytorch/crosscheck.py):
/// pytorch_4_5_3*.safetensors were written by PyTorch from nn.Sequential(Linear(4, 5), Tanh(), Linear(5, 3), Sigmoid())
/// with the outputs PyTorch computed in the matching .json; netgen_4_5_3.safetensors was written by NetGen and checked
/// in PyTorch with <c>crosscheck.py read Fixtures/netgen_4_5_3.safetensors Fixtures/netgen_4_5_3.json</c>.
/// </summary>
public class PyTorchFixtureTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void PyTorch_float32_file_reproduces_PyTorch_outputs()
    {
        (double[][] inputs, double[][] expected) = Cases("pytorch_4_5_3.json");
        var net = new Torch32();
        IReadOnlyDictionary<string, string> metadata = SafeTensors.Load(net, Fixture("pytorch_4_5_3.safetensors"));
        Assert.Equal("pt", metadata["format"]);
        double max = 0;
        var g = new float[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            net.Forward(inputs[i].Select(v => (float)v).ToArray(), g);
            for (int j = 0; j < 3; j++)
            {
                max = Math.Max(max, Math.Abs(g[j] - expected[i][j]));
            }
        }

        output.WriteLine($"float: max |NetGen - PyTorch| = {max:E3}");
        Assert.True(max <= 1e-6, $"max |NetGen - PyTorch| = {max:E3}");

        // The same F32 file widened into the double network.
        var wide = new Torch64();
        SafeTensors.Load(wide, Fixture("pytorch_4_5_3.safetensors"));
        var g64 = new double[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            wide.Forward(inputs[i], g64);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i][j], g64[j], 1e-6);
            }
        }
    }

    [Fact]
    public void PyTorch_float64_file_reproduces_PyTorch_outputs()
    {
        (double[][] inputs, double[][] expected) = Cases("pytorch_4_5_3_f64.json");
        var net = new Torch64();
        SafeTensors.Load(net, Fixture("pytorch_4_5_3_f64.safetensors"));
        double max = 0;
        var g = new double[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            net.Forward(inputs[i], g);
            for (int j = 0; j < 3; j++)
            {
                max = Math.Max(max, Math.Abs(g[j] - expected[i][j]));
            }
        }

        output.WriteLine($"double: max |NetGen - PyTorch| = {max:E3}");
        Assert.True(max <= 1e-12, $"max |NetGen - PyTorch| = {max:E3}");
    }

    /// <summary>
    /// NetGen still writes, byte for byte, the file PyTorch was checked against. Set NETGEN_ACCEPT_FIXTURES=1 to rewrite
    /// netgen_4_5_3.safetensors and netgen_4_5_3.json (inputs of pytorch_4_5_3.json, NetGen's outputs) in the source tree.
    /// </summary>
    [Fact]
    public void NetGen_writes_the_file_PyTorch_was_checked_against()
    {
        var net = new Torch32();
        net.InitializeParameters(2024);
        for (int j = 0; j < 5; j++)
        {
            net.Parameters[20 + j] = 0.25f * (j - 2); // b1: nonzero biases, so their order matters
        }

        for (int j = 0; j < 3; j++)
        {
            net.Parameters[40 + j] = 0.5f - (0.375f * j); // b2
        }

        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["source"] = "NetGen PyTorchFixtureTests" };
        using var stream = new MemoryStream();
        SafeTensors.Save(net, stream, metadata);
        byte[] written = stream.ToArray();

        if (Environment.GetEnvironmentVariable("NETGEN_ACCEPT_FIXTURES") == "1")
        {
            string dir = Path.Combine(SourceDirectory(), "Fixtures");
            File.WriteAllBytes(Path.Combine(dir, "netgen_4_5_3.safetensors"), written);
            (double[][] inputs, _) = Cases("pytorch_4_5_3.json");
            var outputs = inputs.Select(x =>
            {
                var g = new float[3];
                net.Forward(x.Select(v => (float)v).ToArray(), g);
                return g.Select(v => (double)v).ToArray();
            }).ToArray();
            static string Rows(double[][] rows) => string.Join(",\n", rows.Select(r => "  " + JsonSerializer.Serialize(r)));
            File.WriteAllText(
                Path.Combine(dir, "netgen_4_5_3.json"),
                "{\n \"model\": \"NetGen [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid)], float\",\n" +
                " \"inputs\": [\n" + Rows(inputs) + "\n ],\n \"outputs\": [\n" + Rows(outputs) + "\n ]\n}\n");
        }

        Assert.Equal(File.ReadAllBytes(Fixture("netgen_4_5_3.safetensors")), written);

        // And its outputs are the ones recorded next to it (which PyTorch reproduced to 6e-8), to float rounding:
        // the file's bytes above are exact, the outputs depend on the float tanh/exp implementation by an ulp or two.
        (double[][] xs, double[][] ys) = Cases("netgen_4_5_3.json");
        var output = new float[3];
        for (int i = 0; i < xs.Length; i++)
        {
            net.Forward(xs[i].Select(v => (float)v).ToArray(), output);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(ys[i][j], output[j], 1e-6);
            }
        }
    }

    private static (double[][] Inputs, double[][] Outputs) Cases(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Fixture(name)));
        double[][] Read(string property) => doc.RootElement.GetProperty(property).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (Read("inputs"), Read("outputs"));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
