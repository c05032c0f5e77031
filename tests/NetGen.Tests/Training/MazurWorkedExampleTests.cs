using System;
using NetGen;
using Xunit;

namespace NetGen.Tests;

/// <summary>The 2-2-2 sigmoid network of Matt Mazur's "A Step by Step Backpropagation Example" (2015).</summary>
[Network(2, 2, 2, Precision = Precision.Double)]
public partial class MazurNetwork
{
}

/// <summary>
/// Checks one forward pass and one gradient-descent step against the published numbers of Mazur's worked example:
/// inputs (0.05, 0.10), targets (0.01, 0.99), w1..w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55,
/// biases 0.35 (hidden) and 0.60 (output), squared error E = 1/2 sum (g - y)^2, learning rate 0.5.
/// The article updates only the weights (its biases stay fixed), so only weights are compared after the step.
/// </summary>
public class MazurWorkedExampleTests
{
    private static readonly double[] Input = { 0.05, 0.10 };
    private static readonly double[] Target = { 0.01, 0.99 };

    private static MazurNetwork Create()
    {
        var net = new MazurNetwork();

        // Layout: W1 [2 x 2] row-major (row j = hidden unit j), b1 [2], W2 [2 x 2], b2 [2].
        double[] parameters = { 0.15, 0.20, 0.25, 0.30, 0.35, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.60 };
        parameters.AsSpan().CopyTo(net.Parameters);
        return net;
    }

    [Fact]
    public void Forward_and_loss_match_the_published_values()
    {
        var net = Create();
        var output = new double[2];
        net.Forward(Input, output);

        Assert.Equal(0.75136507, output[0], 8);
        Assert.Equal(0.772928465, output[1], 9);
        Assert.Equal(0.298371109, net.Loss(Input, Target), 9);
    }

    [Fact]
    public void One_step_matches_the_published_weights()
    {
        var net = Create();
        double loss = net.Backward(Input, Target);
        net.ApplyGradients(0.5);
        double[] p = net.Parameters.ToArray();

        Assert.Equal(0.298371109, loss, 9);

        // Output layer: w5..w8.
        Assert.Equal(0.35891648, p[6], 8);
        Assert.Equal(0.408666186, p[7], 9);
        Assert.Equal(0.511301270, p[8], 9);
        Assert.Equal(0.561370121, p[9], 9);

        // Hidden layer: w1..w4 (computed with the original w5..w8, as in the article).
        Assert.Equal(0.149780716, p[0], 9);
        Assert.Equal(0.19956143, p[1], 8);
        Assert.Equal(0.24975114, p[2], 8);
        Assert.Equal(0.29950229, p[3], 8);
    }

    [Fact]
    public void TrainStep_gives_the_same_published_weights()
    {
        var net = Create();
        Assert.Equal(0.298371109, net.TrainStep(Input, Target, 0.5), 9);
        double[] p = net.Parameters.ToArray();
        Assert.Equal(0.35891648, p[6], 8);
        Assert.Equal(0.149780716, p[0], 9);
    }
}
