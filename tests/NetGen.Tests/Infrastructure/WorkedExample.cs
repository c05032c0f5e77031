using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The published numbers of Matt Mazur, "A Step by Step Backpropagation Example" (2015,
/// mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example): a 2-2-2 sigmoid network with squared error
/// E = Σ ½ (target - out)², the loss of the contract.
/// </summary>
internal static class WorkedExample
{
    /// <summary>The post prints most results to 8 or 9 decimals; half a unit of the 8th decimal.</summary>
    public const double PublishedPrecision = 5e-9;

    public const double LearningRate = 0.5;

    /// <summary>E_total = 0.298371109.</summary>
    public const double TotalError = 0.298371109;

    public static readonly double[] Input = { 0.05, 0.10 };

    public static readonly double[] Target = { 0.01, 0.99 };

    /// <summary>out_o1 = 0.75136507, out_o2 = 0.772928465.</summary>
    public static readonly double[] Output = { 0.75136507, 0.772928465 };

    /// <summary>
    /// In the contract's layout: W¹ = [[w1, w2], [w3, w4]] (h1 = w1 i1 + w2 i2 + b1), b¹ = (b1, b1), W² = [[w5, w6], [w7, w8]],
    /// b² = (b2, b2). The post shares one bias per layer; one bias per unit with equal values is the same network.
    /// </summary>
    public static double[] Parameters => new[] { 0.15, 0.20, 0.25, 0.30, 0.35, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.60 };

    /// <summary>w1..w4 and w5..w8 after one step with η = 0.5, as published.</summary>
    private static readonly (int Index, double Value, string Name)[] WeightsAfterOneStep =
    {
        (0, 0.149780716, "w1"), (1, 0.19956143, "w2"), (2, 0.24975114, "w3"), (3, 0.29950229, "w4"),
        (6, 0.35891648, "w5"), (7, 0.408666186, "w6"), (8, 0.511301270, "w7"), (9, 0.561370121, "w8"),
    };

    /// <summary>The weights after one step equal the published ones (the post leaves the biases alone, so they are not compared).</summary>
    public static void AssertWeightsAfterOneStep(ReadOnlySpan<double> theta)
    {
        foreach ((int index, double value, string name) in WeightsAfterOneStep)
        {
            AssertNear(value, theta[index], name + "+");
        }
    }

    public static void AssertNear(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= PublishedPrecision, $"{what}: published {expected:R}, got {actual:R}");

    public static void AssertNear(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertNear(expected[i], actual[i], what + (i + 1));
        }
    }
}
