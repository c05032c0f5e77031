using System;
using System.Collections.Generic;
using System.IO;
using NetGen.IO;
using NetGen.TestShared;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>
/// Reliability repros of issue 13 (items 3 and 7): the corrupt files the baker once accepted, and the edge cases of
/// <see cref="SafeTensors.Save{T}(INetwork{T}, string, IReadOnlyDictionary{string, string}?)"/>. Fast enough for CI.
/// </summary>
public sealed class SafeTensorsReproTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netgen-repro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> Corruptions => CorruptSafeTensors.Names;

    /// <summary>The shared table (tests/Shared/CorruptSafeTensors.cs): the generator reports NG0019 with the same message for each.</summary>
    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Load_rejects_every_corrupt_file_of_the_shared_table_with_its_message_and_changes_nothing(string corruption)
    {
        (byte[] bytes, string message) = CorruptSafeTensors.Get(corruption);
        string path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var net = new Small32();
        net.InitializeParameters(7);
        float[] before = net.Parameters.ToArray();

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, path));
        Assert.Equal("safetensors: " + message + ".", e.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void The_valid_file_of_the_shared_table_loads()
    {
        string path = Path.Combine(_dir, "good.safetensors");
        File.WriteAllBytes(path, CorruptSafeTensors.Valid().ToBytes());
        var net = new Small32();
        SafeTensors.Load(net, path);
        Assert.Equal(new[] { 0.5f, -0.25f, 1f, 2f, 0.125f, -1f, 3f, -0.75f, 0.0625f }, net.Parameters.ToArray());
    }
}
