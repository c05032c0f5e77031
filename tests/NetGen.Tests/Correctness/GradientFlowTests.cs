using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Gradients in and out (<see cref="IGradientNetwork{T}"/>, <see cref="IBatchGradientNetwork{T}"/>): the input gradient
/// ∂E/∂x and the backward pass from a given ∂E/∂g, checked in double against two-sided differences (the truth for every
/// derivative the generator writes) on every catalog network, and in float by agreement between the paths (every code
/// shape, including Vector256). Two networks compose through them: an encoder and a decoder trained on a loss that
/// neither knows.
/// </summary>
public sealed class GradientFlowTests
{
    private const double Step = 1e-5;

    public static TheoryData<string> DoubleNames => NetworkCatalog.DoubleNames;

    public static TheoryData<string> SingleNames => NetworkCatalog.SingleNames;

    /// <summary>Every generated network implements both interfaces.</summary>
    [Fact]
    public void Every_generated_network_has_gradients_in_and_out()
    {
        Assert.All(NetworkCatalog.Doubles, c => Assert.IsAssignableFrom<IBatchGradientNetwork<double>>(c.Create()));
        Assert.All(NetworkCatalog.Singles, c => Assert.IsAssignableFrom<IBatchGradientNetwork<float>>(c.Create()));
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Input_gradient_matches_two_sided_differences_and_leaves_the_parameter_gradients_as_Backward(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        var net = (IGradientNetwork<double>)c.Create();
        var rng = new Random(17);
        net.InitializeParameters(5);
        (double[] x, double[] y) = TestData.Batch(rng, c.Reference, net.Parameters.ToArray(), 1, reluMargin: 1e-3);

        var dx = new double[net.InputCount];
        double loss = net.Backward(x, y, dx);
        double[] withInput = net.Gradients.ToArray();
        net.ZeroGradients();
        Assert.Equal(net.Backward(x, y), loss);
        Assert.Equal(net.Gradients.ToArray(), withInput);

        var numeric = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double[] plus = (double[])x.Clone();
            double[] minus = (double[])x.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            numeric[k] = (net.Loss(plus, y) - net.Loss(minus, y)) / (2 * Step);
        }

        Compare.Close(numeric, dx, 1e-6, name + " ∂E/∂x", floor: 1e-6);
    }

    /// <summary>
    /// A loss the network does not know, E = Σ_j c_j g_j + ½ Σ_j g_j², so ∂E/∂g = c + g: the parameter and input
    /// gradients of BackwardFromOutputGradient against two-sided differences of E through Forward.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Backward_from_a_given_output_gradient_matches_two_sided_differences(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        var net = (IGradientNetwork<double>)c.Create();
        var rng = new Random(23);
        net.InitializeParameters(9);
        (double[] x, _) = TestData.Batch(rng, c.Reference, net.Parameters.ToArray(), 1, reluMargin: 1e-3);
        double[] weights = Enumerable.Range(0, net.OutputCount).Select(_ => TestData.Uniform(rng, -1, 1)).ToArray();
        var g = new double[net.OutputCount];
        double Custom(ReadOnlySpan<double> input)
        {
            net.Forward(input, g);
            return g.Select((v, j) => (weights[j] * v) + (0.5 * v * v)).Sum();
        }

        Custom(x);
        double[] outputGradient = g.Select((v, j) => weights[j] + v).ToArray();
        var dx = new double[net.InputCount];
        net.ZeroGradients();
        net.BackwardFromOutputGradient(x, outputGradient, dx);
        double[] analytic = net.Gradients.ToArray();

        var numeric = new double[net.ParameterCount];
        Span<double> p = net.Parameters;
        for (int i = 0; i < numeric.Length; i++)
        {
            double saved = p[i];
            p[i] = saved + Step;
            double up = Custom(x);
            p[i] = saved - Step;
            double down = Custom(x);
            p[i] = saved;
            numeric[i] = (up - down) / (2 * Step);
        }

        Compare.Close(numeric, analytic, 1e-6, name + " ∂E/∂θ from ∂E/∂g", floor: 1e-6);

        var numericInput = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double[] plus = (double[])x.Clone();
            double[] minus = (double[])x.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            numericInput[k] = (Custom(plus) - Custom(minus)) / (2 * Step);
        }

        Compare.Close(numericInput, dx, 1e-6, name + " ∂E/∂x from ∂E/∂g", floor: 1e-6);
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Batch_forms_add_the_per_example_sums_and_write_the_per_example_input_gradients(string name)
    {
        NetworkCase<double> c = NetworkCatalog.Double(name);
        var single = (IBatchGradientNetwork<double>)c.Create();
        var batch = (IBatchGradientNetwork<double>)c.Create();
        const int m = 5;
        var rng = new Random(31);
        (double[] x, double[] y) = TestData.Batch(rng, c.Reference, single.Parameters.ToArray(), m, reluMargin: 0);
        double[] og = Enumerable.Range(0, m * single.OutputCount).Select(_ => TestData.Uniform(rng, -1, 1)).ToArray();
        int n = single.InputCount;
        int o = single.OutputCount;

        var dxSingle = new double[m * n];
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            total += single.Backward(x.AsSpan(i * n, n), y.AsSpan(i * o, o), dxSingle.AsSpan(i * n, n));
        }

        var dxBatch = new double[m * n];
        Compare.Close(total, batch.BackwardBatch(x, y, dxBatch), 1e-12, name + " summed loss");
        Compare.Close(single.Gradients.ToArray(), batch.Gradients.ToArray(), 1e-12, name + " batch ∂E/∂θ", floor: 1e-9);
        Compare.Close(dxSingle, dxBatch, 1e-12, name + " batch ∂E/∂x", floor: 1e-9);

        single.ZeroGradients();
        batch.ZeroGradients();
        for (int i = 0; i < m; i++)
        {
            single.BackwardFromOutputGradient(x.AsSpan(i * n, n), og.AsSpan(i * o, o), dxSingle.AsSpan(i * n, n));
        }

        batch.BackwardBatchFromOutputGradient(x, og, dxBatch);
        Compare.Close(single.Gradients.ToArray(), batch.Gradients.ToArray(), 1e-12, name + " batch ∂E/∂θ from ∂E/∂g", floor: 1e-9);
        Compare.Close(dxSingle, dxBatch, 1e-12, name + " batch ∂E/∂x from ∂E/∂g", floor: 1e-9);

        // Empty input-gradient spans skip them and change nothing else.
        batch.ZeroGradients();
        batch.BackwardBatchFromOutputGradient(x, og, Span<double>.Empty);
        Compare.Close(single.Gradients.ToArray(), batch.Gradients.ToArray(), 1e-12, name + " without input gradients", floor: 1e-9);
    }

    /// <summary>
    /// Float, every shape (Vector256 included): the network's own ∂E/∂g passed back in gives Backward's gradients, and
    /// the batch forms agree with the per-example ones.
    /// </summary>
    [Theory]
    [MemberData(nameof(SingleNames))]
    public void Float_paths_agree_in_every_code_shape(string name)
    {
        NetworkCase<float> c = NetworkCatalog.Single(name);
        var net = (IBatchGradientNetwork<float>)c.Create();
        const int m = 4;
        var rng = new Random(41);
        (double[] xd, double[] yd) = TestData.Batch(rng, c.Reference, net.Parameters.ToArray().Select(v => (double)v).ToArray(), m, reluMargin: 0);
        float[] x = xd.Select(v => (float)v).ToArray();
        float[] y = yd.Select(v => (float)v).ToArray();
        int n = net.InputCount;
        int o = net.OutputCount;

        var dxTarget = new float[m * n];
        var og = new float[m * o];
        var g = new float[o];
        for (int i = 0; i < m; i++)
        {
            net.Backward(x.AsSpan(i * n, n), y.AsSpan(i * o, o), dxTarget.AsSpan(i * n, n));
            net.Forward(x.AsSpan(i * n, n), g);
            OwnLossGradient(c.Reference, g, y.AsSpan(i * o, o), og.AsSpan(i * o, o));
        }

        double[] fromTarget = net.Gradients.ToArray().Select(v => (double)v).ToArray();
        net.ZeroGradients();
        var dxGiven = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            net.BackwardFromOutputGradient(x.AsSpan(i * n, n), og.AsSpan(i * o, o), dxGiven.AsSpan(i * n, n));
        }

        double[] fromGiven = net.Gradients.ToArray().Select(v => (double)v).ToArray();
        Compare.Close(fromTarget, fromGiven, 2e-4, name + " ∂E/∂θ, own ∂E/∂g passed in", floor: 1e-3);
        Compare.Close(dxTarget.Select(v => (double)v).ToArray(), dxGiven.Select(v => (double)v).ToArray(), 2e-4, name + " ∂E/∂x, own ∂E/∂g passed in", floor: 1e-3);

        net.ZeroGradients();
        var dxBatch = new float[m * n];
        net.BackwardBatchFromOutputGradient(x, og, dxBatch);
        Compare.Close(fromGiven, net.Gradients.ToArray().Select(v => (double)v).ToArray(), 2e-4, name + " batch ∂E/∂θ from ∂E/∂g", floor: 1e-3);
        Compare.Close(dxGiven.Select(v => (double)v).ToArray(), dxBatch.Select(v => (double)v).ToArray(), 2e-4, name + " batch ∂E/∂x from ∂E/∂g", floor: 1e-3);

        net.ZeroGradients();
        net.BackwardBatch(x, y, dxBatch);
        Compare.Close(fromTarget, net.Gradients.ToArray().Select(v => (double)v).ToArray(), 2e-4, name + " batch ∂E/∂θ", floor: 1e-3);
        Compare.Close(dxTarget.Select(v => (double)v).ToArray(), dxBatch.Select(v => (double)v).ToArray(), 2e-4, name + " batch ∂E/∂x", floor: 1e-3);
    }

    /// <summary>
    /// Two networks composed: x → encoder (3-5-4-2) → h → decoder (2-4-3) → x̂, trained on E = ½ |x̂ − x|², a loss that
    /// belongs to neither. The decoder's Backward gives ∂E/∂h, which the encoder takes as its output gradient; both
    /// networks' parameter gradients match two-sided differences of the composed E.
    /// </summary>
    [Fact]
    public void Encoder_and_decoder_compose_through_the_input_and_output_gradients()
    {
        var encoder = (IGradientNetwork<double>)NetworkCatalog.Double("PL_ReLU_Tanh_Identity").Create();
        var decoder = (IGradientNetwork<double>)NetworkCatalog.Double("PL_Decoder_Tanh_Identity").Create();
        encoder.InitializeParameters(3);
        decoder.InitializeParameters(4);
        double[] x = { 0.3, -0.7, 0.55 };
        var h = new double[2];
        var reconstruction = new double[3];
        double Composed()
        {
            encoder.Forward(x, h);
            decoder.Forward(h, reconstruction);
            return 0.5 * reconstruction.Select((v, k) => (v - x[k]) * (v - x[k])).Sum();
        }

        // Backward through both: the decoder's loss is E itself (squared error against x), its input gradient is ∂E/∂h.
        encoder.Forward(x, h);
        var dh = new double[2];
        double loss = decoder.Backward(h, x, dh);
        encoder.BackwardFromOutputGradient(x, dh, Span<double>.Empty);
        Compare.Close(Composed(), loss, 1e-15, "composed loss");

        foreach ((INetwork<double> net, string what) in new[] { ((INetwork<double>)encoder, "encoder"), (decoder, "decoder") })
        {
            var numeric = new double[net.ParameterCount];
            for (int i = 0; i < numeric.Length; i++)
            {
                double saved = net.Parameters[i];
                net.Parameters[i] = saved + Step;
                double up = Composed();
                net.Parameters[i] = saved - Step;
                double down = Composed();
                net.Parameters[i] = saved;
                numeric[i] = (up - down) / (2 * Step);
            }

            Compare.Close(numeric, net.Gradients.ToArray(), 1e-6, what + " ∂E/∂θ through the composition", floor: 1e-6);
        }
    }

    [Fact]
    public void Bad_spans_are_refused_and_nothing_changes()
    {
        var net = (IBatchGradientNetwork<double>)NetworkCatalog.Double("PL_ReLU_Tanh_Identity").Create();
        double[] before = net.Gradients.ToArray();
        var x = new double[3];
        var og = new double[2];
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.BackwardFromOutputGradient(x, og, new double[2]));
        Assert.Equal("inputGradient", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => net.BackwardFromOutputGradient(x, new double[3], Span<double>.Empty));
        Assert.Equal("outputGradient", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => net.BackwardFromOutputGradient(x, new[] { 0.1, double.NaN }, Span<double>.Empty));
        Assert.Equal("outputGradient", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => net.BackwardBatchFromOutputGradient(new double[6], new double[4], new double[5]));
        Assert.Equal("inputGradients", e.ParamName);
        Assert.Equal(before, net.Gradients.ToArray());
    }

    /// <summary>∂E/∂g of the network's own loss, so that passing it in must reproduce Backward.</summary>
    private static void OwnLossGradient(ReferenceNetwork reference, ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dg)
    {
        for (int j = 0; j < g.Length; j++)
        {
            dg[j] = reference.LossFunction == LossFunction.SquaredError ? g[j] - y[j]
                : reference.LossFunction == LossFunction.Huber ? Math.Clamp(g[j] - y[j], -1f, 1f)
                : reference.LossFunction == LossFunction.AbsoluteError ? Math.Sign(g[j] - y[j])
                : reference.Output == Activation.Softmax ? -y[j] / g[j]
                : (g[j] - y[j]) / (g[j] * (1 - g[j]));
        }
    }
}
