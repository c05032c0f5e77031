using System;

namespace NetGen;

/// <summary>Where one layer's weights and biases live in <see cref="INetwork{T}.Parameters"/>.</summary>
public readonly struct LayerParameters
{
    /// <summary>Creates a layer description.</summary>
    public LayerParameters(int layer, int inputs, int outputs, int weightOffset, int biasOffset)
    {
        Layer = layer;
        Inputs = inputs;
        Outputs = outputs;
        WeightOffset = weightOffset;
        BiasOffset = biasOffset;
    }

    /// <summary>Layer number l, 1 for the first layer after the input.</summary>
    public int Layer { get; }

    /// <summary>Units of layer l-1 (columns of W).</summary>
    public int Inputs { get; }

    /// <summary>Units of layer l (rows of W).</summary>
    public int Outputs { get; }

    /// <summary>Index of W[0, 0]; W[j, k] is at <c>WeightOffset + j * Inputs + k</c>.</summary>
    public int WeightOffset { get; }

    /// <summary>Index of b[0], or -1 when the network has no biases.</summary>
    public int BiasOffset { get; }

    /// <summary>Inputs * Outputs.</summary>
    public int WeightCount => Inputs * Outputs;

    /// <summary>Whether the layer has biases.</summary>
    public bool HasBias => BiasOffset >= 0;
}

/// <summary>The parameter layout shared by every generated network.</summary>
public static class NetworkLayout
{
    /// <summary>The layers of a network with these sizes (input first), in parameter order.</summary>
    public static LayerParameters[] Layers(ReadOnlySpan<int> sizes, bool bias)
    {
        if (sizes.Length < 2)
        {
            throw new ArgumentException("A network has at least 2 layer sizes (input and output).", nameof(sizes));
        }

        int[] layerSizes = sizes.ToArray();
        ParameterLayout.Offsets(layerSizes, bias, out int[] weightOffset, out int[] biasOffset);
        var layers = new LayerParameters[sizes.Length - 1];
        for (int l = 1; l < sizes.Length; l++)
        {
            layers[l - 1] = new LayerParameters(l, sizes[l - 1], sizes[l], weightOffset[l], bias ? biasOffset[l] : -1);
        }

        return layers;
    }

    /// <summary>The layers of <paramref name="network"/>, in parameter order.</summary>
    public static LayerParameters[] Layers<T>(INetwork<T> network)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        return Layers(network.LayerSizes, network.HasBias);
    }

    /// <summary>For each parameter, whether it is a weight (true) or a bias (false); L2 applies to weights only.</summary>
    public static bool[] WeightMask<T>(INetwork<T> network)
        where T : unmanaged
    {
        var mask = new bool[network.ParameterCount];
        foreach (LayerParameters layer in Layers(network))
        {
            for (int i = 0; i < layer.WeightCount; i++)
            {
                mask[layer.WeightOffset + i] = true;
            }
        }

        return mask;
    }
}
