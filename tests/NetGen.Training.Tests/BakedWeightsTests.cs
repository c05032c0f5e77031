using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.IO;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>PyTorch's weights compiled into the type: no file is opened at run time (see the csproj's AdditionalFiles).</summary>
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Weights = "pytorch_4_5_3.safetensors")]
public partial class BakedTorch32
{
}

/// <summary>The float64 PyTorch file baked into a double network.</summary>
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Precision = Precision.Double, Weights = "pytorch_4_5_3_f64.safetensors")]
public partial class BakedTorch64
{
}

public class BakedWeightsTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (double[][] Inputs, double[][] Outputs) Cases(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Fixture(name)));
        double[][] Read(string property) => doc.RootElement.GetProperty(property).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (Read("inputs"), Read("outputs"));
    }

    [Fact]
    public void A_new_instance_starts_with_the_baked_float32_weights_and_reproduces_PyTorch()
    {
        var baked = new BakedTorch32();
        var loaded = new Torch32();
        SafeTensors.Load(loaded, Fixture("pytorch_4_5_3.safetensors"));
        Assert.True(loaded.Parameters.SequenceEqual(baked.Parameters), "baked parameters differ from the file's");
        Assert.All(baked.Gradients.ToArray(), g => Assert.Equal(0f, g));

        (double[][] inputs, double[][] expected) = Cases("pytorch_4_5_3.json");
        var g = new float[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            baked.Forward(inputs[i].Select(v => (float)v).ToArray(), g);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i][j], g[j], 1e-6);
            }
        }

        // InitializeParameters still re-initialises; a new instance has the baked values again.
        baked.InitializeParameters(1);
        Assert.False(loaded.Parameters.SequenceEqual(baked.Parameters));
        Assert.True(loaded.Parameters.SequenceEqual(new BakedTorch32().Parameters));
    }

    [Fact]
    public void A_double_network_bakes_the_float64_file_bit_for_bit()
    {
        var baked = new BakedTorch64();
        var loaded = new Torch64();
        SafeTensors.Load(loaded, Fixture("pytorch_4_5_3_f64.safetensors"));
        Assert.True(loaded.Parameters.SequenceEqual(baked.Parameters), "baked parameters differ from the file's");

        (double[][] inputs, double[][] expected) = Cases("pytorch_4_5_3_f64.json");
        var g = new double[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            baked.Forward(inputs[i], g);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i][j], g[j], 1e-12);
            }
        }
    }

    [Fact]
    public void Construction_allocates_no_more_than_an_ordinary_network()
    {
        _ = new BakedTorch32();
        _ = new Torch32();
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = new BakedTorch32();
        long baked = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        _ = new Torch32();
        long plain = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(plain, baked);
    }
}
