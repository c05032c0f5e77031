using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.IO
{
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
            if (got < 8)
            {
                throw Invalid("the file is truncated inside the 8-byte header length: it has only {0} byte(s)", got);
            }

            ulong n = 0;
            for (int i = 7; i >= 0; i--)
            {
                n = (n << 8) | prefix[i];
            }

            if (n < 2)
            {
                throw Invalid("the header length is {0}, too small for a JSON object", n);
            }

            if (n > SafeTensors.MaxHeaderLength)
            {
                throw Invalid("the header length is {0} bytes, more than the limit of {1}", n, SafeTensors.MaxHeaderLength);
            }

            if (size is long known && n > (ulong)(known - 8))
            {
                throw Invalid("the header length is {0} bytes but the file has only {1} bytes after the 8-byte length (truncated inside the header?)", n, known - 8);
            }

            // 2. The header: strict UTF-8, strict JSON.
            var headerBytes = new byte[(int)n];
            got = ReadFully(stream, headerBytes, 0, headerBytes.Length);
            if (got < headerBytes.Length)
            {
                throw Invalid("the file is truncated inside the header: the header length is {0} bytes but only {1} follow", n, got);
            }

            string text;
            try
            {
                text = SafeTensors.StrictUtf8.GetString(headerBytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException("safetensors: the header is not valid UTF-8.", e);
            }

            if (text[0] != '{')
            {
                throw Invalid("the header must begin with '{{' but begins with byte 0x{0:X2}", headerBytes[0]);
            }

            JsonValue root;
            try
            {
                root = JsonReader.Parse(text);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException("safetensors: the header is not valid JSON: " + e.Message + ".", e);
            }

            if (root.Kind != JsonKind.Object)
            {
                throw Invalid("the header must be a JSON object but is {0}", root.Describe());
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonValue> member in root.Members!)
            {
                if (member.Key == "__metadata__")
                {
                    ReadMetadata(member.Value, metadata);
                }
                else
                {
                    entries.Add(member.Key, ReadEntry(member.Key, member.Value));
                }
            }

            // 3. Every expected tensor, with a float dtype and the right shape; nothing else.
            List<Expected> expected = ExpectedTensors(network);
            var missing = new List<string>();
            foreach (Expected e in expected)
            {
                if (!entries.TryGetValue(e.Name, out Entry? entry))
                {
                    missing.Add(e.Name + " " + Shape(e.Shape));
                    continue;
                }

                entry.Target = e;
                if (entry.DType != "F32" && entry.DType != "F64")
                {
                    throw Invalid("tensor '{0}' has dtype {1}; expected {2} (F32 and F64 are accepted)", e.Name, entry.DType, typeof(T) == typeof(float) ? "F32" : "F64");
                }

                if (!SameShape(entry.Shape, e.Shape))
                {
                    throw Invalid("tensor '{0}' has shape {1}; expected {2} ({3})", e.Name, Shape(entry.Shape), Shape(e.Shape), e.Meaning);
                }

                ulong bytes = (ulong)e.Count * (entry.DType == "F32" ? 4UL : 8UL);
                if (entry.End < entry.Begin || entry.End - entry.Begin != bytes)
                {
                    throw Invalid(
                        "tensor '{0}' has data_offsets [{1}, {2}], {3} bytes, but {4} {5} of {6} take {7} bytes",
                        e.Name,
                        entry.Begin,
                        entry.End,
                        entry.End < entry.Begin ? "a negative number of" : (entry.End - entry.Begin).ToString(CultureInfo.InvariantCulture),
                        e.Count,
                        e.Count == 1 ? "value" : "values",
                        entry.DType,
                        bytes);
                }
            }

            if (missing.Count > 0)
            {
                throw Invalid("missing tensor(s) {0} of the {1} network; the file has {2}", string.Join(", ", missing), Describe(network), Names(entries.Keys));
            }

            if (entries.Count > expected.Count)
            {
                var extra = new List<string>();
                foreach (KeyValuePair<string, Entry> entry in entries)
                {
                    if (entry.Value.Target is null)
                    {
                        extra.Add("'" + entry.Key + "'");
                    }
                }

                throw Invalid("unexpected tensor(s) {0}; the {1} network has exactly {2}", string.Join(", ", extra), Describe(network), Names(expected.ConvertAll(e => e.Name)));
            }

            // 4. The data buffer: every tensor inside it, no overlaps, no holes, nothing after the last tensor.
            var ordered = new List<Entry>(entries.Values);
            ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long? bufferLength = size is long s ? s - 8 - (long)n : null;
            if (bufferLength is long length)
            {
                foreach (Entry entry in ordered)
                {
                    if (entry.End > (ulong)length)
                    {
                        throw Invalid("tensor '{0}' has data_offsets [{1}, {2}], outside the data buffer of {3} bytes (is the file truncated?)", entry.Name, entry.Begin, entry.End, length);
                    }
                }
            }

            ulong covered = 0;
            Entry? previous = null;
            foreach (Entry entry in ordered)
            {
                if (entry.Begin < covered)
                {
                    throw Invalid("tensors '{0}' [{1}, {2}] and '{3}' [{4}, {5}] overlap in the data buffer", previous!.Name, previous.Begin, previous.End, entry.Name, entry.Begin, entry.End);
                }

                if (entry.Begin > covered)
                {
                    throw Invalid("bytes [{0}, {1}) of the data buffer belong to no tensor (before '{2}'); the buffer must be covered exactly", covered, entry.Begin, entry.Name);
                }

                covered = entry.End;
                previous = entry;
            }

            if (bufferLength is long total && (ulong)total != covered)
            {
                throw Invalid("the data buffer has {0} bytes but the tensors cover {1}; bytes [{1}, {0}) belong to no tensor", total, covered);
            }

            // 5. Decode into scratch, in buffer order; only a fully decoded file reaches the network.
            var scratch = new T[network.ParameterCount];
            var chunk = new byte[1 << 16];
            foreach (Entry entry in ordered)
            {
                Decode(stream, entry, scratch, chunk);
            }

            if (bufferLength is null && stream.ReadByte() >= 0)
            {
                throw Invalid("the data buffer continues after the last tensor ends at byte {0}; the buffer must be covered exactly", covered);
            }

            scratch.AsSpan().CopyTo(network.Parameters);
            return metadata;
        }

        private static void Decode<T>(Stream stream, Entry entry, T[] scratch, byte[] chunk)
            where T : unmanaged
        {
            Expected target = entry.Target!;
            int size = entry.DType == "F32" ? 4 : 8;
            int index = target.Offset;
            ulong remaining = entry.End - entry.Begin;
            ulong position = entry.Begin;
            while (remaining > 0)
            {
                int want = (int)Math.Min((ulong)chunk.Length, remaining);
                int got = ReadFully(stream, chunk, 0, want);
                if (got < want)
                {
                    throw Invalid("the file is truncated inside the data buffer: tensor '{0}' needs bytes up to {1} but the buffer ends at byte {2}", entry.Name, entry.End, position + (ulong)got);
                }

                Span<byte> bytes = chunk.AsSpan(0, got);
                if (!BitConverter.IsLittleEndian)
                {
                    SafeTensors.SwapBytes(bytes, size);
                }

                int count = got / size;
                if (typeof(T) == typeof(float))
                {
                    Span<float> dst = MemoryMarshal.Cast<T, float>(scratch.AsSpan(index, count));
                    if (size == 4)
                    {
                        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(dst);
                    }
                    else
                    {
                        ReadOnlySpan<double> src = MemoryMarshal.Cast<byte, double>(bytes);
                        for (int i = 0; i < count; i++)
                        {
                            float f = (float)src[i];
                            if (float.IsInfinity(f) && !double.IsInfinity(src[i]))
                            {
                                throw Invalid(
                                    "tensor '{0}' element {1} is {2}, outside the range of float (loading F64 into a float network)",
                                    entry.Name,
                                    index - target.Offset + i,
                                    src[i].ToString("R", CultureInfo.InvariantCulture));
                            }

                            dst[i] = f;
                        }
                    }
                }
                else
                {
                    Span<double> dst = MemoryMarshal.Cast<T, double>(scratch.AsSpan(index, count));
                    if (size == 8)
                    {
                        MemoryMarshal.Cast<byte, double>(bytes).CopyTo(dst);
                    }
                    else
                    {
                        ReadOnlySpan<float> src = MemoryMarshal.Cast<byte, float>(bytes);
                        for (int i = 0; i < count; i++)
                        {
                            dst[i] = src[i];
                        }
                    }
                }

                index += count;
                remaining -= (ulong)got;
                position += (ulong)got;
            }
        }

        private static void ReadMetadata(JsonValue value, Dictionary<string, string> metadata)
        {
            if (value.Kind != JsonKind.Object)
            {
                throw Invalid("__metadata__ must be an object of strings but is {0}", value.Describe());
            }

            foreach (KeyValuePair<string, JsonValue> entry in value.Members!)
            {
                if (entry.Value.Kind != JsonKind.String)
                {
                    throw Invalid("__metadata__ entry '{0}' must be a string but is {1}", entry.Key, entry.Value.Describe());
                }

                metadata.Add(entry.Key, entry.Value.Text!);
            }
        }

        private static Entry ReadEntry(string name, JsonValue value)
        {
            if (value.Kind != JsonKind.Object)
            {
                throw Invalid("tensor '{0}' must be described by an object but is {1}", name, value.Describe());
            }

            string? dtype = null;
            ulong[]? shape = null;
            ulong[]? offsets = null;
            foreach (KeyValuePair<string, JsonValue> field in value.Members!)
            {
                switch (field.Key)
                {
                    case "dtype":
                        if (field.Value.Kind != JsonKind.String)
                        {
                            throw Invalid("tensor '{0}' dtype must be a string but is {1}", name, field.Value.Describe());
                        }

                        dtype = field.Value.Text!;
                        break;
                    case "shape":
                        shape = Integers(name, "shape", field.Value);
                        break;
                    case "data_offsets":
                        offsets = Integers(name, "data_offsets", field.Value);
                        if (offsets.Length != 2)
                        {
                            throw Invalid("tensor '{0}' data_offsets must be [begin, end] but has {1} number(s)", name, offsets.Length);
                        }

                        break;
                    default:
                        throw Invalid("tensor '{0}' has an unknown field '{1}' (expected dtype, shape, data_offsets)", name, field.Key);
                }
            }

            if (dtype is null || shape is null || offsets is null)
            {
                throw Invalid("tensor '{0}' lacks its {1}", name, dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets");
            }

            return new Entry(name, dtype, shape, offsets[0], offsets[1]);
        }

        private static ulong[] Integers(string name, string field, JsonValue value)
        {
            if (value.Kind != JsonKind.Array)
            {
                throw Invalid("tensor '{0}' {1} must be an array of integers but is {2}", name, field, value.Describe());
            }

            var result = new ulong[value.Items!.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (!value.Items[i].TryGetUInt64(out result[i]))
                {
                    throw Invalid("tensor '{0}' {1} must hold non-negative integers but element {2} is {3}", name, field, i, value.Items[i].Describe());
                }
            }

            return result;
        }

        private static List<Expected> ExpectedTensors<T>(INetwork<T> network)
            where T : unmanaged
        {
            var expected = new List<Expected>();
            foreach (LayerParameters layer in NetworkLayout.Layers(network))
            {
                string meaning = string.Format(CultureInfo.InvariantCulture, "layer {0}, {1} -> {2} units", layer.Layer, layer.Inputs, layer.Outputs);
                expected.Add(new Expected(SafeTensors.TensorName(layer.Layer, false), new[] { (ulong)layer.Outputs, (ulong)layer.Inputs }, layer.WeightOffset, layer.WeightCount, "[out, in] for " + meaning));
                if (layer.HasBias)
                {
                    expected.Add(new Expected(SafeTensors.TensorName(layer.Layer, true), new[] { (ulong)layer.Outputs }, layer.BiasOffset, layer.Outputs, "[out] for " + meaning));
                }
            }

            return expected;
        }

        private static bool SameShape(ulong[] a, ulong[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string Shape(ulong[] shape)
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < shape.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
            }

            return text.Append(']').ToString();
        }

        private static string Describe<T>(INetwork<T> network)
            where T : unmanaged
        {
            var text = new StringBuilder();
            ReadOnlySpan<int> sizes = network.LayerSizes;
            for (int i = 0; i < sizes.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : "-").Append(sizes[i].ToString(CultureInfo.InvariantCulture));
            }

            return text.Append(network.HasBias ? string.Empty : " (no biases)").ToString();
        }

        private static string Names(IEnumerable<string> names)
        {
            var list = new List<string>();
            foreach (string name in names)
            {
                list.Add("'" + name + "'");
            }

            return list.Count == 0 ? "no tensors" : string.Join(", ", list);
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

        private static InvalidDataException Invalid(string format, params object[] args) =>
            new InvalidDataException("safetensors: " + string.Format(CultureInfo.InvariantCulture, format, args) + ".");

        /// <summary>A tensor the network needs: name, shape, where it goes in the parameters.</summary>
        private sealed class Expected
        {
            public Expected(string name, ulong[] shape, int offset, int count, string meaning)
            {
                Name = name;
                Shape = shape;
                Offset = offset;
                Count = count;
                Meaning = meaning;
            }

            public string Name { get; }

            public ulong[] Shape { get; }

            public int Offset { get; }

            public int Count { get; }

            public string Meaning { get; }
        }

        /// <summary>A tensor as the header describes it.</summary>
        private sealed class Entry
        {
            public Entry(string name, string dtype, ulong[] shape, ulong begin, ulong end)
            {
                Name = name;
                DType = dtype;
                Shape = shape;
                Begin = begin;
                End = end;
            }

            public string Name { get; }

            public string DType { get; }

            public ulong[] Shape { get; }

            public ulong Begin { get; }

            public ulong End { get; }

            public Expected? Target { get; set; }
        }
    }
}
