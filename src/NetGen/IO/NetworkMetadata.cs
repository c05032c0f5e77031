using System;
using System.Collections.Generic;

namespace NetGen.IO;

/// <summary>
/// What a weight file records about the network that wrote it, beyond the tensor shapes: the activation of each
/// layer and the loss (<see cref="INetworkInfo"/>). Shapes alone cannot tell a tanh network from a ReLU one with
/// the same sizes; loaded into the wrong one, the weights would silently compute something else.
/// </summary>
internal static class NetworkMetadata
{
    private const string ActivationsKey = SafeTensorsHeader.ActivationsKey;
    private const string LossKey = SafeTensorsHeader.LossKey;

    /// <summary>The caller's metadata plus the network's activations and loss (when the network says them).</summary>
    public static IReadOnlyDictionary<string, string>? With<T>(INetwork<T> network, IReadOnlyDictionary<string, string>? metadata)
        where T : unmanaged
    {
        if (network is not INetworkInfo info)
        {
            return metadata;
        }

        var merged = new Dictionary<string, string>();
        if (metadata != null)
        {
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                if (entry.Key is null || entry.Value is null)
                {
                    throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
                }

                merged[entry.Key] = entry.Value;
            }
        }

        Add(merged, ActivationsKey, Activations(info));
        Add(merged, LossKey, info.Loss.ToString());
        return merged;
    }

    /// <summary>Null when the file's record (if any) matches the network, else what differs.</summary>
    public static string? Mismatch<T>(INetwork<T> network, IReadOnlyDictionary<string, string> metadata)
        where T : unmanaged
    {
        if (network is not INetworkInfo info)
        {
            return null;
        }

        return SafeTensorsHeader.CheckRecord(metadata, Activations(info), info.Loss.ToString());
    }

    private static string Activations(INetworkInfo info)
    {
        ReadOnlySpan<Activation> activations = info.Activations;
        var names = new string[activations.Length];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = activations[i].ToString();
        }

        return string.Join(",", names);
    }

    private static void Add(Dictionary<string, string> metadata, string key, string value)
    {
        if (metadata.TryGetValue(key, out string? given) && given != value)
        {
            throw new ArgumentException(
                SafeTensorsHeader.Format("The metadata key '{0}' is NetGen's own record of the network ({1} for this one) but the metadata gives '{2}'; leave the key out or give that value.", key, value, given),
                "metadata");
        }

        metadata[key] = value;
    }
}
