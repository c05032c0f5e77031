using System;

namespace BrowserDigits;

/// <summary>
/// A 32x32 black-and-white bitmap you draw on, read as the data set's 8x8 images are made: the bitmap is cut into
/// 4x4 blocks and each pixel of the 8x8 image is the number of "on" pixels in its block, 0..16 (see
/// samples/Digits/digits.rst), then divided by 16 like DigitSet does.
/// </summary>
public sealed class DrawingPad
{
    /// <summary>Bitmap pixels per side.</summary>
    public const int Size = 32;

    /// <summary>Bitmap pixels per side of one 8x8 image pixel.</summary>
    public const int Block = Size / 8;

    /// <summary>
    /// The brush radius in bitmap pixels: a stroke 4 or 5 pixels wide, one 4x4 block, as thick as the data set's
    /// strokes (after 0, its commonest 8x8 value is 16, a block fully on).
    /// </summary>
    private const double BrushRadius = 2.2;

    private readonly bool[] _on = new bool[Size * Size];

    /// <summary>Whether bitmap pixel (row, column) is on.</summary>
    public bool this[int row, int column] => _on[(row * Size) + column];

    /// <summary>Whether nothing is drawn.</summary>
    public bool IsEmpty => Array.IndexOf(_on, true) < 0;

    /// <summary>Clears the bitmap.</summary>
    public void Clear() => Array.Clear(_on, 0, _on.Length);

    /// <summary>
    /// Paints a straight stroke from (x0, y0) to (x1, y1), in bitmap pixels (fractions allowed): the brush is stamped
    /// every quarter pixel along it, so a fast mouse still leaves a connected line.
    /// </summary>
    public void Stroke(double x0, double y0, double x1, double y1)
    {
        double length = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        int steps = Math.Max(1, (int)Math.Ceiling(length * 4));
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            Stamp(x0 + ((x1 - x0) * t), y0 + ((y1 - y0) * t));
        }
    }

    /// <summary>
    /// Sets the bitmap from an 8x8 image with values in [0, 1] (a data set image): each block gets round(16 v) pixels
    /// on, in a fixed order, so <see cref="ToImage"/> gives the image back exactly.
    /// </summary>
    public void Load(ReadOnlySpan<float> image)
    {
        Clear();
        for (int block = 0; block < 64; block++)
        {
            int count = (int)Math.Round(image[block] * 16);
            int top = (block / 8) * Block;
            int left = (block % 8) * Block;
            for (int k = 0; k < count; k++)
            {
                // The block's 16 pixels in a fixed order, its centre first, so a faint pixel looks like a dot.
                int p = FillOrder[k];
                _on[((top + (p / Block)) * Size) + left + (p % Block)] = true;
            }
        }
    }

    /// <summary>
    /// The 8x8 image the network reads: for each 4x4 block, the number of pixels on (0..16) divided by 16, row by row.
    /// </summary>
    public float[] ToImage()
    {
        var image = new float[64];
        for (int row = 0; row < Size; row++)
        {
            for (int column = 0; column < Size; column++)
            {
                if (_on[(row * Size) + column])
                {
                    image[((row / Block) * 8) + (column / Block)] += 1f / 16f;
                }
            }
        }

        return image;
    }

    private static readonly int[] FillOrder = { 5, 10, 6, 9, 1, 14, 4, 11, 2, 13, 7, 8, 0, 15, 3, 12 };

    private void Stamp(double x, double y)
    {
        int r = (int)Math.Ceiling(BrushRadius);
        int cx = (int)Math.Floor(x);
        int cy = (int)Math.Floor(y);
        for (int row = cy - r; row <= cy + r; row++)
        {
            for (int column = cx - r; column <= cx + r; column++)
            {
                if (row < 0 || row >= Size || column < 0 || column >= Size)
                {
                    continue;
                }

                // Distance from the brush centre to the pixel's centre.
                double dx = column + 0.5 - x;
                double dy = row + 0.5 - y;
                if ((dx * dx) + (dy * dy) <= BrushRadius * BrushRadius)
                {
                    _on[(row * Size) + column] = true;
                }
            }
        }
    }
}
