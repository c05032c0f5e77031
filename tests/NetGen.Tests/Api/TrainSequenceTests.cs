using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// IOnlineNetwork.TrainSequence: one step per example with TrainStep's results bit for bit, in every code shape
/// (the catalog), including the kernel shape's fused first-layer step; its argument checks; an overflow part-way.
/// </summary>
public sealed class TrainSequenceTests
{
    private const int Examples = 7;

    private static (T[] Inputs, T[] Targets) Data<T>(INetwork<T> net, int seed, Func<double, T> of)
        where T : unmanaged
    {
        var r = new Random(seed);
        var x = new T[Examples * net.InputCount];
        var y = new T[Examples * net.OutputCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = of((r.NextDouble() * 2) - 1);
        }

        for (int e = 0; e < Examples; e++)
        {
            // One-hot targets suit every loss (a softmax's cross-entropy needs a distribution).
            y[(e * net.OutputCount) + r.Next(net.OutputCount)] = of(1);
        }

        return (x, y);
    }

    private static void AssertSameAsTrainStep<T>(NetworkCase<T> c, Func<double, T> of, Func<T, T, T> add, T eta)
        where T : unmanaged
    {
        INetwork<T> stepped = c.Create(), sequenced = c.Create();
        stepped.InitializeParameters(11);
        sequenced.InitializeParameters(11);
        (T[] x, T[] y) = Data(stepped, 5, of);
        T expected = default;
        for (int e = 0; e < Examples; e++)
        {
            expected = add(expected, stepped.TrainStep(x.AsSpan(e * stepped.InputCount, stepped.InputCount), y.AsSpan(e * stepped.OutputCount, stepped.OutputCount), eta));
        }

        T total = ((IOnlineNetwork<T>)sequenced).TrainSequence(x, y, eta);
        Assert.Equal(expected, total);
        Assert.True(stepped.Parameters.SequenceEqual(sequenced.Parameters), c.Name + ": the parameters differ from TrainStep's");
        Assert.True(sequenced.Gradients.ToArray().All(g => g.Equals(default(T))), c.Name + ": TrainSequence touched the gradients");
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Single_TrainSequence_gives_TrainSteps_parameters_bit_for_bit(string name) =>
        AssertSameAsTrainStep(NetworkCatalog.Single(name), v => (float)v, (a, b) => a + b, 0.05f);

    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Double_TrainSequence_gives_TrainSteps_parameters_bit_for_bit(string name) =>
        AssertSameAsTrainStep(NetworkCatalog.Double(name), v => v, (a, b) => a + b, 0.05);

    [Fact]
    public void Bad_arguments_are_refused_before_any_step()
    {
        var net = new F_Seq_GELU_24_12_3();
        (float[] x, float[] y) = Data<float>(net, 1, v => (float)v);
        float[] before = net.Parameters.ToArray();

        ArgumentException rows = Assert.Throws<ArgumentException>(() => net.TrainSequence(x.AsSpan(1), y, 0.1f));
        Assert.Equal("inputs", rows.ParamName);
        Assert.Throws<ArgumentException>(() => net.TrainSequence(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 0.1f));
        ArgumentException targets = Assert.Throws<ArgumentException>(() => net.TrainSequence(x, y.AsSpan(3), 0.1f));
        Assert.Equal("targets", targets.ParamName);
        Assert.Contains("7 rows of 3 values", targets.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainSequence(x, y, -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainSequence(x, y, float.NaN));

        x[(4 * 24) + 5] = float.NaN;
        ArgumentException nan = Assert.Throws<ArgumentException>(() => net.TrainSequence(x, y, 0.1f));
        Assert.Equal("inputs", nan.ParamName);
        Assert.Contains("row 4, column 5", nan.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void An_overflow_part_way_keeps_the_steps_before_it_and_names_the_example()
    {
        // Fused (kernel shape) and unfused (unrolled, double) networks, with unbounded activations: example 3's input is
        // finite but so large that its squared error overflows.
        AssertOverflowAt(new F_Seq_GELU_24_12_3(), new F_Seq_GELU_24_12_3(), v => (float)v, 1e25);
        AssertOverflowAt(new SE_Identity_Identity(), new SE_Identity_Identity(), v => v, 1e160);
    }

    private static void AssertOverflowAt<T>(INetwork<T> net, INetwork<T> twin, Func<double, T> of, double huge)
        where T : unmanaged
    {
        const int bad = 3;
        (T[] x, T[] y) = Data(net, 2, of);
        for (int k = 0; k < net.InputCount; k++)
        {
            x[(bad * net.InputCount) + k] = of(huge);
        }

        net.InitializeParameters(3);
        twin.InitializeParameters(3);
        for (int e = 0; e < bad; e++)
        {
            twin.TrainStep(x.AsSpan(e * net.InputCount, net.InputCount), y.AsSpan(e * net.OutputCount, net.OutputCount), of(0.05));
        }

        ArithmeticException error = Assert.ThrowsAny<ArithmeticException>(() => ((IOnlineNetwork<T>)net).TrainSequence(x, y, of(0.05)));
        Assert.Contains("example 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("examples 0 to 2 were taken", error.Message, StringComparison.Ordinal);
        Assert.True(twin.Parameters.SequenceEqual(net.Parameters), "the steps before the overflow are kept, the overflowing one changes nothing");
    }
}
