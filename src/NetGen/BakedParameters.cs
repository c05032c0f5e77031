using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>Copies parameters compiled into a network (little-endian constant data) into its parameter array. For generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BakedParameters
    {
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
}
