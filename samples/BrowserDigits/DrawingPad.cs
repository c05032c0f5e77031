using System;
using System.Collections.Generic;

namespace BrowserDigits;

/// <summary>
/// A 32x32 black-and-white bitmap you draw on, read as the data set's 8x8 images were made: the bitmap is cut into
/// 4x4 blocks and each pixel of the 8x8 image is the number of "on" pixels in its block, 0..16 (see
/// samples/Digits/digits.rst), then divided by 16 as DigitSet does.
/// </summary>
/// <remarks>
/// The data set's digits were size-normalised before that: every one of the 1797 images spans all 8 rows, centred
/// left to right. So by default <see cref="ToImage"/> redraws the strokes scaled to the full height (keeping their
/// proportions, with the same brush) and centred, and the network sees your digit as it saw the data set's, wherever
/// and however large you drew it.
/// </remarks>
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

    // The block's 16 pixels in a fixed order, its centre first, so that a faint 8x8 pixel looks like a dot.
    private static readonly int[] FillOrder = { 5, 10, 6, 9, 1, 14, 4, 11, 2, 13, 7, 8, 0, 15, 3, 12 };

    private readonly bool[] _on = new bool[Size * Size];
    private readonly List<List<(double X, double Y)>> _strokes = new();

    /// <summary>Whether bitmap pixel (row, column) is on, as drawn (before any normalisation).</summary>
    public bool this[int row, int column] => _on[(row * Size) + column];

    /// <summary>Whether nothing is drawn.</summary>
    public bool IsEmpty => Array.IndexOf(_on, true) < 0;

    /// <summary>Whether <see cref="ToImage"/> scales and centres the strokes like the data set's digits (default on).</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>Clears the bitmap.</summary>
    public void Clear()
    {
        Array.Clear(_on, 0, _on.Length);
        _strokes.Clear();
    }

    /// <summary>Starts a new stroke at (x, y), in bitmap pixels (fractions allowed).</summary>
    public void BeginStroke(double x, double y)
    {
        _strokes.Add(new List<(double X, double Y)> { (x, y) });
        Segment(_on, x, y, x, y);
    }

    /// <summary>Continues the current stroke in a straight line to (x, y).</summary>
    public void ContinueStroke(double x, double y)
    {
        if (_strokes.Count == 0)
        {
            BeginStroke(x, y);
            return;
        }

        List<(double X, double Y)> stroke = _strokes[^1];
        (double x0, double y0) = stroke[^1];
        stroke.Add((x, y));
        Segment(_on, x0, y0, x, y);
    }

    /// <summary>
    /// Sets the bitmap from an 8x8 image with values in [0, 1] (a data set image): each block gets round(16 v) pixels
    /// on, so <see cref="ToImage"/> gives the image back exactly (it is already normalised).
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
                int p = FillOrder[k];
                _on[((top + (p / Block)) * Size) + left + (p % Block)] = true;
            }
        }
    }

    /// <summary>
    /// The 8x8 image the network reads: for each 4x4 block, the number of pixels on (0..16) divided by 16, row by row;
    /// drawn strokes are first scaled and centred when <see cref="Normalize"/> is on.
    /// </summary>
    public float[] ToImage() => Count(Normalize && _strokes.Count > 0 ? NormalizedBitmap() : _on);

    private static float[] Count(bool[] bitmap)
    {
        var image = new float[64];
        for (int row = 0; row < Size; row++)
        {
            for (int column = 0; column < Size; column++)
            {
                if (bitmap[(row * Size) + column])
                {
                    image[((row / Block) * 8) + (column / Block)] += 1f / 16f;
                }
            }
        }

        return image;
    }

    /// <summary>
    /// The strokes redrawn with the same brush, scaled (proportions kept) so that the ink spans the full height, or
    /// the full width if it is wider than tall, and centred.
    /// </summary>
    private bool[] NormalizedBitmap()
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (List<(double X, double Y)> stroke in _strokes)
        {
            foreach ((double x, double y) in stroke)
            {
                (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            }
        }

        // The brush adds its radius on every side, so the stroke centres must span Size - 2 r. A single dot keeps its size.
        double span = Math.Max(maxX - minX, maxY - minY);
        double scale = span < 1 ? 1 : (Size - (2 * BrushRadius)) / span;
        double centreX = (minX + maxX) / 2;
        double centreY = (minY + maxY) / 2;
        var bitmap = new bool[Size * Size];
        foreach (List<(double X, double Y)> stroke in _strokes)
        {
            for (int i = 0; i < stroke.Count; i++)
            {
                (double x0, double y0) = stroke[Math.Max(0, i - 1)];
                (double x1, double y1) = stroke[i];
                Segment(
                    bitmap,
                    (Size / 2.0) + ((x0 - centreX) * scale),
                    (Size / 2.0) + ((y0 - centreY) * scale),
                    (Size / 2.0) + ((x1 - centreX) * scale),
                    (Size / 2.0) + ((y1 - centreY) * scale));
            }
        }

        return bitmap;
    }

    /// <summary>
    /// Paints a straight line from (x0, y0) to (x1, y1): the brush is stamped every quarter pixel along it, so a fast
    /// mouse still leaves a connected line.
    /// </summary>
    private static void Segment(bool[] bitmap, double x0, double y0, double x1, double y1)
    {
        double length = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        int steps = Math.Max(1, (int)Math.Ceiling(length * 4));
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            Stamp(bitmap, x0 + ((x1 - x0) * t), y0 + ((y1 - y0) * t));
        }
    }

    private static void Stamp(bool[] bitmap, double x, double y)
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
                    bitmap[(row * Size) + column] = true;
                }
            }
        }
    }
}
