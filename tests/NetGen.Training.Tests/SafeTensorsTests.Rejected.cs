using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen;
using NetGen.IO;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>Files that must be rejected, and what a rejection leaves unchanged.</summary>
public sealed partial class SafeTensorsTests
{
    [Fact]
    public void Truncated_files_are_rejected()
    {
        byte[] file = Save(Reference());
        int n = (int)HeaderLength(file);
        AssertRejected(file[..0], "truncated inside the 8-byte header length: it has only 0 byte(s)");
        AssertRejected(file[..5], "truncated inside the 8-byte header length: it has only 5 byte(s)");
        AssertRejected(file[..8], $"the header length is {n} bytes but the file has only 0 bytes after the 8-byte length");
        AssertRejected(file[..(8 + 40)], $"the header length is {n} bytes but the file has only 40 bytes after the 8-byte length");
        AssertRejected(file[..(8 + n)], "tensor '0.weight' has data_offsets [0, 80], outside the data buffer of 0 bytes (is the file truncated?)");
        AssertRejected(file[..(8 + n + 90)], "tensor '0.bias' has data_offsets [80, 100], outside the data buffer of 90 bytes");
        AssertRejected(file[..^1], "tensor '2.bias' has data_offsets [160, 172], outside the data buffer of 171 bytes");
    }

    [Fact]
    public void Truncated_streams_of_unknown_length_are_rejected()
    {
        // A stream that cannot seek: truncation shows up while reading.
        byte[] file = Save(Reference());
        int n = (int)HeaderLength(file);
        AssertRejectedUnseekable(file[..3], "truncated inside the 8-byte header length");
        AssertRejectedUnseekable(file[..(8 + 40)], $"truncated inside the header: the header length is {n} bytes but only 40 follow");
        AssertRejectedUnseekable(file[..(8 + n + 90)], "truncated inside the data buffer: tensor '0.bias' needs bytes up to 100 but the buffer ends at byte 90");
        AssertRejectedUnseekable(file.Concat(new byte[] { 0 }).ToArray(), "the data buffer continues after the last tensor ends at byte 172");
    }

    [Fact]
    public void Bad_header_lengths_are_rejected()
    {
        byte[] file = Save(Reference());
        AssertRejected(WithLength(file, (ulong)file.Length), $"the header length is {file.Length} bytes but the file has only {file.Length - 8} bytes after the 8-byte length");
        AssertRejected(WithLength(file, ulong.MaxValue), "the header length is 18446744073709551615 bytes, more than the limit of 100000000");
        AssertRejected(WithLength(file, 0), "the header length is 0, too small for a JSON object");
        AssertRejected(WithLength(file, 1), "the header length is 1, too small for a JSON object");
    }

    [Fact]
    public void Bad_json_is_rejected()
    {
        (string header, byte[] data) = Split(Save(Reference()));
        string Bad(string from, string to) => header.Replace(from, to, StringComparison.Ordinal);

        AssertRejected(Build(header[..^1] + ",}", data), "not valid JSON: expected a string key but found '}'");
        AssertRejected(Build(header[..^1], data), "not valid JSON: expected ',' or '}' but found end of text");
        AssertRejected(Build(header + "x", data), "not valid JSON: unexpected 'x' after the end of the JSON value");
        AssertRejected(Build(Bad("\"0.bias\"", "\"0.weight\""), data), "not valid JSON: duplicate key \"0.weight\" at character");
        AssertRejected(Build(Bad("\"shape\":[5,4]", "\"shape\":[5,NaN]"), data), "not valid JSON: unexpected 'N' where a value was expected");
        AssertRejected(Build(Bad("\"shape\":[5,4]", "\"shape\":[5,4,]"), data), "not valid JSON: unexpected ']' where a value was expected");
        AssertRejected(Build(Bad("\"shape\":[5,4]", "\"shape\":[05,4]"), data), "not valid JSON: a number has a leading zero");
        AssertRejected(Build(Bad("\"F32\"", "'F32'"), data), "not valid JSON: unexpected ''' where a value was expected");
        AssertRejected(Build(Bad("\"0.bias\"", "\"0.b\tias\""), data), "not valid JSON: unescaped control character U+0009 in a string");
        AssertRejected(Build(Bad("\"0.bias\"", "\"0.b\\qias\""), data), "not valid JSON: invalid escape \\q");
        AssertRejected(Build(Bad("\"0.bias\"", "\"0.b\\ud800ias\""), data), "not valid JSON: lone high surrogate");
        AssertRejected(Build("[" + header + "]", data), "the header must begin with '{' but begins with byte 0x5B");
        AssertRejected(Build(new string('[', 100) + new string(']', 100), data), "the header must begin with '{'");
        AssertRejected(Build("{\"a\":" + new string('[', 100) + new string(']', 100) + "}", data), "not valid JSON: nesting deeper than 64 levels");

        byte[] invalidUtf8 = Build(header, data);
        invalidUtf8[8 + 3] = 0xFF;
        AssertRejected(invalidUtf8, "the header is not valid UTF-8");
    }

    [Fact]
    public void Wrong_tensors_are_rejected()
    {
        (string header, byte[] data) = Split(Save(Reference()));
        string Bad(string from, string to)
        {
            Assert.Contains(from, header, StringComparison.Ordinal);
            return header.Replace(from, to, StringComparison.Ordinal);
        }

        AssertRejected(Build(Bad("\"shape\":[5,4]", "\"shape\":[4,5]"), data), "tensor '0.weight' has shape [4, 5]; expected [5, 4] ([out, in] for layer 1, 4 -> 5 units)");
        AssertRejected(Build(Bad("\"shape\":[3]", "\"shape\":[3,1]"), data), "tensor '2.bias' has shape [3, 1]; expected [3] ([out] for layer 2, 5 -> 3 units)");
        AssertRejected(Build(Bad("\"shape\":[5,4]", "\"shape\":[20]"), data), "tensor '0.weight' has shape [20]; expected [5, 4]");
        AssertRejected(Build(Bad("\"dtype\":\"F32\",\"shape\":[5]", "\"dtype\":\"F16\",\"shape\":[5]"), data), "tensor '0.bias' has dtype F16; expected F32 (F32 and F64 are accepted)");
        AssertRejected(Build(Bad("\"dtype\":\"F32\",\"shape\":[3,5]", "\"dtype\":\"I32\",\"shape\":[3,5]"), data), "tensor '2.weight' has dtype I32");
        AssertRejected(Build(Bad("\"dtype\":\"F32\",\"shape\":[5]", "\"dtype\":32,\"shape\":[5]"), data), "tensor '0.bias' dtype must be a string but is the number 32");
        AssertRejected(Build(Bad("\"data_offsets\":[0,80]", "\"data_offsets\":[0,84]"), data), "tensor '0.weight' has data_offsets [0, 84], 84 bytes, but 20 values of F32 take 80 bytes");
        AssertRejected(Build(Bad("\"data_offsets\":[0,80]", "\"data_offsets\":[80,0]"), data), "tensor '0.weight' has data_offsets [80, 0], a negative number of bytes");
        AssertRejected(Build(Bad("\"data_offsets\":[0,80]", "\"data_offsets\":[-80,0]"), data), "tensor '0.weight' data_offsets must hold non-negative integers but element 0 is the number -80");
        AssertRejected(Build(Bad("\"data_offsets\":[0,80]", "\"data_offsets\":[0,80,96]"), data), "tensor '0.weight' data_offsets must be [begin, end] but has 3 number(s)");
        AssertRejected(Build(Bad("\"data_offsets\":[0,80]", "\"data_offsets\":[0,8e1]"), data), "element 1 is the number 8e1");
        AssertRejected(Build(Bad(",\"data_offsets\":[0,80]", string.Empty), data), "tensor '0.weight' lacks its data_offsets");
        AssertRejected(Build(Bad("\"dtype\":\"F32\",\"shape\":[5,4]", "\"dtype\":\"F32\",\"layout\":\"C\",\"shape\":[5,4]"), data), "tensor '0.weight' has an unknown field 'layout'");
        // (A NetGen-written file starts with its record of the network: {"__metadata__":{"netgen.activations":...}.)
        const string record = "{\"__metadata__\":{\"netgen.activations\":\"Tanh,Sigmoid\",\"netgen.loss\":\"SquaredError\"}";
        AssertRejected(Build(Bad("\"netgen.loss\":\"SquaredError\"", "\"epochs\":10"), data), "__metadata__ entry 'epochs' must be a string but is the number 10");
        AssertRejected(Build(Bad(record, "{\"__metadata__\":[]"), data), "__metadata__ must be an object of strings but is an array");
    }

    [Fact]
    public void Missing_and_unexpected_tensors_are_rejected()
    {
        (string header, byte[] data) = Split(Save(Reference()));
        string withoutBias = header.Replace(",\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[160,172]}", string.Empty, StringComparison.Ordinal);
        AssertRejected(Build(withoutBias, data[..160]), "missing tensor(s) 2.bias [3] of the 4-5-3 network; the file has '0.weight', '0.bias', '2.weight'");
        string extra = header[..^1] + ",\"4.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[172,176]}}";
        AssertRejected(Build(extra, data.Concat(new byte[4]).ToArray()), "unexpected tensor(s) '4.weight'; the 4-5-3 network has exactly '0.weight', '0.bias', '2.weight', '2.bias'");
        AssertRejected(Build("{}", Array.Empty<byte>()), "missing tensor(s) 0.weight [5, 4], 0.bias [5], 2.weight [3, 5], 2.bias [3] of the 4-5-3 network; the file has no tensors");

        // Files of another topology.
        var wide = new Wide32();
        AssertRejected(Save(wide), "tensor '0.weight' has shape [6, 4]; expected [5, 4]");
        var noBias = new TorchNoBias32();
        int[] before = Bits.Of(noBias.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Load(noBias, Save(Reference())));
        Assert.Contains("unexpected tensor(s) '0.bias', '2.bias'; the 4-5-3 (no biases) network has exactly '0.weight', '2.weight'", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(noBias.Parameters));
    }

    [Fact]
    public void Bad_offsets_are_rejected()
    {
        (string header, byte[] data) = Split(Save(Reference()));
        string Bad(string from, string to) => header.Replace(from, to, StringComparison.Ordinal);

        // Overlap: 0.bias moved back onto the end of 0.weight.
        AssertRejected(Build(Bad("[80,100]", "[76,96]"), data), "tensors '0.weight' [0, 80] and '0.bias' [76, 96] overlap in the data buffer");

        // Outside the buffer: 2.bias placed after the end.
        AssertRejected(Build(Bad("[160,172]", "[172,184]"), data), "tensor '2.bias' has data_offsets [172, 184], outside the data buffer of 172 bytes");
        AssertRejected(Build(Bad("[160,172]", "[18446744073709551600,18446744073709551612]"), data), "outside the data buffer of 172 bytes");

        // Holes: a gap between tensors, bytes before the first, bytes after the last.
        AssertRejected(Build(Bad("[160,172]", "[164,176]"), data.Concat(new byte[4]).ToArray()), "bytes [160, 164) of the data buffer belong to no tensor (before '2.bias')");
        AssertRejected(Build(Bad("[0,80]", "[4,84]").Replace("[80,100]", "[84,104]").Replace("[100,160]", "[104,164]").Replace("[160,172]", "[164,176]"), new byte[4].Concat(data).ToArray()), "bytes [0, 4) of the data buffer belong to no tensor (before '0.weight')");
        AssertRejected(Build(header, data.Concat(new byte[8]).ToArray()), "the data buffer has 180 bytes but the tensors cover 172; bytes [172, 180) belong to no tensor");
    }

    [Fact]
    public void Rejected_files_leave_parameters_bit_identical_through_a_path_too()
    {
        byte[] file = Save(Reference());
        string path = Path.Combine(_dir, "truncated.safetensors");
        File.WriteAllBytes(path, file[..^5]);
        var net = new Torch32();
        net.InitializeParameters(77);
        int[] before = Bits.Of(net.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, path));
        Assert.Contains("outside the data buffer of 167 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(net.Parameters));
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(net, Path.Combine(_dir, "missing.safetensors")));
    }

    // ---- atomic saves ---------------------------------------------------------------------------------------
}
