using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
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
        var net = new SmallSigmoid32();
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

    // ---- SafeTensors.Save edge cases ----------------------------------------------------------------------------

    private string[] Temporaries() => Directory.GetFiles(_dir, "*.netgen-tmp").Select(Path.GetFileName).ToArray()!;

    /// <summary>Once 11 in 400 concurrent first saves threw "already exists"; now each succeeds and the last one wins.</summary>
    [Fact]
    public void Concurrent_first_saves_to_a_new_path_all_succeed_and_the_file_is_one_of_them()
    {
        const int Threads = 8;
        var nets = Enumerable.Range(0, Threads).Select(i =>
        {
            var net = new Small32();
            net.InitializeParameters((ulong)i + 1);
            return net;
        }).ToArray();
        for (int round = 0; round < 50; round++)
        {
            string path = Path.Combine(_dir, "new-" + round + ".safetensors");
            using var barrier = new Barrier(Threads);
            var errors = new Exception?[Threads];
            Thread[] threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
            {
                barrier.SignalAndWait();
                try
                {
                    SafeTensors.Save(nets[i], path);
                }
                catch (Exception e)
                {
                    errors[i] = e;
                }
            })).ToArray();
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => t.Join());

            Assert.All(errors, Assert.Null);
            var loaded = new Small32();
            SafeTensors.Load(loaded, path);
            Assert.Contains(nets, n => n.Parameters.SequenceEqual(loaded.Parameters));
            Assert.Empty(Temporaries());
        }
    }

    /// <summary>Saving through a symbolic link replaced the link with a regular file; now the file it points to is replaced.</summary>
    [Fact]
    public void Saving_through_a_symbolic_link_keeps_the_link_and_replaces_its_target()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "real"));
        string real = Path.Combine(_dir, "real", "weights.safetensors");
        string link = Path.Combine(_dir, "weights.safetensors");
        var first = new Small32();
        first.InitializeParameters(1);
        SafeTensors.Save(first, real);
        File.CreateSymbolicLink(link, Path.Combine("real", "weights.safetensors"));

        var second = new Small32();
        second.InitializeParameters(2);
        SafeTensors.Save(second, link);

        Assert.Equal(Path.Combine("real", "weights.safetensors"), new FileInfo(link).LinkTarget);
        var loaded = new Small32();
        SafeTensors.Load(loaded, real);
        Assert.Equal(second.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Empty(Temporaries());
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "real"), "*.netgen-tmp"));
    }

    /// <summary>A 240-character name (and a 243-byte one in two-byte characters) once failed with PathTooLongException: the temporary name was too long.</summary>
    [Theory]
    [InlineData(228, "w")]
    [InlineData(120, "\u00e9")]
    public void A_long_file_name_saves_and_loads(int repeat, string unit)
    {
        string name = string.Concat(Enumerable.Repeat(unit, repeat)) + (unit == "w" ? ".safetensors" : ".st");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) >= 240);
        string path = Path.Combine(_dir, name);
        var net = new Small32();
        net.InitializeParameters(3);
        SafeTensors.Save(net, path);
        SafeTensors.Save(net, path);

        var loaded = new Small32();
        SafeTensors.Load(loaded, path);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Empty(Temporaries());
    }

    /// <summary>A directory as the target once said "already exists"; Load on one threw UnauthorizedAccessException.</summary>
    [Fact]
    public void A_directory_is_named_as_one_by_Save_and_Load_with_an_IOException()
    {
        string folder = Path.Combine(_dir, "folder.safetensors");
        Directory.CreateDirectory(folder);
        var net = new Small32();

        IOException save = Assert.Throws<IOException>(() => SafeTensors.Save(net, folder));
        Assert.Equal("Cannot save to '" + folder + "': it is a directory. Give the path of a file to write.", save.Message);
        IOException load = Assert.Throws<IOException>(() => SafeTensors.Load(net, folder));
        Assert.Equal("Cannot load '" + folder + "': it is a directory, not a safetensors file.", load.Message);

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.Empty(Temporaries());
    }

    /// <summary>
    /// 60 kill -9s during saves left 40 temporary files that nothing removed. A later save to the same target removes
    /// the ones whose writer is gone (a minute's grace) or that nobody wrote to for an hour, and nothing else.
    /// </summary>
    [Fact]
    public void Save_removes_stale_temporaries_of_its_target_and_nothing_else()
    {
        const int Gone = int.MaxValue; // no process has this id on Linux, macOS or Windows
        int self = Environment.ProcessId;
        string Temp(string target, int pid, string random, TimeSpan age)
        {
            string path = Path.Combine(_dir, "." + target + "." + pid + "-" + random + ".netgen-tmp");
            File.WriteAllBytes(path, new byte[100]);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
            return Path.GetFileName(path);
        }

        Temp("w.safetensors", Gone, "0123abcd", TimeSpan.FromMinutes(2));             // killed writer: removed
        Temp("w.safetensors", self, "4567abcd", TimeSpan.FromHours(2));               // abandoned an hour ago: removed
        string fresh = Temp("w.safetensors", Gone, "89abcdef", TimeSpan.Zero);          // maybe writing elsewhere: kept
        string ours = Temp("w.safetensors", self, "fedcba98", TimeSpan.FromMinutes(2)); // this process may be writing: kept
        string other = Temp("other.safetensors", Gone, "0123abcd", TimeSpan.FromHours(2)); // another target: kept
        string unlike = Path.GetFileName(Path.Combine(_dir, ".w.safetensors.backup.netgen-tmp"));
        File.WriteAllBytes(Path.Combine(_dir, unlike), new byte[1]);
        File.SetLastWriteTimeUtc(Path.Combine(_dir, unlike), DateTime.UtcNow - TimeSpan.FromDays(2)); // not our pattern: kept

        SafeTensors.Save(new Small32(), Path.Combine(_dir, "w.safetensors"));

        Assert.Equal(new[] { fresh, ours, other, unlike }.OrderBy(n => n, StringComparer.Ordinal), Temporaries().OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dir, "w.safetensors")));
    }
}
