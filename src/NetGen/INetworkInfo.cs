using System;

namespace NetGen;

/// <summary>
/// What a generated network is beyond its sizes: the activation of each layer, the loss and the code shape the
/// generator chose. Every generated network implements it explicitly (so it adds no member names to your type);
/// <see cref="NetworkExtensions.Summary{T}"/> uses it for a model summary, and <c>SafeTensors</c> records it in a
/// weight file and checks it on load.
/// </summary>
public interface INetworkInfo
{
    /// <summary>The activation of each layer after the input, in order (the last is the output layer's).</summary>
    ReadOnlySpan<Activation> Activations { get; }

    /// <summary>The loss E of one example.</summary>
    LossFunction Loss { get; }

    /// <summary>
    /// The code shape that runs here: <c>"unrolled"</c>, <c>"Vector256 code"</c> (written for the exact shape, on
    /// x64 with AVX2 and FMA), <c>"Vector128 code"</c> (the same for 128-bit CPUs: ARM64, WebAssembly, x64 without
    /// AVX2) or <c>"kernels"</c> (calls to the runtime's SIMD kernels); for <c>Deterministic = true</c> networks
    /// <c>"unrolled, deterministic"</c> or <c>"kernels, deterministic"</c> (the same on every CPU).
    /// </summary>
    string CodeShape { get; }
}
