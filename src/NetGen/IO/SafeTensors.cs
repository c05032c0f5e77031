using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.IO;

/// <summary>
/// Reads and writes a network's parameters as a safetensors file, the format of Hugging Face <c>safetensors</c>:
/// an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing the tensors, then the raw
/// little-endian data buffer.
/// </summary>
/// <remarks>
/// <para>
/// Tensor names follow PyTorch <c>nn.Sequential</c> with an activation module between the <c>nn.Linear</c> layers:
/// layer l (1-based) is <c>"{2(l-1)}.weight"</c> with shape [out, in] and <c>"{2(l-1)}.bias"</c> with shape [out]
/// (no bias tensors for a network without biases). So the file of a 4-5-3 network loads with
/// <c>safetensors.torch.load_file</c> + <c>load_state_dict</c> into
/// <c>nn.Sequential(nn.Linear(4, 5), nn.Sigmoid(), nn.Linear(5, 3), ...)</c>, and such a model's
/// <c>save_file(model.state_dict(), path)</c> loads here. The activations themselves are not stored.
/// </para>
/// <para>
/// Written files use dtype F32 for a float network and F64 for a double network; the header lists
/// <c>__metadata__</c> first (when given), then the tensors in parameter order, padded with spaces so that the data
/// buffer starts at a multiple of 8 bytes. The data buffer is exactly <see cref="INetwork{T}.Parameters"/>.
/// </para>
/// <para>
/// Loading accepts both float dtypes for either network, tensor by tensor: F32 into a double network widens exactly;
/// F64 into a float network rounds each value to the nearest float, and a finite value beyond float's range is an
/// error (it would become infinite). NaN and infinite values are loaded as they are (the format allows them).
/// Every other dtype, any tensor other than the expected ones, and anything else wrong with the file is rejected.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>The largest header accepted, in bytes (the limit of the reference implementation).</summary>
    public const long MaxHeaderLength = SafeTensorsHeader.MaxHeaderLength;

    /// <summary>The name of layer <paramref name="layer"/>'s weight (<paramref name="bias"/> false) or bias tensor, e.g. "2.weight" for layer 2.</summary>
    /// <param name="layer">l, 1 for the first layer after the input.</param>
    /// <param name="bias">Whether to name the bias rather than the weight.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is less than 1.</exception>
    public static string TensorName(int layer, bool bias)
    {
        if (layer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, "Layers are numbered from 1.");
        }

        return SafeTensorsHeader.TensorName(layer, bias);
    }

    /// <summary>
    /// Saves the parameters of <paramref name="network"/> to <paramref name="path"/> atomically: the file is written to
    /// a temporary file in the same directory, flushed to disk, then moved over the target in one step, so a reader
    /// (or a crash) sees the old file or the new one, never a mix. If anything fails, the target is left as it was
    /// and the temporary file is deleted.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The temporary file is named <c>.{name}.{process id}-{random}.netgen-tmp</c> beside the target (the name cut to
    /// 200 UTF-8 bytes, so a 255-byte file name still gets a valid temporary name). A process killed during a save
    /// cannot delete its temporary file; each later save to the same target removes such leftovers: those whose
    /// writer process is no longer running and that have not been written to for a minute, and any not written to
    /// for an hour. Other files are never touched.
    /// </para>
    /// <para>
    /// Concurrent saves to one path (from threads or processes) each succeed, and the file is the last one moved in
    /// (last writer wins). On .NET 8 and later, a <paramref name="path"/> that is a symbolic link stays a link: the
    /// file it points to (through every link) is replaced. The netstandard2.0 build (for .NET Framework) cannot
    /// resolve links and replaces the link itself with the file.
    /// </para>
    /// </remarks>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="metadata">Optional string-to-string metadata, stored as <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds a null key or value, or a string that is not valid UTF-16, or <paramref name="path"/> names no file.</exception>
    /// <exception cref="IOException">The file cannot be written: for example its directory does not exist (<see cref="DirectoryNotFoundException"/>) or <paramref name="path"/> is a directory.</exception>
    public static void Save<T>(INetwork<T> network, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        byte[] header = SafeTensorsWriter.Header(network, metadata);
        string target = SaveTempFiles.Target(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException("'path' names no file.", nameof(path));
        SaveTempFiles.RemoveStale(directory, Path.GetFileName(target));
        string temp = Path.Combine(directory, SaveTempFiles.NewName(Path.GetFileName(target)));
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
            {
                SafeTensorsWriter.Write(network, header, file);
                file.Flush(flushToDisk: true);
            }

            SaveTempFiles.MoveOver(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes the parameters of <paramref name="network"/> in the safetensors format to <paramref name="stream"/>, from its current position; the stream is not closed.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="metadata">Optional string-to-string metadata, stored as <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds a null key or value, or a string that is not valid UTF-16.</exception>
    public static void Save<T>(INetwork<T> network, Stream stream, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        byte[] header = SafeTensorsWriter.Header(network, metadata);
        SafeTensorsWriter.Write(network, header, stream);
    }

    /// <summary>
    /// Loads parameters from a safetensors file into <paramref name="network"/>, after validating the whole file.
    /// On any failure the network's parameters are left untouched. Gradients are not changed.
    /// </summary>
    /// <param name="network">The network to load into; its topology must match the file's tensors.</param>
    /// <param name="path">The file to read.</param>
    /// <returns>The file's <c>__metadata__</c> (empty when it has none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file for this network; the message says what is wrong (which tensor, expected and actual).</exception>
    /// <exception cref="IOException">The file cannot be read: for example it does not exist (<see cref="FileNotFoundException"/>) or <paramref name="path"/> is a directory.</exception>
    public static IReadOnlyDictionary<string, string> Load<T>(INetwork<T> network, string path)
        where T : unmanaged
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        SafeTensorsReader.CheckNetwork(network);
        if (Directory.Exists(path))
        {
            // FileStream would say "access denied" (UnauthorizedAccessException), which is not what is wrong.
            throw new IOException("Cannot load '" + path + "': it is a directory, not a safetensors file.");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return SafeTensorsReader.Load(network, file);
    }

    /// <summary>
    /// Loads parameters from a safetensors stream (from its current position to its end) into <paramref name="network"/>,
    /// after validating all of it. On any failure the network's parameters are left untouched. Gradients are not changed.
    /// </summary>
    /// <param name="network">The network to load into; its topology must match the file's tensors.</param>
    /// <param name="stream">A readable stream; it is read to its end and not closed.</param>
    /// <returns>The file's <c>__metadata__</c> (empty when it has none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a valid safetensors file for this network; the message says what is wrong (which tensor, expected and actual).</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static IReadOnlyDictionary<string, string> Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        SafeTensorsReader.CheckNetwork(network);
        return SafeTensorsReader.Load(network, stream);
    }

    internal static readonly UTF8Encoding StrictUtf8 = SafeTensorsHeader.StrictUtf8;

    /// <summary>Reverses the bytes of each element (for big-endian machines; the format is little-endian).</summary>
    internal static void SwapBytes(Span<byte> bytes, int elementSize)
    {
        for (int i = 0; i + elementSize <= bytes.Length; i += elementSize)
        {
            bytes.Slice(i, elementSize).Reverse();
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Builds the header and writes the data of a safetensors file.</summary>
internal static class SafeTensorsWriter
{
    public static byte[] Header<T>(INetwork<T> network, IReadOnlyDictionary<string, string>? metadata)
        where T : unmanaged
    {
        SafeTensorsReader.CheckNetwork(network);
        int elementSize = typeof(T) == typeof(float) ? 4 : 8;
        string dtype = typeof(T) == typeof(float) ? "F32" : "F64";
        metadata = NetworkMetadata.With(network, metadata);
        var json = new StringBuilder();
        json.Append('{');
        bool first = true;
        if (metadata != null && metadata.Count > 0)
        {
            json.Append("\"__metadata__\":{");
            bool firstEntry = true;
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                if (entry.Key is null || entry.Value is null)
                {
                    throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
                }

                if (!firstEntry)
                {
                    json.Append(',');
                }

                JsonWriter.AppendString(json, entry.Key);
                json.Append(':');
                JsonWriter.AppendString(json, entry.Value);
                firstEntry = false;
            }

            json.Append('}');
            first = false;
        }

        foreach (LayerParameters layer in NetworkLayout.Layers(network))
        {
            AppendTensor(json, ref first, SafeTensors.TensorName(layer.Layer, false), dtype, layer.WeightOffset, layer.WeightCount, elementSize, layer.Outputs, layer.Inputs);
            if (layer.HasBias)
            {
                AppendTensor(json, ref first, SafeTensors.TensorName(layer.Layer, true), dtype, layer.BiasOffset, layer.Outputs, elementSize, layer.Outputs, -1);
            }
        }

        json.Append('}');
        byte[] text;
        try
        {
            text = SafeTensors.StrictUtf8.GetBytes(json.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The metadata holds a string that is not valid UTF-16 (a lone surrogate).", nameof(metadata), e);
        }

        // Pad with spaces (allowed by the format) so that the data buffer starts at a multiple of 8.
        int length = (text.Length + 7) / 8 * 8;
        var header = new byte[8 + length];
        ulong n = (ulong)length;
        for (int i = 0; i < 8; i++)
        {
            header[i] = (byte)(n >> (8 * i));
        }

        text.CopyTo(header, 8);
        for (int i = 8 + text.Length; i < header.Length; i++)
        {
            header[i] = (byte)' ';
        }

        return header;
    }

    /// <summary>Writes the length-prefixed header, then the parameters as little-endian bytes.</summary>
    public static void Write<T>(INetwork<T> network, byte[] header, Stream stream)
        where T : unmanaged
    {
        stream.Write(header, 0, header.Length);
        int elementSize = typeof(T) == typeof(float) ? 4 : 8;
        ReadOnlySpan<byte> data = MemoryMarshal.AsBytes((ReadOnlySpan<T>)network.Parameters);
        var chunk = new byte[Math.Min(data.Length, 1 << 16)];
        for (int offset = 0; offset < data.Length; offset += chunk.Length)
        {
            int count = Math.Min(chunk.Length, data.Length - offset);
            data.Slice(offset, count).CopyTo(chunk);
            if (!BitConverter.IsLittleEndian)
            {
                SafeTensors.SwapBytes(chunk.AsSpan(0, count), elementSize);
            }

            stream.Write(chunk, 0, count);
        }

        stream.Flush();
    }

    private static void AppendTensor(StringBuilder json, ref bool first, string name, string dtype, int offset, int count, int elementSize, int rows, int columns)
    {
        if (!first)
        {
            json.Append(',');
        }

        first = false;
        long begin = (long)offset * elementSize;
        long end = begin + ((long)count * elementSize);
        json.Append(DataCheckInvariant("\"{0}\":{{\"dtype\":\"{1}\",\"shape\":", name, dtype));
        json.Append(columns >= 0 ? DataCheckInvariant("[{0},{1}]", rows, columns) : DataCheckInvariant("[{0}]", rows));
        json.Append(DataCheckInvariant(",\"data_offsets\":[{0},{1}]}}", begin, end));
    }

    private static string DataCheckInvariant(string format, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
}
