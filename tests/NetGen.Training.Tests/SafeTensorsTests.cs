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

/// <summary>Weight files: round trips, a file built byte by byte from the spec, every corruption, atomic saves.</summary>
public sealed partial class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netgen-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // ---- round trips ----------------------------------------------------------------------------------------

    [Fact]
    public void Round_trip_float()
    {
        var a = new Torch32();
        a.InitializeParameters(5);
        a.Parameters[21] = 0.75f; // a nonzero bias
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" backslash \\ newline \n tab \t é 🙂 \u0001" };
        string path = Path.Combine(_dir, "torch32.safetensors");
        SafeTensors.Save(a, path, metadata);

        var b = new Torch32();
        IReadOnlyDictionary<string, string> read = SafeTensors.Load(b, path);
        Assert.Equal(Bits.Of(a.Parameters), Bits.Of(b.Parameters));
        // The caller's metadata, plus NetGen's record of the network (its activations and loss).
        var expected = new Dictionary<string, string>(metadata) { ["netgen.activations"] = "Tanh,Sigmoid", ["netgen.loss"] = "SquaredError" };
        Assert.Equal(expected.OrderBy(p => p.Key), read.OrderBy(p => p.Key));

        // Layout: the header is padded so the data buffer starts at a multiple of 8, and it is exactly Parameters.
        byte[] file = File.ReadAllBytes(path);
        (string header, byte[] data) = Split(file);
        Assert.Equal(0UL, (8 + HeaderLength(file)) % 8);
        Assert.StartsWith("{\"__metadata__\":{", header, StringComparison.Ordinal);
        Assert.Contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[5,4],\"data_offsets\":[0,80]}", header, StringComparison.Ordinal);
        Assert.Contains("\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[160,172]}", header, StringComparison.Ordinal);
        Assert.Equal(a.Parameters.ToArray(), Enumerable.Range(0, 43).Select(i => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(4 * i))).ToArray());
    }

    [Fact]
    public void Round_trip_double_three_layers_and_no_bias()
    {
        var a = new Deep64();
        a.InitializeParameters(9);
        var b = new Deep64();
        using (var stream = new MemoryStream())
        {
            SafeTensors.Save(a, stream);
            stream.Position = 0;
            IReadOnlyDictionary<string, string> read = SafeTensors.Load(b, stream);
            Assert.Equal(new[] { "netgen.activations", "netgen.loss" }, read.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("ReLU,ReLU,Identity", read["netgen.activations"]);
        }

        Assert.Equal(Bits.Of(a.Parameters), Bits.Of(b.Parameters));
        (string header, _) = Split(Save(a));
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias" }, TensorNames(header));
        Assert.Contains("\"4.weight\":{\"dtype\":\"F64\",\"shape\":[2,4]", header, StringComparison.Ordinal);

        var c = new NoBias32();
        c.InitializeParameters(3);
        var d = new NoBias32();
        Load(d, Save(c));
        Assert.Equal(Bits.Of(c.Parameters), Bits.Of(d.Parameters));
        Assert.Equal(new[] { "0.weight", "2.weight" }, TensorNames(Split(Save(c)).Header));
    }

    [Fact]
    public void The_other_float_dtype_is_converted()
    {
        var source = new Torch64();
        source.InitializeParameters(4);
        source.Parameters[20] = 1.0 / 3;

        // F64 into a float network: each value rounded to the nearest float.
        var single = new Torch32();
        Load(single, Save(source));
        Assert.Equal(source.Parameters.ToArray().Select(v => (float)v).ToArray(), single.Parameters.ToArray());

        // F32 into a double network: exact widening.
        var wide = new Torch64();
        Load(wide, Save(single));
        Assert.Equal(single.Parameters.ToArray().Select(v => (double)v).ToArray(), wide.Parameters.ToArray());

        // A finite F64 beyond float's range is an error, not an infinity.
        source.Parameters[7] = 1e300;
        var target = new Torch32();
        int[] before = Bits.Of(target.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Load(target, Save(source)));
        Assert.Contains("tensor '0.weight' element 7 is 1E+300, outside the range of float", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(target.Parameters));
    }

    // ---- a file written byte by byte from the specification ------------------------------------------------

    [Fact]
    public void Hand_built_file_loads_value_by_value()
    {
        // 2-2-1 network, identity activations. W1 = [[1.5, -2], [0.25, 3]], b1 = [0.5, -1], W2 = [[2, -0.5]], b2 = [0.125].
        // The tensors are listed (and stored) in a different order from NetGen's own, as safetensors.torch does:
        // 0.bias at [0, 8), 0.weight at [8, 24), 2.bias at [24, 28), 2.weight at [28, 36).
        const string header = """{"__metadata__":{"format":"pt"},"0.bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]},"2.bias":{"dtype":"F32","shape":[1],"data_offsets":[24,28]},"2.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[28,36]}}""";
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new List<byte>();
        file.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes((ulong)json.Length) : BitConverter.GetBytes((ulong)json.Length).Reverse());
        file.AddRange(json);
        foreach (float v in new[] { 0.5f, -1f, 1.5f, -2f, 0.25f, 3f, 0.125f, 2f, -0.5f })
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
            file.AddRange(bytes);
        }

        Assert.Equal(8 + json.Length + 36, file.Count);
        var net = new Small32();
        IReadOnlyDictionary<string, string> metadata;
        using (var stream = new MemoryStream(file.ToArray()))
        {
            metadata = SafeTensors.Load(net, stream);
        }

        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(new[] { 1.5f, -2f, 0.25f, 3f, 0.5f, -1f, 2f, -0.5f, 0.125f }, net.Parameters.ToArray());

        // g = W2 (W1 x + b1) + b2 for x = (1, 2): W1 x + b1 = (-2, 5.25), g = 2 * -2 - 0.5 * 5.25 + 0.125 = -6.5.
        var g = new float[1];
        net.Forward(new[] { 1f, 2f }, g);
        Assert.Equal(-6.5f, g[0]);

        // The same bytes with F64 data (8 bytes a value, offsets doubled) load into both precisions.
        string header64 = header.Replace("F32", "F64", StringComparison.Ordinal)
            .Replace("[0,8]", "[0,16]", StringComparison.Ordinal).Replace("[8,24]", "[16,48]", StringComparison.Ordinal)
            .Replace("[24,28]", "[48,56]", StringComparison.Ordinal).Replace("[28,36]", "[56,72]", StringComparison.Ordinal);
        byte[] data64 = new[] { 0.5, -1, 1.5, -2, 0.25, 3, 0.125, 2, -0.5 }.SelectMany(v =>
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, v);
            return bytes;
        }).ToArray();
        var net64 = new Small64();
        Load(net64, Build(header64, data64));
        Assert.Equal(new[] { 1.5, -2, 0.25, 3, 0.5, -1, 2, -0.5, 0.125 }, net64.Parameters.ToArray());
        var net32 = new Small32();
        Load(net32, Build(header64, data64));
        Assert.Equal(net.Parameters.ToArray(), net32.Parameters.ToArray());
    }

    // ---- corruption: InvalidDataException naming the problem, parameters untouched --------------------------

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_dir, "weights.safetensors");
        var net = new Torch32();
        SafeTensors.Save(net, path);
        net.InitializeParameters(2);
        SafeTensors.Save(net, path);
        Assert.Equal(Save(net), File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failing_save_leaves_the_existing_file_unchanged()
    {
        string path = Path.Combine(_dir, "weights.safetensors");
        var original = new Torch32();
        original.InitializeParameters(1);
        SafeTensors.Save(original, path);
        byte[] before = File.ReadAllBytes(path);

        // The failure comes after the temporary file was created and its header written.
        var failing = new ThrowingNetwork(new Torch32()) { Armed = true };
        IOException e = Assert.Throws<IOException>(() => SafeTensors.Save(failing, path));
        Assert.Equal("injected failure while writing the data", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));

        // A directory that does not exist: nothing is created.
        string nowhere = Path.Combine(_dir, "no-such-directory", "weights.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(original, nowhere));
        Assert.False(Directory.Exists(Path.GetDirectoryName(nowhere)));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failing_stream_surfaces_the_error()
    {
        var net = new Torch32();
        using var stream = new FailingStream(failAfter: 100);
        Assert.Throws<IOException>(() => SafeTensors.Save(net, stream));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(net, (Stream)null!));
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(net, new MemoryStream(), new Dictionary<string, string> { ["bad"] = "\ud800" }));
    }

    [Fact]
    public void Tensor_names_follow_nn_Sequential()
    {
        Assert.Equal("0.weight", SafeTensors.TensorName(1, bias: false));
        Assert.Equal("0.bias", SafeTensors.TensorName(1, bias: true));
        Assert.Equal("4.weight", SafeTensors.TensorName(3, bias: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => SafeTensors.TensorName(0, bias: false));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Torch32 Reference()
    {
        var net = new Torch32();
        net.InitializeParameters(12);
        return net;
    }

    private static byte[] Save<T>(INetwork<T> net)
        where T : unmanaged
    {
        using var stream = new MemoryStream();
        SafeTensors.Save(net, stream);
        return stream.ToArray();
    }

    private static void Load<T>(INetwork<T> net, byte[] file)
        where T : unmanaged
    {
        using var stream = new MemoryStream(file);
        SafeTensors.Load(net, stream);
    }

    private static ulong HeaderLength(byte[] file) => BinaryPrimitives.ReadUInt64LittleEndian(file);

    private static (string Header, byte[] Data) Split(byte[] file)
    {
        int n = (int)HeaderLength(file);
        return (Encoding.UTF8.GetString(file, 8, n).TrimEnd(' '), file[(8 + n)..]);
    }

    /// <summary>A file with this header (no padding) and data buffer.</summary>
    private static byte[] Build(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    private static byte[] WithLength(byte[] file, ulong length)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }

    private static string[] TensorNames(string header) =>
        header.Split("\":{\"dtype\"").SkipLast(1).Select(s => s[(s.LastIndexOf('"') + 1)..]).ToArray();

    /// <summary>Loads a corrupt file (seekable stream, then unseekable stream) into a trained network: both fail, parameters stay bit-identical.</summary>
    private static void AssertRejected(byte[] file, string message)
    {
        var net = new Torch32();
        net.InitializeParameters(99);
        int[] before = Bits.Of(net.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Load(net, file));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("safetensors: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(net.Parameters));

        using var unseekable = new UnseekableStream(file);
        Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, unseekable));
        Assert.Equal(before, Bits.Of(net.Parameters));
    }

    private static void AssertRejectedUnseekable(byte[] file, string message)
    {
        var net = new Torch32();
        int[] before = Bits.Of(net.Parameters);
        using var unseekable = new UnseekableStream(file);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, unseekable));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits.Of(net.Parameters));
    }

    /// <summary>A read-only stream that cannot seek and hands out at most 7 bytes a read (like a pipe).</summary>
    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A write-only stream that throws once more than <c>failAfter</c> bytes were written (a full disk).</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _written += count;
            if (_written > failAfter)
            {
                throw new IOException("No space left on device (injected).");
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void A_file_records_the_activations_and_loss_and_a_network_declared_otherwise_refuses_it()
    {
        // Torch32 (tanh, sigmoid, squared error) and TorchNoBias32 differ in biases; these two differ only in what
        // shapes cannot show: Iris32 is tanh/softmax/cross-entropy, and a 4-8-3 network with ReLU would fit its shapes.
        var a = new Iris32();
        a.InitializeParameters(3);
        byte[] file = Save(a);
        (string header, _) = Split(file);
        Assert.StartsWith("{\"__metadata__\":{\"netgen.activations\":\"Tanh,Softmax\",\"netgen.loss\":\"CrossEntropy\"}", header, StringComparison.Ordinal);

        var relu = new IrisReLU32();
        float[] before = relu.Parameters.ToArray();
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Load(relu, file));
        Assert.Contains("saved from a network with activations Tanh,Softmax", e.Message, StringComparison.Ordinal);
        Assert.Contains("this network has ReLU,Softmax", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, relu.Parameters.ToArray());

        var squared = new IrisSquared32();
        e = Assert.Throws<InvalidDataException>(() => Load(squared, file));
        Assert.Contains("the loss CrossEntropy", e.Message, StringComparison.Ordinal);

        // A file with no record (PyTorch's) loads into either; a record the caller contradicts is refused at save.
        Load(relu, Save(new PlainNetwork<float>(a)));
        Assert.Equal(a.Parameters.ToArray(), relu.Parameters.ToArray());
        ArgumentException bad = Assert.Throws<ArgumentException>(() => SafeTensors.Save(a, new MemoryStream(), new Dictionary<string, string> { ["netgen.loss"] = "SquaredError" }));
        Assert.Contains("NetGen's own record", bad.Message, StringComparison.Ordinal);
    }
}
