using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.IO;

// The header checks behind Check: the tensors, the data buffer's layout, the JSON fields, and the message helpers.
internal static partial class SafeTensorsHeader
{
    /// <summary>Every expected tensor present, F32 or F64, of the right shape and byte count; nothing else.</summary>
    private static string? CheckTensors(Dictionary<string, SafeTensorsEntry> entries, int[] sizes, bool bias, bool isDouble)
    {
        var missing = new List<string>();
        var expected = new List<string>();
        ParameterLayout.Offsets(sizes, bias, out int[] weightOffset, out int[] biasOffset);
        for (int l = 1; l < sizes.Length; l++)
        {
            string meaning = Format("layer {0}, {1} -> {2} units", l, sizes[l - 1], sizes[l]);
            for (int part = 0; part < (bias ? 2 : 1); part++)
            {
                bool isBias = part == 1;
                string name = TensorName(l, isBias);
                ulong[] shape = isBias ? new[] { (ulong)sizes[l] } : new[] { (ulong)sizes[l], (ulong)sizes[l - 1] };
                int count = isBias ? sizes[l] : sizes[l] * sizes[l - 1];
                expected.Add(name);
                int at = isBias ? biasOffset[l] : weightOffset[l];
                if (!entries.TryGetValue(name, out SafeTensorsEntry? entry))
                {
                    missing.Add(name + " " + Shape(shape));
                    continue;
                }

                entry.ParameterOffset = at;
                entry.Count = count;
                if (entry.DType != "F32" && entry.DType != "F64")
                {
                    return Format("tensor '{0}' has dtype {1}; expected {2} (F32 and F64 are accepted)", name, entry.DType, isDouble ? "F64" : "F32");
                }

                if (!SameShape(entry.Shape, shape))
                {
                    return Format("tensor '{0}' has shape {1}; expected {2} ({3})", name, Shape(entry.Shape), Shape(shape), (isBias ? "[out] for " : "[out, in] for ") + meaning);
                }

                ulong bytes = (ulong)count * (ulong)entry.ElementSize;
                if (entry.End < entry.Begin || entry.End - entry.Begin != bytes)
                {
                    return Format(
                        "tensor '{0}' has data_offsets [{1}, {2}], {3} bytes, but {4} {5} of {6} take {7} bytes",
                        name,
                        entry.Begin,
                        entry.End,
                        entry.End < entry.Begin ? "a negative number of" : (entry.End - entry.Begin).ToString(CultureInfo.InvariantCulture),
                        count,
                        count == 1 ? "value" : "values",
                        entry.DType,
                        bytes);
                }
            }
        }

        string network = Describe(sizes, bias);
        if (missing.Count > 0)
        {
            return Format("missing tensor(s) {0} of the {1} network; the file has {2}", string.Join(", ", missing), network, Names(entries.Keys));
        }

        if (entries.Count > expected.Count)
        {
            var extra = new List<string>();
            foreach (KeyValuePair<string, SafeTensorsEntry> entry in entries)
            {
                if (entry.Value.ParameterOffset < 0)
                {
                    extra.Add("'" + entry.Key + "'");
                }
            }

            return Format("unexpected tensor(s) {0}; the {1} network has exactly {2}", string.Join(", ", extra), network, Names(expected));
        }

        return null;
    }

    /// <summary>The data buffer: every tensor inside it, no overlaps, no holes, nothing after the last tensor.</summary>
    private static string? CheckLayout(List<SafeTensorsEntry> ordered, long? bufferLength, out ulong covered)
    {
        covered = 0;
        if (bufferLength is long length)
        {
            foreach (SafeTensorsEntry entry in ordered)
            {
                if (entry.End > (ulong)length)
                {
                    return Format("tensor '{0}' has data_offsets [{1}, {2}], outside the data buffer of {3} bytes (is the file truncated?)", entry.Name, entry.Begin, entry.End, length);
                }
            }
        }

        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry entry in ordered)
        {
            if (entry.Begin < covered)
            {
                return Format("tensors '{0}' [{1}, {2}] and '{3}' [{4}, {5}] overlap in the data buffer", previous!.Name, previous.Begin, previous.End, entry.Name, entry.Begin, entry.End);
            }

            if (entry.Begin > covered)
            {
                return Format("bytes [{0}, {1}) of the data buffer belong to no tensor (before '{2}'); the buffer must be covered exactly", covered, entry.Begin, entry.Name);
            }

            covered = entry.End;
            previous = entry;
        }

        if (bufferLength is long total && (ulong)total != covered)
        {
            return Format("the data buffer has {0} bytes but the tensors cover {1}; bytes [{1}, {0}) belong to no tensor", total, covered);
        }

        return null;
    }

    private static string? ReadMetadata(JsonValue value, Dictionary<string, string> metadata)
    {
        if (value.Kind != JsonKind.Object)
        {
            return Format("__metadata__ must be an object of strings but is {0}", value.Describe());
        }

        foreach (KeyValuePair<string, JsonValue> entry in value.Members!)
        {
            if (entry.Value.Kind != JsonKind.String)
            {
                return Format("__metadata__ entry '{0}' must be a string but is {1}", entry.Key, entry.Value.Describe());
            }

            metadata.Add(entry.Key, entry.Value.Text!);
        }

        return null;
    }

    private static string? ReadEntry(string name, JsonValue value, Dictionary<string, SafeTensorsEntry> entries)
    {
        if (value.Kind != JsonKind.Object)
        {
            return Format("tensor '{0}' must be described by an object but is {1}", name, value.Describe());
        }

        string? dtype = null;
        ulong[]? shape = null;
        ulong[]? offsets = null;
        string? error = null;
        foreach (KeyValuePair<string, JsonValue> field in value.Members!)
        {
            switch (field.Key)
            {
                case "dtype":
                    if (field.Value.Kind != JsonKind.String)
                    {
                        return Format("tensor '{0}' dtype must be a string but is {1}", name, field.Value.Describe());
                    }

                    dtype = field.Value.Text!;
                    break;
                case "shape":
                    error = Integers(name, "shape", field.Value, out shape);
                    break;
                case "data_offsets":
                    error = Integers(name, "data_offsets", field.Value, out offsets);
                    if (error is null && offsets!.Length != 2)
                    {
                        error = Format("tensor '{0}' data_offsets must be [begin, end] but has {1} number(s)", name, offsets.Length);
                    }

                    break;
                default:
                    return Format("tensor '{0}' has an unknown field '{1}' (expected dtype, shape, data_offsets)", name, field.Key);
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            return Format("tensor '{0}' lacks its {1}", name, dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets");
        }

        entries.Add(name, new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]));
        return null;
    }

    private static string? Integers(string name, string field, JsonValue value, out ulong[]? result)
    {
        result = null;
        if (value.Kind != JsonKind.Array)
        {
            return Format("tensor '{0}' {1} must be an array of integers but is {2}", name, field, value.Describe());
        }

        var numbers = new ulong[value.Items!.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (!value.Items[i].TryGetUInt64(out numbers[i]))
            {
                return Format("tensor '{0}' {1} must hold non-negative integers but element {2} is {3}", name, field, i, value.Items[i].Describe());
            }
        }

        result = numbers;
        return null;
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

    private static string Describe(int[] sizes, bool bias)
    {
        var text = new StringBuilder();
        for (int i = 0; i < sizes.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : "-").Append(sizes[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(bias ? string.Empty : " (no biases)").ToString();
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
}
