using System;
using NetGen.Tests.Networks;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>INetworkInfo (activations, loss, code shape) and the model summary built from it.</summary>
public class SummaryTests
{
    [Fact]
    public void Every_shape_reports_its_activations_loss_and_the_code_shape_that_runs_here()
    {
        INetworkInfo digits = new F_Loop_Digits();
        Assert.Equal(new[] { Activation.Tanh, Activation.Softmax }, digits.Activations.ToArray());
        Assert.Equal(LossFunction.CrossEntropy, digits.Loss);
        Assert.Equal(Simd256.IsSupported ? "Vector256 code" : Simd128.IsSupported ? "Vector128 code" : "kernels", digits.CodeShape);
        INetworkInfo small = new F_Vec_SE_24_8_2();
        Assert.Equal(Simd256.IsSupported ? "Vector256 code" : Simd128.IsSupported ? "Vector128 code" : "kernels", small.CodeShape);

        INetworkInfo encoder = new Encoder();
        Assert.Equal(new[] { Activation.Sigmoid, Activation.Sigmoid }, encoder.Activations.ToArray());
        Assert.Equal(LossFunction.SquaredError, encoder.Loss);
        Assert.Equal("unrolled", encoder.CodeShape);

        Assert.Equal("kernels", ((INetworkInfo)new Digits()).CodeShape);
    }

    [Fact]
    public void Summary_lists_the_sizes_parameters_loss_shape_and_one_line_per_layer()
    {
        string summary = new Digits().Summary();
        string[] lines = summary.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Digits (double): 64-32-10, 2,410 parameters, loss CrossEntropy, code shape: kernels", lines[0]);
        Assert.Equal("layer  units  activation  weights  biases  parameters", lines[1]);
        Assert.Equal("    0     64  (input)", lines[2]);
        Assert.Equal("    1     32  Tanh          2,048      32       2,080", lines[3]);
        Assert.Equal("    2     10  Softmax         320      10         330", lines[4]);
        Assert.Equal(5, lines.Length);
    }
}
