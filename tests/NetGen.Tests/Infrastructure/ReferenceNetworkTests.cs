using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// The reference implementation is only useful if it is right, so it is checked on its own first: against its own
/// finite differences, and against a published worked example.
/// </summary>
public sealed class ReferenceNetworkTests
{
    private readonly ITestOutputHelper _output;

    public ReferenceNetworkTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> AllNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in NetworkCatalog.Doubles.Select(c => c.Name).Concat(NetworkCatalog.Singles.Select(c => c.Name)))
            {
                data.Add(name);
            }

            return data;
        }
    }

    /// <summary>
    /// The reference gradient of J = (1/m) Σ E_i + (λ/2m) Σ w² matches central differences of the reference's own J,
    /// written out here (not <see cref="GradientCheck"/>) so the reference is validated independently of the runtime
    /// library. Parameters: a Glorot-like U(-1/√in, 1/√in) draw with biases U(-0.5, 0.5); ReLU units kept 1e-3 from
    /// their kink (the step is 1e-6).
    /// </summary>
    [Theory]
    [MemberData(nameof(AllNames))]
    public void Reference_gradient_matches_its_own_finite_differences(string name)
    {
        NetworkAttribute spec = NetworkCatalog.Doubles.FirstOrDefault(c => c.Name == name)?.Spec ?? NetworkCatalog.Single(name).Spec;
        ReferenceNetwork net = ReferenceNetwork.From(spec);
        var rng = new Random(20240601);
        double[] theta = RandomTheta(net, rng);
        (double[] x, double[] y) = TestData.Batch(rng, net, theta, m: 3, reluMargin: 1e-3);
        const double l2 = 0.3;
        bool[] isWeight = net.WeightMask();

        double[] sum = net.GradientSum(theta, x, y);
        double[] analytic = sum.Select((g, p) => (g / 3) + (isWeight[p] ? l2 / 3 * theta[p] : 0)).ToArray();

        // Parameters to probe: all of them for small networks, an evenly spread sample of about 100 for large ones.
        int stride = Math.Max(1, net.ParameterCount / 100);
        double worst = 0;
        const double h = 1e-6;
        for (int p = 0; p < net.ParameterCount; p += stride)
        {
            double[] plus = (double[])theta.Clone();
            double[] minus = (double[])theta.Clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (net.Cost(plus, x, y, l2) - net.Cost(minus, x, y, l2)) / (plus[p] - minus[p]);
            double scale = Math.Max(1e-3, analytic.Max(Math.Abs));
            worst = Math.Max(worst, Math.Abs(numeric - analytic[p]) / scale);
        }

        _output.WriteLine($"{name}: max |numeric - analytic| / max|analytic| = {worst:E2}");
        Assert.True(worst < 1e-6, $"{name}: reference gradient differs from finite differences by {worst:E3}");
        Assert.True(analytic.Max(Math.Abs) > 1e-4, "degenerate check: the gradient is zero");
    }

    /// <summary>
    /// Matt Mazur, "A Step by Step Backpropagation Example" (2015): inputs (0.05, 0.10), targets (0.01, 0.99),
    /// w1..w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55, biases 0.35 (hidden) and 0.60 (output), η = 0.5.
    /// The post prints out_h1 = 0.593269992, out_h2 = 0.596884378, out_o1 = 0.75136507, out_o2 = 0.772928465,
    /// E_total = 0.298371109, and after one step w5..w8 = 0.35891648, 0.408666186, 0.511301270, 0.561370121 and
    /// w1..w4 = 0.149780716, 0.19956143, 0.24975114, 0.29950229 (it does not update the biases).
    /// </summary>
    [Fact]
    public void Reference_reproduces_the_published_worked_example()
    {
        var net = new ReferenceNetwork(new[] { 2, 2, 2 }, Activation.Sigmoid, Activation.Sigmoid, LossFunction.SquaredError, bias: true);
        double[] theta = WorkedExample.Parameters;

        ReferenceNetwork.Pass pass = net.Run(theta, Matrix.FromRows(WorkedExample.Input, 1, 2), Matrix.FromRows(WorkedExample.Target, 1, 2));
        Assert.Equal(0.593269992, pass.A[1][0, 0], 9);
        Assert.Equal(0.596884378, pass.A[1][0, 1], 9);
        WorkedExample.AssertNear(WorkedExample.Output, Matrix.Row(pass.A[2], 0), "out_o");
        Assert.Equal(WorkedExample.TotalError, pass.Losses[0], 9);

        double[] next = net.ApplyGradients(theta, pass.Gradient, WorkedExample.LearningRate, 1, 0);
        WorkedExample.AssertWeightsAfterOneStep(next);
    }

    private static double[] RandomTheta(ReferenceNetwork net, Random rng)
    {
        var theta = new double[net.ParameterCount];
        for (int l = 1; l <= net.L; l++)
        {
            double r = 1 / Math.Sqrt(net.Sizes[l - 1]);
            for (int i = 0; i < net.Sizes[l] * net.Sizes[l - 1]; i++)
            {
                theta[net.WeightOffset(l) + i] = TestData.Uniform(rng, -r, r) * 2;
            }

            for (int j = 0; net.HasBias && j < net.Sizes[l]; j++)
            {
                theta[net.BiasOffset(l) + j] = TestData.Uniform(rng, -0.5, 0.5);
            }
        }

        return theta;
    }
}
