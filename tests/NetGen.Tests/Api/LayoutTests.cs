using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>The dimensions and the parameter layout of the contract.</summary>
public sealed class LayoutTests
{
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Dimensions_match_the_declaration_double(string name) => AssertDimensions(NetworkCatalog.Double(name));

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Dimensions_match_the_declaration_single(string name) => AssertDimensions(NetworkCatalog.Single(name));

    [Fact]
    public void Dimensions_are_compile_time_constants()
    {
        // Used in constant expressions, so a non-const member would not compile.
        const int inputs = Shallow_SE_Identity_3_2.InputCount;
        const int outputs = Shallow_SE_Identity_3_2.OutputCount;
        const int parameters = Shallow_SE_Identity_3_2.ParameterCount;
        const int digits = Digits.ParameterCount;

        Assert.Equal(3, inputs);
        Assert.Equal(2, outputs);
        Assert.Equal((3 * 2) + 2, parameters);
        Assert.Equal((64 * 32) + 32 + (32 * 10) + 10, digits);
    }

    /// <summary>
    /// The contract, probed directly on a linear layer (no hidden layer, identity output, g = W x + b): with
    /// θ = (W[0,0], W[0,1], W[0,2], W[1,0], W[1,1], W[1,2], b[0], b[1]), the input e_k yields column k of W plus b.
    /// </summary>
    [Fact]
    public void Parameters_are_W_as_out_by_in_row_major_then_b()
    {
        var net = new Shallow_SE_Identity_3_2();
        double[] theta = { 1, 2, 3, 4, 5, 6, 0.5, 0.25 };
        theta.CopyTo(net.Parameters);
        Span<double> g = stackalloc double[2];

        net.Forward(new double[] { 1, 0, 0 }, g);
        Assert.Equal(new[] { 1 + 0.5, 4 + 0.25 }, g.ToArray());
        net.Forward(new double[] { 0, 1, 0 }, g);
        Assert.Equal(new[] { 2 + 0.5, 5 + 0.25 }, g.ToArray());
        net.Forward(new double[] { 0, 0, 1 }, g);
        Assert.Equal(new[] { 3 + 0.5, 6 + 0.25 }, g.ToArray());
        net.Forward(new double[] { 0, 0, 0 }, g);
        Assert.Equal(new[] { 0.5, 0.25 }, g.ToArray());
    }

    /// <summary>The same probe through the gradient: for E = ½ Σ (g - y)², ∂E/∂W[j,k] = (g_j - y_j) x_k, ∂E/∂b_j = g_j - y_j.</summary>
    [Fact]
    public void Gradients_use_the_same_layout()
    {
        var net = new Shallow_SE_Identity_3_2();
        net.Parameters.Clear();
        double[] x = { 1, 2, 3 };
        double[] y = { -1, 10 };
        net.Backward(x, y);

        // g = 0, so g - y = (1, -10).
        Assert.Equal(new double[] { 1, 2, 3, -10, -20, -30, 1, -10 }, net.Gradients.ToArray());
    }

    [Fact]
    public void Parameters_and_Gradients_are_the_live_storage()
    {
        INetwork<double> net = new XorDouble();
        Assert.True(net.Parameters.Overlaps(net.Parameters));
        Assert.Equal(net.ParameterCount, net.Parameters.Length);
        Assert.Equal(net.ParameterCount, net.Gradients.Length);
        Assert.False(net.Parameters.Overlaps(net.Gradients));

        Span<double> before = stackalloc double[1];
        net.Forward(new double[] { 1, 0 }, before);
        net.Parameters[^1] += 10; // the output bias
        Span<double> after = stackalloc double[1];
        net.Forward(new double[] { 1, 0 }, after);
        Assert.True(after[0] > before[0]);
    }

    private static void AssertDimensions<T>(NetworkCase<T> c)
        where T : unmanaged
    {
        INetwork<T> net = c.Create();
        ReferenceNetwork reference = c.Reference;
        Assert.Equal(c.Spec.Sizes, net.LayerSizes.ToArray());
        Assert.Equal(reference.InputCount, net.InputCount);
        Assert.Equal(reference.OutputCount, net.OutputCount);
        Assert.Equal(reference.ParameterCount, net.ParameterCount);
        Assert.Equal(c.Spec.Bias, net.HasBias);
        Assert.Equal(net.ParameterCount, net.Parameters.Length);
        Assert.Equal(net.ParameterCount, net.Gradients.Length);

        // The runtime's NetworkLayout (used by GradientCheck's L2 mask) agrees with the reference's layout.
        LayerParameters[] layers = NetworkLayout.Layers(net);
        Assert.Equal(reference.L, layers.Length);
        for (int l = 1; l <= reference.L; l++)
        {
            LayerParameters layer = layers[l - 1];
            Assert.Equal(l, layer.Layer);
            Assert.Equal(reference.Sizes[l - 1], layer.Inputs);
            Assert.Equal(reference.Sizes[l], layer.Outputs);
            Assert.Equal(reference.WeightOffset(l), layer.WeightOffset);
            Assert.Equal(reference.BiasOffset(l), layer.BiasOffset);
        }

        Assert.Equal(reference.WeightMask(), NetworkLayout.WeightMask(net));
        Assert.Equal(reference.ParameterCount, layers.Sum(l => l.WeightCount + (l.HasBias ? l.Outputs : 0)));
    }
}
