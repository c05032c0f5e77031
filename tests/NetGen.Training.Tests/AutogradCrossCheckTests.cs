// NetGen against PyTorch autograd (issue 17): every extension activation, loss and gradient API, in every code shape.
// The fixture Fixtures/autograd_crosscheck.json is committed; the tests need neither python nor torch. Regenerate it
// (after changing a case in pytorch/autograd.py and its twin in AutogradNetworks.cs) from the repository root with
//   /usr/bin/python3 tests/NetGen.Training.Tests/pytorch/autograd.py tests/NetGen.Training.Tests/Fixtures/autograd_crosscheck.json
// Tolerances (AutogradCase.Tolerance), relative-or-absolute, |NetGen − PyTorch| ≤ tol · max(1, |PyTorch|):
// 1e-10 for the double networks, 1e-4 for the float ones (PyTorch's reference is double on float-exact values).
using System;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics.X86;
using NetGen;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static NetGen.Training.Tests.AutogradFixture;

namespace NetGen.Training.Tests;

public class AutogradCrossCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (AutogradCase c in Cases)
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Network_is_the_twin_of_the_PyTorch_model(string name)
    {
        AutogradCase c = Case(name);
        object net = Create(c.Network);
        var info = (INetworkInfo)net;
        Assert.Equal(c.Activations, info.Activations.ToArray().Select(a => a.ToString()));
        Assert.Equal(c.Loss, info.Loss.ToString());
        Assert.Equal(c.IsFloat, net is INetwork<float>);
        int[] sizes = c.IsFloat ? ((INetwork<float>)net).LayerSizes.ToArray() : ((INetwork<double>)net).LayerSizes.ToArray();
        Assert.Equal(c.Sizes, sizes);
        output.WriteLine($"{name}: code shape {info.CodeShape}");
        switch (c.Shape)
        {
            case "vector" when Avx2.IsSupported && Fma.IsSupported:
                Assert.Equal("Vector256 code", info.CodeShape);
                break;
            case "vector":
                Assert.Contains(info.CodeShape, new[] { "Vector128 code", "kernels" });
                break;
            default:
                Assert.Equal(c.Shape, info.CodeShape);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_Loss_and_ForwardBatch_match_PyTorch(string name) => Run(name, Forward, Forward);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_with_input_gradient_matches_autograd(string name) => Run(name, Backward, Backward);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBatch_with_input_gradients_matches_autograd(string name) => Run(name, BackwardBatch, BackwardBatch);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardFromOutputGradient_matches_autograd(string name) => Run(name, FromOutputGradient, FromOutputGradient);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBatchFromOutputGradient_matches_autograd(string name) =>
        Run(name, BatchFromOutputGradient, BatchFromOutputGradient);

    /// <summary>
    /// Sigmoid + CrossEntropy is BCEWithLogitsLoss on the pre-activation z: at z ≈ +40 the naive
    /// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] is ln(0) in the network's precision (σ(40) rounds to 1), while NetGen's loss
    /// and gradients are PyTorch's, in the unrolled double shape and the float Vector256 shape.
    /// </summary>
    [Theory]
    [InlineData("BceLogits")]
    [InlineData("VectorBce")]
    public void Sigmoid_cross_entropy_is_BCEWithLogitsLoss_at_large_logits(string name)
    {
        AutogradCase c = Case(name);
        double[][] z = c.Logits!;
        Assert.True(z.SelectMany(r => r).Max(Math.Abs) >= 35, "the case must reach |z| >= 35");
        int naiveNotFinite = 0;
        for (int i = 0; i < z.Length; i++)
        {
            for (int j = 0; j < z[i].Length; j++)
            {
                double y = c.Targets[i][j];
                naiveNotFinite += double.IsFinite(c.IsFloat ? NaiveBce((float)z[i][j], (float)y) : NaiveBce(z[i][j], y)) ? 0 : 1;
            }
        }

        Assert.True(naiveNotFinite > 0, "the naive form must overflow somewhere in this case");
        output.WriteLine($"naive BCE not finite for {naiveNotFinite} of {z.Length * z[0].Length} outputs; PyTorch's losses " +
            string.Join(", ", c.Losses.Select(v => v.ToString("F6", null))));
        Run(name, Forward, Forward);
        Run(name, Backward, Backward);
        Run(name, BackwardBatch, BackwardBatch);
    }

    /// <summary>The cross-check covers every activation (hidden and output), every loss, and every code shape.</summary>
    [Fact]
    public void Cross_check_covers_every_activation_loss_and_code_shape()
    {
        var hidden = Cases.SelectMany(c => c.Activations.SkipLast(1)).ToHashSet();
        var last = Cases.Select(c => c.Activations[^1]).ToHashSet();
        foreach (Activation a in Enum.GetValues<Activation>())
        {
            Assert.True(a == Activation.Softmax || hidden.Contains(a.ToString()), $"{a} is in no hidden layer");
            Assert.True(last.Contains(a.ToString()), $"{a} is at no output");
        }

        foreach (LossFunction l in Enum.GetValues<LossFunction>())
        {
            Assert.Contains(Cases, c => c.Loss == l.ToString());
        }

        Assert.Contains(Cases, c => c.Loss == "CrossEntropy" && c.Activations[^1] == "Sigmoid");
        Assert.Contains(Cases, c => c.Loss == "CrossEntropy" && c.Activations[^1] == "Softmax");
        foreach (string shape in new[] { "unrolled", "kernels", "vector" })
        {
            Assert.Contains(Cases, c => c.Shape == shape);
        }

        Assert.Contains(Cases, c => c.IsFloat && c.Shape == "kernels");
        Assert.Contains(Cases, c => !c.IsFloat && c.Shape == "kernels");
    }

    /// <summary>The comparison fails, naming case, quantity and index, when one gradient is off by 1e-6.</summary>
    [Fact]
    public void A_wrong_gradient_fails_with_case_quantity_and_index()
    {
        AutogradCase c = Case("KernelsHuber");
        var net = new AgKernelsHuber();
        Load<double>(net, c.Parameters);
        BackwardBatch(c, net);
        net.Gradients[37] += 1e-6;
        XunitException e = Assert.ThrowsAny<XunitException>(() => Compare(c.Name, "Gradients", c.Gradients, net.Gradients, c.Tolerance));
        Assert.StartsWith("KernelsHuber: Gradients[37]: NetGen ", e.Message, StringComparison.Ordinal);
    }

    private void Run(string name, Func<AutogradCase, IBatchGradientNetwork<double>, double> wide, Func<AutogradCase, IBatchGradientNetwork<float>, double> narrow)
    {
        AutogradCase c = Case(name);
        object net = Create(c.Network);
        double worst;
        if (c.IsFloat)
        {
            var f = (IBatchGradientNetwork<float>)net;
            Load(f, c.Parameters);
            worst = narrow(c, f);
        }
        else
        {
            var d = (IBatchGradientNetwork<double>)net;
            Load(d, c.Parameters);
            worst = wide(c, d);
        }

        output.WriteLine($"{name} ({(c.IsFloat ? "float" : "double")}, {((INetworkInfo)net).CodeShape}): " +
            $"max |NetGen - PyTorch| / max(1, |PyTorch|) = {worst:E3} (tolerance {c.Tolerance:E0})");
    }

    private static double Forward<T>(AutogradCase c, IBatchGradientNetwork<T> net)
        where T : unmanaged, INumberBase<T>
    {
        int m = c.Inputs.Length, k = net.OutputCount;
        var outputs = new T[m * k];
        var losses = new T[m];
        for (int i = 0; i < m; i++)
        {
            T[] x = Flat<T>(new[] { c.Inputs[i] });
            net.Forward(x, outputs.AsSpan(i * k, k));
            losses[i] = net.Loss(x, Flat<T>(new[] { c.Targets[i] }));
        }

        var batch = new T[m * k];
        net.ForwardBatch(Flat<T>(c.Inputs), batch);
        return Max(
            Compare(c.Name, "Forward outputs", c.Outputs, outputs, c.Tolerance),
            Compare(c.Name, "Loss", c.Losses, losses, c.Tolerance),
            Compare(c.Name, "ForwardBatch outputs", c.Outputs, batch, c.Tolerance));
    }

    private static double Backward<T>(AutogradCase c, IBatchGradientNetwork<T> net)
        where T : unmanaged, INumberBase<T>
    {
        int m = c.Inputs.Length, n = net.InputCount;
        var losses = new T[m];
        var dx = new T[m * n];
        for (int i = 0; i < m; i++)
        {
            losses[i] = net.Backward(Flat<T>(new[] { c.Inputs[i] }), Flat<T>(new[] { c.Targets[i] }), dx.AsSpan(i * n, n));
        }

        return Max(
            Compare(c.Name, "Backward return (E)", c.Losses, losses, c.Tolerance),
            Compare(c.Name, "Backward Gradients", c.Gradients, net.Gradients, c.Tolerance),
            Compare(c.Name, "Backward inputGradient", c.InputGradients, dx, c.Tolerance));
    }

    private static double BackwardBatch<T>(AutogradCase c, IBatchGradientNetwork<T> net)
        where T : unmanaged, INumberBase<T>
    {
        var dx = new T[c.Inputs.Length * net.InputCount];
        T sum = net.BackwardBatch(Flat<T>(c.Inputs), Flat<T>(c.Targets), dx);
        return Max(
            Compare(c.Name, "BackwardBatch return (sum E)", new[] { c.Losses.Sum() }, new[] { sum }, c.Tolerance),
            Compare(c.Name, "BackwardBatch Gradients", c.Gradients, net.Gradients, c.Tolerance),
            Compare(c.Name, "BackwardBatch inputGradients", c.InputGradients, dx, c.Tolerance));
    }

    private static double FromOutputGradient<T>(AutogradCase c, IBatchGradientNetwork<T> net)
        where T : unmanaged, INumberBase<T>
    {
        int m = c.Inputs.Length, n = net.InputCount;
        var dx = new T[m * n];
        for (int i = 0; i < m; i++)
        {
            net.BackwardFromOutputGradient(Flat<T>(new[] { c.Inputs[i] }), Flat<T>(new[] { c.OutputGradients[i] }), dx.AsSpan(i * n, n));
        }

        return Max(
            Compare(c.Name, "BackwardFromOutputGradient Gradients", c.OgGradients, net.Gradients, c.Tolerance),
            Compare(c.Name, "BackwardFromOutputGradient inputGradient", c.OgInputGradients, dx, c.Tolerance));
    }

    private static double BatchFromOutputGradient<T>(AutogradCase c, IBatchGradientNetwork<T> net)
        where T : unmanaged, INumberBase<T>
    {
        var dx = new T[c.Inputs.Length * net.InputCount];
        net.BackwardBatchFromOutputGradient(Flat<T>(c.Inputs), Flat<T>(c.OutputGradients), dx);
        return Max(
            Compare(c.Name, "BackwardBatchFromOutputGradient Gradients", c.OgGradients, net.Gradients, c.Tolerance),
            Compare(c.Name, "BackwardBatchFromOutputGradient inputGradients", c.OgInputGradients, dx, c.Tolerance));
    }

    private static double Max(params double[] values) => values.Max();

    private static double NaiveBce(double z, double y)
    {
        double s = 1 / (1 + Math.Exp(-z));
        return -((y * Math.Log(s)) + ((1 - y) * Math.Log(1 - s)));
    }

    private static float NaiveBce(float z, float y)
    {
        float s = 1 / (1 + MathF.Exp(-z));
        return -((y * MathF.Log(s)) + ((1 - y) * MathF.Log(1 - s)));
    }
}
