using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace FashionMnistSample;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST (gzip-compressed): a 4-byte magic number (0, 0, data type 0x08 for
/// unsigned bytes, number of dimensions), each dimension as a big-endian 32-bit integer, then the bytes row-major.
/// </summary>
public static class Idx
{
    /// <summary>Reads an image file (3 dimensions: count, rows, columns) as a [count, rows * columns] matrix with pixels scaled from 0..255 to [0, 1].</summary>
    public static float[] ReadImages(string path, out int count, out int pixelsPerImage)
    {
        byte[] data = Read(path, out int[] dimensions);
        if (dimensions.Length != 3)
        {
            throw new InvalidDataException($"{path}: an image file has 3 dimensions, this one has {dimensions.Length}.");
        }

        count = dimensions[0];
        pixelsPerImage = dimensions[1] * dimensions[2];
        var pixels = new float[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            pixels[i] = data[i] / 255f;
        }

        return pixels;
    }

    /// <summary>Reads a label file (1 dimension) as class indices.</summary>
    public static int[] ReadLabels(string path)
    {
        byte[] data = Read(path, out int[] dimensions);
        if (dimensions.Length != 1)
        {
            throw new InvalidDataException($"{path}: a label file has 1 dimension, this one has {dimensions.Length}.");
        }

        return Array.ConvertAll(data, b => (int)b);
    }

    private static byte[] Read(string path, out int[] dimensions)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0)
        {
            throw new InvalidDataException($"{path} is not an IDX file of unsigned bytes.");
        }

        dimensions = new int[magic[3]];
        long length = 1;
        Span<byte> size = stackalloc byte[4];
        for (int d = 0; d < dimensions.Length; d++)
        {
            stream.ReadExactly(size);
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(size);
            length *= dimensions[d];
        }

        var data = new byte[length];
        stream.ReadExactly(data);
        return data;
    }
}
