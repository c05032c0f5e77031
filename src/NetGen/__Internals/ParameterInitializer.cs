using System;
using System.ComponentModel;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// Deterministic weight initialisation used by generated <c>InitializeParameters</c>: a SplitMix64 stream of
/// uniform numbers, so the same seed gives bit-identical parameters on every runtime, OS and CPU.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>Glorot (Xavier) uniform: w ~ U(-r, r), r = sqrt(6 / (fanIn + fanOut)).</summary>
    public static void Glorot(Span<float> weights, int fanIn, int fanOut, ref ulong state) =>
        Uniform(weights, Math.Sqrt(6d / (fanIn + fanOut)), ref state);

    /// <summary>Glorot (Xavier) uniform: w ~ U(-r, r), r = sqrt(6 / (fanIn + fanOut)).</summary>
    public static void Glorot(Span<double> weights, int fanIn, int fanOut, ref ulong state) =>
        Uniform(weights, Math.Sqrt(6d / (fanIn + fanOut)), ref state);

    /// <summary>He uniform, for ReLU layers: w ~ U(-r, r), r = sqrt(6 / fanIn).</summary>
    public static void He(Span<float> weights, int fanIn, ref ulong state) =>
        Uniform(weights, Math.Sqrt(6d / fanIn), ref state);

    /// <summary>He uniform, for ReLU layers: w ~ U(-r, r), r = sqrt(6 / fanIn).</summary>
    public static void He(Span<double> weights, int fanIn, ref ulong state) =>
        Uniform(weights, Math.Sqrt(6d / fanIn), ref state);

    /// <summary>Fills <paramref name="values"/> with U(-limit, limit).</summary>
    public static void Uniform(Span<float> values, double limit, ref ulong state)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2d * NextDouble(ref state) - 1d) * limit);
        }
    }

    /// <summary>Fills <paramref name="values"/> with U(-limit, limit).</summary>
    public static void Uniform(Span<double> values, double limit, ref ulong state)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (2d * NextDouble(ref state) - 1d) * limit;
        }
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1d / (1UL << 53));

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): the next 64 random bits.</summary>
    public static ulong Next(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
