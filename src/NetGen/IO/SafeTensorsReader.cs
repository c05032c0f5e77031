using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen.IO;

/// <summary>Validates and decodes a safetensors file into a scratch buffer, then copies it into the network.</summary>
internal static class SafeTensorsReader
{
    public static void CheckNetwork<T>(INetwork<T> network)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException("NetGen networks use float or double, not " + typeof(T).Name + ".");
        }
    }

    public static IReadOnlyDictionary<string, string> Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged
    {
        long? size = stream.CanSeek ? stream.Length - stream.Position : null;

        // 1. The 8-byte little-endian header length N.
        var prefix = new byte[8];
        int got = ReadFully(stream, prefix, 0, 8);
        Check(SafeTensorsHeader.CheckLength(prefix, got, size - 8, out ulong n));

        // 2-4. The header (strict UTF-8, strict JSON), every tensor against the network, the data buffer's layout:
        // the same checks, with the same messages, as the generator's baked weights.
        var headerBytes = new byte[(int)n];
        got = ReadFully(stream, headerBytes, 0, headerBytes.Length);
        if (got < headerBytes.Length)
        {
            throw Invalid(SafeTensorsHeader.TruncatedHeader(n, got));
        }

        int[] sizes = network.LayerSizes.ToArray();
        Check(SafeTensorsHeader.Check(headerBytes, sizes, network.HasBias, typeof(T) == typeof(double), size - 8 - (long)n, out SafeTensorsLayout? layout));

        // 5. Decode into scratch, in buffer order; only a fully decoded file reaches the network.
        var scratch = new T[network.ParameterCount];
        var chunk = new byte[1 << 16];
        foreach (SafeTensorsEntry entry in layout!.Tensors)
        {
            Decode(stream, entry, scratch, chunk);
        }

        if (size is null && stream.ReadByte() >= 0)
        {
            throw Invalid(SafeTensorsHeader.Format("the data buffer continues after the last tensor ends at byte {0}; the buffer must be covered exactly", layout.DataLength));
        }

        Check(NetworkMetadata.Mismatch(network, layout.Metadata));
        scratch.AsSpan().CopyTo(network.Parameters);
        return layout.Metadata;
    }

    private static void Decode<T>(Stream stream, SafeTensorsEntry entry, T[] scratch, byte[] chunk)
        where T : unmanaged
    {
        int size = entry.ElementSize;
        int index = entry.ParameterOffset;
        ulong remaining = entry.End - entry.Begin;
        ulong position = entry.Begin;
        while (remaining > 0)
        {
            int want = (int)Math.Min((ulong)chunk.Length, remaining);
            int got = ReadFully(stream, chunk, 0, want);
            if (got < want)
            {
                throw Invalid(SafeTensorsHeader.Format("the file is truncated inside the data buffer: tensor '{0}' needs bytes up to {1} but the buffer ends at byte {2}", entry.Name, entry.End, position + (ulong)got));
            }

            Span<byte> bytes = chunk.AsSpan(0, got);
            if (!BitConverter.IsLittleEndian)
            {
                SafeTensors.SwapBytes(bytes, size);
            }

            int count = got / size;
            if (typeof(T) == typeof(float))
            {
                Check(SafeTensorsHeader.Decode(bytes, entry, index - entry.ParameterOffset, MemoryMarshal.Cast<T, float>(scratch.AsSpan(index, count))));
            }
            else
            {
                SafeTensorsHeader.Decode(bytes, entry, MemoryMarshal.Cast<T, double>(scratch.AsSpan(index, count)));
            }

            index += count;
            remaining -= (ulong)got;
            position += (ulong)got;
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, offset + total, count - total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static void Check(string? error)
    {
        if (error is not null)
        {
            throw Invalid(error);
        }
    }

    private static InvalidDataException Invalid(string message) => new InvalidDataException("safetensors: " + message + ".");
}
