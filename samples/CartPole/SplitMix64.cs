namespace CartPole;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the generator Vigna uses to seed xoshiro): a 64-bit state advanced by the
/// golden-ratio increment and mixed by two multiply-xorshift rounds. Written out here, not System.Random, so that a
/// seed gives the same episodes on every runtime, operating system and build (JIT or NativeAOT).
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniform in [0, 1): the top 53 bits times 2^-53, exact on every platform.</summary>
    /// <returns>A value in [0, 1).</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">The lower bound (included).</param>
    /// <param name="high">The upper bound (excluded).</param>
    /// <returns>A value in [low, high).</returns>
    public double NextDouble(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>A new generator whose sequence does not overlap this one's in practice (seeded from it).</summary>
    /// <returns>The new generator.</returns>
    public SplitMix64 Split() => new(NextUInt64());
}
