using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.IO;

/// <summary>One tensor of a checked header: where its bytes are in the data buffer and where its values go in Parameters.</summary>
internal sealed class SafeTensorsEntry
{
    public SafeTensorsEntry(string name, string dtype, ulong[] shape, ulong begin, ulong end)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Begin = begin;
        End = end;
    }

    public string Name { get; }

    /// <summary>"F32" or "F64" once checked.</summary>
    public string DType { get; }

    /// <summary>4 for F32, 8 for F64.</summary>
    public int ElementSize => DType == "F32" ? 4 : 8;

    public ulong[] Shape { get; }

    /// <summary>First byte of the tensor in the data buffer.</summary>
    public ulong Begin { get; }

    /// <summary>One past its last byte in the data buffer.</summary>
    public ulong End { get; }

    /// <summary>Index of its first value in Parameters.</summary>
    public int ParameterOffset { get; set; } = -1;

    /// <summary>Number of values.</summary>
    public int Count { get; set; }
}

/// <summary>A checked header: the metadata and the tensors in data-buffer order, covering exactly <see cref="DataLength"/> bytes.</summary>
internal sealed class SafeTensorsLayout
{
    public SafeTensorsLayout(Dictionary<string, string> metadata, List<SafeTensorsEntry> tensors, ulong dataLength)
    {
        Metadata = metadata;
        Tensors = tensors;
        DataLength = dataLength;
    }

    public Dictionary<string, string> Metadata { get; }

    public List<SafeTensorsEntry> Tensors { get; }

    public ulong DataLength { get; }
}

/// <summary>
/// The one safetensors validator, compiled into the runtime (<c>SafeTensors.Load</c>) and into the generator (baked
/// weights), so both accept and reject exactly the same files with the same messages. Every check returns an error
/// message (no "safetensors:" prefix, no final period) or null; the caller turns it into an exception or a diagnostic.
/// </summary>
/// <remarks>
/// A file is an 8-byte little-endian header length N, N bytes of UTF-8 JSON beginning with '{' (trailing spaces
/// allowed), then the data buffer. The header maps each tensor name to exactly {dtype, shape, data_offsets}, plus an
/// optional <c>__metadata__</c> object of strings. The tensors must be exactly those of the network, F32 or F64, of
/// the right shape, and must cover the data buffer exactly: no overlap, no hole, nothing after the last one.
/// </remarks>
internal static partial class SafeTensorsHeader
{
    /// <summary>The largest header accepted, in bytes (the limit of the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    public static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>PyTorch nn.Sequential naming: layer l's tensors are "{2(l-1)}.weight" and "{2(l-1)}.bias".</summary>
    public static string TensorName(int layer, bool bias) =>
        (2 * (layer - 1)).ToString(CultureInfo.InvariantCulture) + (bias ? ".bias" : ".weight");

    /// <summary>Step 1: the header length N from the first <paramref name="got"/> (up to 8) bytes; <paramref name="remaining"/> is the number of bytes after them when known.</summary>
    public static string? CheckLength(byte[] prefix, int got, long? remaining, out ulong n)
    {
        n = 0;
        if (got < 8)
        {
            return Format("the file is truncated inside the 8-byte header length: it has only {0} byte(s)", got);
        }

        for (int i = 7; i >= 0; i--)
        {
            n = (n << 8) | prefix[i];
        }

        if (n < 2)
        {
            return Format("the header length is {0}, too small for a JSON object", n);
        }

        if (n > MaxHeaderLength)
        {
            return Format("the header length is {0} bytes, more than the limit of {1}", n, MaxHeaderLength);
        }

        if (remaining is long known && n > (ulong)known)
        {
            return Format("the header length is {0} bytes but the file has only {1} bytes after the 8-byte length (truncated inside the header?)", n, known);
        }

        return null;
    }

    /// <summary>Only <paramref name="got"/> of the header's <paramref name="n"/> bytes could be read.</summary>
    public static string TruncatedHeader(ulong n, int got) =>
        Format("the file is truncated inside the header: the header length is {0} bytes but only {1} follow", n, got);

    /// <summary>
    /// Steps 2 to 4: parses the header, checks every tensor against the network (<paramref name="sizes"/>, input
    /// first) and checks the layout of the data buffer (<paramref name="bufferLength"/> bytes when known; when not,
    /// the caller checks that the data ends where the last tensor ends).
    /// </summary>
    public static string? Check(byte[] header, int[] sizes, bool bias, bool isDouble, long? bufferLength, out SafeTensorsLayout? layout)
    {
        layout = null;
        string text;
        try
        {
            text = StrictUtf8.GetString(header);
        }
        catch (DecoderFallbackException)
        {
            return "the header is not valid UTF-8";
        }

        if (text.Length == 0 || text[0] != '{')
        {
            return Format("the header must begin with '{{' but begins with byte 0x{0:X2}", header.Length == 0 ? 0 : header[0]);
        }

        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (FormatException e)
        {
            return "the header is not valid JSON: " + e.Message;
        }

        if (root.Kind != JsonKind.Object)
        {
            return Format("the header must be a JSON object but is {0}", root.Describe());
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonValue> member in root.Members!)
        {
            string? error = member.Key == "__metadata__"
                ? ReadMetadata(member.Value, metadata)
                : ReadEntry(member.Key, member.Value, entries);
            if (error is not null)
            {
                return error;
            }
        }

        string? tensorError = CheckTensors(entries, sizes, bias, isDouble);
        if (tensorError is not null)
        {
            return tensorError;
        }

        var ordered = new List<SafeTensorsEntry>(entries.Values);
        ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        string? layoutError = CheckLayout(ordered, bufferLength, out ulong covered);
        if (layoutError is not null)
        {
            return layoutError;
        }

        layout = new SafeTensorsLayout(metadata, ordered, covered);
        return null;
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> (whole elements of <paramref name="entry"/>, in machine byte order) into
    /// <paramref name="destination"/>; <paramref name="first"/> is the index within the tensor of the first element,
    /// for the message. F64 into float rounds to nearest; a finite value beyond float's range is an error.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, SafeTensorsEntry entry, int first, Span<float> destination)
    {
        if (entry.ElementSize == 4)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
            return null;
        }

        ReadOnlySpan<double> source = MemoryMarshal.Cast<byte, double>(bytes);
        for (int i = 0; i < source.Length; i++)
        {
            float f = (float)source[i];
            if (float.IsInfinity(f) && !double.IsInfinity(source[i]))
            {
                return Format(
                    "tensor '{0}' element {1} is {2}, outside the range of float (loading F64 into a float network)",
                    entry.Name,
                    first + i,
                    source[i].ToString("R", CultureInfo.InvariantCulture));
            }

            destination[i] = f;
        }

        return null;
    }

    /// <summary>Decodes <paramref name="bytes"/> (machine byte order) into doubles; F32 widens exactly.</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, SafeTensorsEntry entry, Span<double> destination)
    {
        if (entry.ElementSize == 8)
        {
            MemoryMarshal.Cast<byte, double>(bytes).CopyTo(destination);
            return;
        }

        ReadOnlySpan<float> source = MemoryMarshal.Cast<byte, float>(bytes);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    public static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>The metadata key of a NetGen-written file's activations, e.g. <c>Tanh,Softmax</c> (one per layer after the input).</summary>
    public const string ActivationsKey = "netgen.activations";

    /// <summary>The metadata key of a NetGen-written file's loss, e.g. <c>CrossEntropy</c>.</summary>
    public const string LossKey = "netgen.loss";

    /// <summary>
    /// Null when the file's record of the network that wrote it (if it has one) names these activations and this
    /// loss, else what differs: shapes alone cannot tell a tanh network from a ReLU one of the same sizes. The loader
    /// and the baker both call it, with the same message.
    /// </summary>
    public static string? CheckRecord(IReadOnlyDictionary<string, string> metadata, string activations, string loss)
    {
        if (metadata.TryGetValue(ActivationsKey, out string? savedActivations) && savedActivations != activations)
        {
            return Format("the file was saved from a network with activations {0} ('{1}' in its metadata), but this network has {2}: the weights would compute something else; load it into a network declared like the one that saved it", savedActivations, ActivationsKey, activations);
        }

        if (metadata.TryGetValue(LossKey, out string? savedLoss) && savedLoss != loss)
        {
            return Format("the file was saved from a network trained with the loss {0} ('{1}' in its metadata), but this network uses {2}; load it into a network declared like the one that saved it", savedLoss, LossKey, loss);
        }

        return null;
    }
}
