using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Losses of confident, correct outputs stay accurate instead of cancelling to 0.</summary>
public class StableLossTests
{
    [Theory]
    [InlineData(100.0, 1.0)]
    [InlineData(-100.0, 0.0)]
    [InlineData(30.0, 1.0)]
    [InlineData(1e-3, 0.5)]
    public void Sigmoid_cross_entropy_of_confident_outputs_keeps_its_tiny_value(double z, double y)
    {
        // All weights 0 and every output bias z: each output's pre-activation is exactly z.
        var net = new CE_Sigmoid_Sigmoid();
        net.Parameters.Clear();
        foreach (LayerParameters layer in NetworkLayout.Layers(net))
        {
            if (layer.Layer == 2)
            {
                net.Parameters.Slice(layer.BiasOffset, layer.Outputs).Fill(z);
            }
        }

        double loss = net.Loss(new double[] { 0.1, 0.2, 0.3, 0.4 }, new[] { y, y, y });

        // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] per output, from exact identities: ln σ(z) = −ln(1 + e^−z).
        double exact = 3 * ((y * Math.Log(1 + Math.Exp(-z))) + ((1 - y) * (z + Math.Log(1 + Math.Exp(-z)))));
        if (Math.Abs(z) >= 30)
        {
            // ln(1 + e^−|z|) = e^−|z| to double precision here.
            exact = 3 * Math.Exp(-Math.Abs(z));
        }

        Assert.True(loss > 0, $"loss {loss} cancelled to 0");
        Assert.Equal(1.0, loss / exact, 12);
    }
}
