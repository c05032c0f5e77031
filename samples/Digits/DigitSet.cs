using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace DigitsSample;

/// <summary>
/// Labelled 8x8 images of handwritten digits: <see cref="Pixels"/> is a [Count, 64] row-major matrix (each image row
/// by row, values scaled from 0..16 to [0, 1]) and <see cref="Labels"/> holds the digits 0-9.
/// </summary>
public sealed class DigitSet
{
    /// <summary>Pixels per image (8 x 8).</summary>
    public const int PixelCount = 64;

    private DigitSet(float[] pixels, int[] labels)
    {
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>All images, one after the other: image i is <c>Pixels[64 * i .. 64 * i + 63]</c>.</summary>
    public float[] Pixels { get; }

    /// <summary>The digit each image shows.</summary>
    public int[] Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The 64 pixels of image <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Image(int i) => Pixels.AsSpan(i * PixelCount, PixelCount);

    /// <summary>
    /// Reads scikit-learn's <c>digits.csv.gz</c>: one image per line, 64 pixel values 0..16, then the digit.
    /// Pixels are divided by 16, so every input is in [0, 1].
    /// </summary>
    public static DigitSet Load(string path)
    {
        var pixels = new List<float>();
        var labels = new List<int>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.ASCII);
        while (reader.ReadLine() is string line)
        {
            string[] fields = line.Split(',');
            if (fields.Length != PixelCount + 1)
            {
                throw new InvalidDataException($"{path}, line {labels.Count + 1}: expected 65 values, found {fields.Length}.");
            }

            for (int k = 0; k < PixelCount; k++)
            {
                pixels.Add(float.Parse(fields[k], CultureInfo.InvariantCulture) / 16f);
            }

            labels.Add((int)float.Parse(fields[PixelCount], CultureInfo.InvariantCulture));
        }

        return new DigitSet(pixels.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// A reproducible random split: the rows are shuffled with <paramref name="seed"/>, the first
    /// round(Count * <paramref name="testFraction"/>) become the test set and the rest the training set.
    /// </summary>
    public (DigitSet Train, DigitSet Test) Split(double testFraction, int seed)
    {
        var order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        int testCount = (int)Math.Round(Count * testFraction);
        return (Select(order.AsSpan(testCount)), Select(order.AsSpan(0, testCount)));
    }

    /// <summary>Draws an image with one shading character per pixel, doubled so that it looks square; 8 lines of 16 characters.</summary>
    public static string[] Draw(ReadOnlySpan<float> image)
    {
        const string shades = " .:-=+*#%@";
        var lines = new string[8];
        for (int row = 0; row < 8; row++)
        {
            var line = new StringBuilder(16);
            for (int col = 0; col < 8; col++)
            {
                char c = shades[(int)Math.Round(image[(row * 8) + col] * (shades.Length - 1))];
                line.Append(c).Append(c);
            }

            lines[row] = line.ToString();
        }

        return lines;
    }

    private DigitSet Select(ReadOnlySpan<int> rows)
    {
        var pixels = new float[rows.Length * PixelCount];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Image(rows[i]).CopyTo(pixels.AsSpan(i * PixelCount));
            labels[i] = Labels[rows[i]];
        }

        return new DigitSet(pixels, labels);
    }
}
