// Two networks composed through IGradientNetwork (issue 17), against PyTorch autograd on the composed graph: the
// autoencoder x -> h = AgEncoder(x) -> y = AgDecoder(h), E = Huber(y, x), differentiated by PyTorch through
// nn.Sequential(encoder, decoder) (Fixtures/autograd_crosscheck.json, "composed"), and the same graph driven by a
// given dE/dy at the decoder's output (y.backward(dE/dy) in PyTorch). Regenerate the fixture with
//   /usr/bin/python3 tests/NetGen.Training.Tests/pytorch/autograd.py tests/NetGen.Training.Tests/Fixtures/autograd_crosscheck.json
// Tolerance 1e-10 relative-or-absolute (both networks are double).
using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using static NetGen.Training.Tests.AutogradFixture;

namespace NetGen.Training.Tests;

public class AutogradComposedTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-10;

    /// <summary>
    /// Chained as IGradientNetwork's remarks say, one example at a time: h = A.Forward(x);
    /// E = B.Backward(h, target, dh); A.BackwardFromOutputGradient(x, dh, dx).
    /// </summary>
    [Fact]
    public void Encoder_decoder_chained_per_example_matches_autograd_on_the_composed_graph()
    {
        AutogradComposed c = Composed;
        (AgEncoder a, AgDecoder b) = Networks(c);
        int m = c.Inputs.Length;
        var hidden = new double[m * 3];
        var outputs = new double[m * 4];
        var losses = new double[m];
        var dx = new double[m * 4];
        var dh = new double[3];
        for (int i = 0; i < m; i++)
        {
            Span<double> h = hidden.AsSpan(i * 3, 3);
            a.Forward(c.Inputs[i], h);
            b.Forward(h, outputs.AsSpan(i * 4, 4));
            losses[i] = b.Backward(h, c.Targets[i], dh);
            a.BackwardFromOutputGradient(c.Inputs[i], dh, dx.AsSpan(i * 4, 4));
        }

        double worst = new[]
        {
            Compare("composed", "encoder Forward (h)", c.Hidden, hidden, Tolerance),
            Compare("composed", "decoder Forward (y)", c.Outputs, outputs, Tolerance),
            Compare("composed", "decoder Backward return (E)", c.Losses, losses, Tolerance),
            Compare("composed", "decoder Gradients", c.DecoderGradients, b.Gradients, Tolerance),
            Compare("composed", "encoder Gradients", c.EncoderGradients, a.Gradients, Tolerance),
            Compare("composed", "dE/dx", c.InputGradients, dx, Tolerance),
        }.Max();
        output.WriteLine($"per example: max |NetGen - PyTorch| / max(1, |PyTorch|) = {worst:E3}");
    }

    /// <summary>
    /// The same in batch form: H = A.ForwardBatch(X); E = B.BackwardBatch(H, targets, dH);
    /// A.BackwardBatchFromOutputGradient(X, dH, dX).
    /// </summary>
    [Fact]
    public void Encoder_decoder_chained_in_batch_form_matches_autograd_on_the_composed_graph()
    {
        AutogradComposed c = Composed;
        (AgEncoder a, AgDecoder b) = Networks(c);
        int m = c.Inputs.Length;
        double[] x = Flat<double>(c.Inputs);
        var hidden = new double[m * 3];
        var dh = new double[m * 3];
        var dx = new double[m * 4];
        a.ForwardBatch(x, hidden);
        double sum = b.BackwardBatch(hidden, Flat<double>(c.Targets), dh);
        a.BackwardBatchFromOutputGradient(x, dh, dx);

        double worst = new[]
        {
            Compare("composed batch", "encoder ForwardBatch (H)", c.Hidden, hidden, Tolerance),
            Compare("composed batch", "decoder BackwardBatch return (sum E)", new[] { c.Losses.Sum() }, new[] { sum }, Tolerance),
            Compare("composed batch", "decoder Gradients", c.DecoderGradients, b.Gradients, Tolerance),
            Compare("composed batch", "encoder Gradients", c.EncoderGradients, a.Gradients, Tolerance),
            Compare("composed batch", "dE/dX", c.InputGradients, dx, Tolerance),
        }.Max();
        output.WriteLine($"batch: max |NetGen - PyTorch| / max(1, |PyTorch|) = {worst:E3}");
    }

    /// <summary>
    /// The other chain of IGradientNetwork's remarks, from a given dE/dy (as a critic hands one to an actor), per
    /// example: B.BackwardFromOutputGradient(h, dE/dy, dh); A.BackwardFromOutputGradient(x, dh, dx).
    /// </summary>
    [Fact]
    public void Encoder_decoder_chained_from_an_output_gradient_matches_autograd()
    {
        AutogradComposed c = Composed;
        (AgEncoder a, AgDecoder b) = Networks(c);
        int m = c.Inputs.Length;
        var h = new double[3];
        var dh = new double[3];
        var dx = new double[m * 4];
        for (int i = 0; i < m; i++)
        {
            a.Forward(c.Inputs[i], h);
            b.BackwardFromOutputGradient(h, c.OutputGradients[i], dh);
            a.BackwardFromOutputGradient(c.Inputs[i], dh, dx.AsSpan(i * 4, 4));
        }

        double worst = new[]
        {
            Compare("composed from dE/dy", "decoder Gradients", c.OgDecoderGradients, b.Gradients, Tolerance),
            Compare("composed from dE/dy", "encoder Gradients", c.OgEncoderGradients, a.Gradients, Tolerance),
            Compare("composed from dE/dy", "dE/dx", c.OgInputGradients, dx, Tolerance),
        }.Max();
        output.WriteLine($"from dE/dy, per example: max |NetGen - PyTorch| / max(1, |PyTorch|) = {worst:E3}");
    }

    /// <summary>The same in batch form: BackwardBatchFromOutputGradient on both networks.</summary>
    [Fact]
    public void Encoder_decoder_chained_from_an_output_gradient_in_batch_form_matches_autograd()
    {
        AutogradComposed c = Composed;
        (AgEncoder a, AgDecoder b) = Networks(c);
        int m = c.Inputs.Length;
        double[] x = Flat<double>(c.Inputs);
        var hidden = new double[m * 3];
        var dh = new double[m * 3];
        var dx = new double[m * 4];
        a.ForwardBatch(x, hidden);
        b.BackwardBatchFromOutputGradient(hidden, Flat<double>(c.OutputGradients), dh);
        a.BackwardBatchFromOutputGradient(x, dh, dx);

        double worst = new[]
        {
            Compare("composed batch from dE/dY", "decoder Gradients", c.OgDecoderGradients, b.Gradients, Tolerance),
            Compare("composed batch from dE/dY", "encoder Gradients", c.OgEncoderGradients, a.Gradients, Tolerance),
            Compare("composed batch from dE/dY", "dE/dX", c.OgInputGradients, dx, Tolerance),
        }.Max();
        output.WriteLine($"from dE/dY, batch: max |NetGen - PyTorch| / max(1, |PyTorch|) = {worst:E3}");
    }

    private static (AgEncoder Encoder, AgDecoder Decoder) Networks(AutogradComposed c)
    {
        var a = new AgEncoder();
        var b = new AgDecoder();
        Load<double>(a, c.EncoderParameters);
        Load<double>(b, c.DecoderParameters);
        return (a, b);
    }
}
