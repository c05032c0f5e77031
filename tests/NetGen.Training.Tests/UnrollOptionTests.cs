using System;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>The encoder forced onto the SIMD kernels.</summary>
[Network(3, 4, 3, Precision = Precision.Double, Unroll = Unroll.Never)]
public partial class KernelEncoder
{
}

/// <summary>The same encoder in its default (unrolled) shape.</summary>
[Network(3, 4, 3, Precision = Precision.Double)]
public partial class UnrolledEncoder
{
}

/// <summary>A 649-parameter network forced to unroll (by default it would use the kernels).</summary>
[Network(40, 14, 5, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double, Unroll = Unroll.Always)]
public partial class UnrolledWide
{
}

/// <summary>The same network in its default (kernel) shape.</summary>
[Network(40, 14, 5, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
public partial class KernelWide
{
}

/// <summary>Both code shapes compute the same network: a forced shape changes speed, never results beyond rounding.</summary>
public class UnrollOptionTests
{
    public static TheoryData<string> Pairs => new() { "encoder", "wide" };

    private static (IBatchNetwork<double> Forced, IBatchNetwork<double> Default) Create(string pair) => pair == "encoder"
        ? (new KernelEncoder(), new UnrolledEncoder())
        : (new UnrolledWide(), new KernelWide());

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Forced_shape_matches_the_default_shape_and_passes_the_gradient_check(string pair)
    {
        (IBatchNetwork<double> forced, IBatchNetwork<double> standard) = Create(pair);
        var r = new Random(5);
        int m = 4;
        var x = new double[m * forced.InputCount];
        var y = new double[m * forced.OutputCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (r.NextDouble() * 2) - 1;
        }

        for (int i = 0; i < m; i++)
        {
            y[(i * forced.OutputCount) + r.Next(forced.OutputCount)] = 1;
        }

        Assert.True(forced.Parameters.SequenceEqual(standard.Parameters), "both shapes start from InitializeParameters(0)");
        GradientCheckResult check = GradientCheck.Run(forced, x, y, l2: 0.1);
        Assert.True(check.RelativeError <= 1e-6, check.ToString());

        for (int i = 0; i < m; i++)
        {
            var xi = new ReadOnlySpan<double>(x, i * forced.InputCount, forced.InputCount);
            var yi = new ReadOnlySpan<double>(y, i * forced.OutputCount, forced.OutputCount);
            Assert.Equal(standard.Loss(xi, yi), forced.Loss(xi, yi), 12);
            forced.Backward(xi, yi);
            standard.Backward(xi, yi);
        }

        for (int p = 0; p < forced.ParameterCount; p++)
        {
            Assert.Equal(standard.Gradients[p], forced.Gradients[p], 12);
        }
    }
}
