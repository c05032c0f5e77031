using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen.__Internals;

// Hidden from IntelliSense, not [Obsolete]: generated code and the runtime itself call this type, so CS0618 would
// fire in every consumer's build (and fail it under TreatWarningsAsErrors).
/// <summary>
/// Copies parameters compiled into a network (little-endian constant data) into its parameter array.
/// For generated code only: not part of the supported API, and may change in any release.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BakedParameters
{
    /// <summary>
    /// Decodes float32 values from the string generated code bakes them into: two bytes per char, char k being byte
    /// 2k + 256 * byte 2k+1 of the little-endian values, so on a little-endian machine the chars are the values' bytes.
    /// </summary>
    public static void CopyTo(string littleEndianPairs, Span<float> destination)
    {
        if (littleEndianPairs is null)
        {
            throw new ArgumentNullException(nameof(littleEndianPairs));
        }

        Guard.Length(littleEndianPairs.Length, destination.Length * 2, nameof(littleEndianPairs));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<char, float>(littleEndianPairs.AsSpan()).CopyTo(destination);
            return;
        }

        Span<int> bits = MemoryMarshal.Cast<float, int>(destination);
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = littleEndianPairs[2 * i] | (littleEndianPairs[(2 * i) + 1] << 16);
        }
    }

    /// <summary>Decodes float64 values from the string generated code bakes them into (see the float overload).</summary>
    public static void CopyTo(string littleEndianPairs, Span<double> destination)
    {
        if (littleEndianPairs is null)
        {
            throw new ArgumentNullException(nameof(littleEndianPairs));
        }

        Guard.Length(littleEndianPairs.Length, destination.Length * 4, nameof(littleEndianPairs));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<char, double>(littleEndianPairs.AsSpan()).CopyTo(destination);
            return;
        }

        Span<long> bits = MemoryMarshal.Cast<double, long>(destination);
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = littleEndianPairs[4 * i] | ((long)littleEndianPairs[(4 * i) + 1] << 16) | ((long)littleEndianPairs[(4 * i) + 2] << 32) | ((long)littleEndianPairs[(4 * i) + 3] << 48);
        }
    }

    /// <summary>Decodes little-endian float32 values.</summary>
    public static void CopyTo(ReadOnlySpan<byte> littleEndian, Span<float> destination)
    {
        Guard.Length(littleEndian.Length, destination.Length * sizeof(float), nameof(littleEndian));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(littleEndian).CopyTo(destination);
            return;
        }

        Span<int> bits = MemoryMarshal.Cast<float, int>(destination);
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(littleEndian.Slice(i * sizeof(float)));
        }
    }

    /// <summary>Decodes little-endian float64 values.</summary>
    public static void CopyTo(ReadOnlySpan<byte> littleEndian, Span<double> destination)
    {
        Guard.Length(littleEndian.Length, destination.Length * sizeof(double), nameof(littleEndian));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, double>(littleEndian).CopyTo(destination);
            return;
        }

        Span<long> bits = MemoryMarshal.Cast<double, long>(destination);
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt64LittleEndian(littleEndian.Slice(i * sizeof(double)));
        }
    }
}
