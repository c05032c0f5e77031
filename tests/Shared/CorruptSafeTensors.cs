using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.TestShared;

/// <summary>
/// The one table of corrupt safetensors files for a float 2-2-1 network with biases, compiled into both test projects
/// (linked): <c>SafeTensors.Load</c> must throw "safetensors: {message}." for each, and baking each must report NG0019
/// ending in the same message. Each case names the file's one defect and the exact message.
/// </summary>
internal static class CorruptSafeTensors
{
    /// <summary>The names of the cases, for [MemberData].</summary>
    public static IEnumerable<object[]> Names => Cases().Select(c => new object[] { c.Name });

    /// <summary>The file and the expected message of case <paramref name="name"/>.</summary>
    public static (byte[] Bytes, string Message) Get(string name)
    {
        (string _, byte[] bytes, string message) = Cases().Single(c => c.Name == name);
        return (bytes, message);
    }

    /// <summary>A valid 2-2-1 file as NetGen and PyTorch write it: 0.weight [2, 2], 0.bias [2], 2.weight [1, 2], 2.bias [1]; data buffer 36 bytes.</summary>
    public static SafeTensorsFile Valid() => new SafeTensorsFile()
        .Tensor("0.weight", "F32", new[] { 2, 2 }, 0.5f, -0.25f, 1f, 2f)
        .Tensor("0.bias", "F32", new[] { 2 }, 0.125f, -1f)
        .Tensor("2.weight", "F32", new[] { 1, 2 }, 3f, -0.75f)
        .Tensor("2.bias", "F32", new[] { 1 }, 0.0625f);

    private static IEnumerable<(string Name, byte[] Bytes, string Message)> Cases()
    {
        byte[] valid = Valid().ToBytes();
        int header = Valid().HeaderLength();
        yield return ("truncated-length", valid[..5], "the file is truncated inside the 8-byte header length: it has only 5 byte(s)");
        yield return ("header-length-1", BitConverter.GetBytes(1UL).Concat("{"u8.ToArray()).ToArray(), "the header length is 1, too small for a JSON object");
        yield return ("truncated-header", valid[..20], $"the header length is {header} bytes but the file has only 12 bytes after the 8-byte length (truncated inside the header?)");
        yield return ("not-utf8", Valid().RawHeader(h => h.Replace("0.bias", "0.b\u00ffias", StringComparison.Ordinal), latin1: true).ToBytes(), "the header is not valid UTF-8");
        yield return ("space-before-brace", Valid().RawHeader(h => " " + h).ToBytes(), "the header must begin with '{' but begins with byte 0x20");
        yield return ("bad-json", Valid().RawHeader(h => h[..^1]).ToBytes(), $"the header is not valid JSON: expected ',' or '}}' but found end of text at character {header - 1}");
        yield return ("metadata-null", Valid().Metadata("{\"k\":null}").ToBytes(), "__metadata__ entry 'k' must be a string but is null");
        yield return ("metadata-number", Valid().Metadata("{\"k\":1}").ToBytes(), "__metadata__ entry 'k' must be a string but is the number 1");
        yield return ("metadata-not-object", Valid().Metadata("\"k\"").ToBytes(), "__metadata__ must be an object of strings but is a string");

        // A NetGen-written file's record of the network that saved it, against the 2-2-1 sigmoid network both tests use.
        yield return ("other-activations", Valid().Metadata("{\"netgen.activations\":\"ReLU,Identity\",\"netgen.loss\":\"SquaredError\"}").ToBytes(), "the file was saved from a network with activations ReLU,Identity ('netgen.activations' in its metadata), but this network has Sigmoid,Sigmoid: the weights would compute something else; load it into a network declared like the one that saved it");
        yield return ("other-loss", Valid().Metadata("{\"netgen.activations\":\"Sigmoid,Sigmoid\",\"netgen.loss\":\"CrossEntropy\"}").ToBytes(), "the file was saved from a network trained with the loss CrossEntropy ('netgen.loss' in its metadata), but this network uses SquaredError; load it into a network declared like the one that saved it");
        yield return ("unknown-field", Valid().Field("0.bias", "\"foo\":1").ToBytes(), "tensor '0.bias' has an unknown field 'foo' (expected dtype, shape, data_offsets)");
        yield return ("wrong-shape", Valid().Replace("0.weight", "F32", new[] { 2, 3 }, 1, 2, 3, 4, 5, 6).ToBytes(), "tensor '0.weight' has shape [2, 3]; expected [2, 2] ([out, in] for layer 1, 2 -> 2 units)");
        yield return ("wrong-dtype", Valid().Replace("0.weight", "I32", new[] { 2, 2 }, 1, 2, 3, 4).ToBytes(), "tensor '0.weight' has dtype I32; expected F32 (F32 and F64 are accepted)");
        yield return ("missing-tensor", Valid().Remove("2.bias").ToBytes(), "missing tensor(s) 2.bias [1] of the 2-2-1 network; the file has '0.weight', '0.bias', '2.weight'");
        yield return ("extra-tensor", Valid().Tensor("4.weight", "F32", new[] { 1, 1 }, 1f).ToBytes(), "unexpected tensor(s) '4.weight'; the 2-2-1 network has exactly '0.weight', '0.bias', '2.weight', '2.bias'");
        yield return ("wrong-byte-count", Valid().WithOffsets("2.bias", 32, 40).ToBytes(), "tensor '2.bias' has data_offsets [32, 40], 8 bytes, but 1 value of F32 take 4 bytes");
        yield return ("overlap", Valid().WithOffsets("0.bias", 8, 16).ToBytes(), "tensors '0.weight' [0, 16] and '0.bias' [8, 16] overlap in the data buffer");
        yield return ("outside", Valid().WithOffsets("2.bias", 1000, 1004).ToBytes(), "tensor '2.bias' has data_offsets [1000, 1004], outside the data buffer of 36 bytes (is the file truncated?)");
        yield return ("truncated-data", valid[..^3], "tensor '2.bias' has data_offsets [32, 36], outside the data buffer of 33 bytes (is the file truncated?)");
        yield return ("trailing-bytes", valid.Concat(new byte[4]).ToArray(), "the data buffer has 40 bytes but the tensors cover 36; bytes [36, 40) belong to no tensor");
        yield return ("hole", Valid().Remove("2.bias").Gap(4).Tensor("2.bias", "F32", new[] { 1 }, 0.0625f).ToBytes(), "bytes [32, 36) of the data buffer belong to no tensor (before '2.bias'); the buffer must be covered exactly");
        yield return ("f64-beyond-float", Valid().Replace("2.bias", "F64", new[] { 1 }, 1e300).ToBytes(), "tensor '2.bias' element 0 is 1E+300, outside the range of float (loading F64 into a float network)");
    }
}

/// <summary>Builds safetensors bytes from the spec: 8-byte little-endian header length, JSON header, raw data.</summary>
internal sealed class SafeTensorsFile
{
    private readonly List<(string Name, string DType, int[] Shape, byte[] Data, (long, long)? Offsets, string Extra)> _tensors = new();
    private Func<string, string>? _edit;
    private bool _latin1;
    private string? _metadata;

    public SafeTensorsFile Tensor(string name, string dtype, int[] shape, params double[] values)
    {
        byte[] data = dtype switch
        {
            "F64" => values.SelectMany(BitConverter.GetBytes).ToArray(),
            "I32" => values.SelectMany(v => BitConverter.GetBytes((int)v)).ToArray(),
            _ => values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray(),
        };
        _tensors.Add((name, dtype, shape, data, null, string.Empty));
        return this;
    }

    public SafeTensorsFile Tensor(string name, string dtype, int[] shape, params float[] values) =>
        Tensor(name, dtype, shape, values.Select(v => (double)v).ToArray());

    public SafeTensorsFile Replace(string name, string dtype, int[] shape, params double[] values)
    {
        int i = _tensors.FindIndex(t => t.Name == name);
        _tensors[i] = new SafeTensorsFile().Tensor(name, dtype, shape, values)._tensors[0];
        return this;
    }

    public SafeTensorsFile Remove(string name)
    {
        _tensors.RemoveAll(t => t.Name == name);
        return this;
    }

    /// <summary>Bytes in the data buffer that belong to no tensor.</summary>
    public SafeTensorsFile Gap(int bytes)
    {
        _tensors.Add((string.Empty, string.Empty, Array.Empty<int>(), new byte[bytes], null, string.Empty));
        return this;
    }

    public SafeTensorsFile WithOffsets(string name, long begin, long end)
    {
        int i = _tensors.FindIndex(t => t.Name == name);
        _tensors[i] = _tensors[i] with { Offsets = (begin, end) };
        return this;
    }

    /// <summary>One more member (raw JSON, e.g. <c>"foo":1</c>) in the entry of tensor <paramref name="name"/>.</summary>
    public SafeTensorsFile Field(string name, string member)
    {
        int i = _tensors.FindIndex(t => t.Name == name);
        _tensors[i] = _tensors[i] with { Extra = "," + member };
        return this;
    }

    /// <summary>A <c>__metadata__</c> member (raw JSON value) first in the header.</summary>
    public SafeTensorsFile Metadata(string json)
    {
        _metadata = json;
        return this;
    }

    /// <summary>Edits the header text; <paramref name="latin1"/> writes it one byte per char (to make invalid UTF-8).</summary>
    public SafeTensorsFile RawHeader(Func<string, string> edit, bool latin1 = false)
    {
        _edit = edit;
        _latin1 = latin1;
        return this;
    }

    public int HeaderLength() => Header().Length;

    public byte[] ToBytes()
    {
        byte[] json = Header();
        var data = _tensors.SelectMany(t => t.Data);
        return BitConverter.GetBytes((ulong)json.Length).Concat(json).Concat(data).ToArray();
    }

    private byte[] Header()
    {
        long at = 0;
        var header = new StringBuilder("{");
        if (_metadata is not null)
        {
            header.Append("\"__metadata__\":").Append(_metadata);
        }

        foreach ((string name, string dType, int[] shape, byte[] data, (long, long)? offsets, string extra) in _tensors)
        {
            (long begin, long end) = offsets ?? (at, at + data.Length);
            at += data.Length;
            if (name.Length == 0)
            {
                continue;
            }

            if (header.Length > 1)
            {
                header.Append(',');
            }

            header.Append('"').Append(name).Append("\":{\"dtype\":\"").Append(dType).Append("\",\"shape\":[")
                .Append(string.Join(",", shape)).Append("],\"data_offsets\":[").Append(begin).Append(',').Append(end).Append(']')
                .Append(extra).Append('}');
        }

        string text = header.Append('}').ToString();
        text = _edit?.Invoke(text) ?? text;
        return _latin1 ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
    }
}
