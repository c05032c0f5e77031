using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.IO;

/// <summary>
/// The file-system side of <see cref="SafeTensors.Save{T}(INetwork{T}, string, System.Collections.Generic.IReadOnlyDictionary{string, string}?)"/>:
/// where to write (through links, never a directory), temporary names, the final move, and the removal of temporary
/// files left by killed writers.
/// </summary>
internal static class SaveTempFiles
{
    /// <summary>The ending of every temporary file, so that nothing else is ever taken for one.</summary>
    public const string Suffix = ".netgen-tmp";

    /// <summary>The longest part of the target's name kept in a temporary name, in UTF-8 bytes (names are limited to 255).</summary>
    public const int MaxNameBytes = 200;

    /// <summary>A temporary file not written to for this long is a leftover even if a process with its id runs (ids are reused).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    /// <summary>A leftover whose writer is gone is removed only after this long, in case the writer runs on another machine sharing the folder.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>The full path to replace: through symbolic links on .NET 8+, and never a directory.</summary>
    public static string Target(string path)
    {
        string target = Path.GetFullPath(path);
#if NET
        // Link by link (a dangling link's file is created); 40 hops is Linux's limit, beyond it is a loop.
        for (int hop = 0; hop < 40 && new FileInfo(target).LinkTarget is string next; hop++)
        {
            target = Path.GetFullPath(next, Path.GetDirectoryName(target)!);
        }
#endif
        if (Directory.Exists(target))
        {
            throw new IOException("Cannot save to '" + path + "': it is a directory. Give the path of a file to write.");
        }

        if (Path.GetFileName(target).Length == 0)
        {
            throw new ArgumentException("'" + path + "' names no file.", nameof(path));
        }

        return target;
    }

    /// <summary><c>.{name cut to 200 UTF-8 bytes}.{process id}-{8 random hex digits}.netgen-tmp</c>, at most 233 bytes.</summary>
    public static string NewName(string fileName) =>
        "." + Prefix(fileName) + "." + ProcessId().ToString(CultureInfo.InvariantCulture) + "-"
        + Guid.NewGuid().ToString("N").Substring(0, 8) + Suffix;

    /// <summary>Moves the finished temporary file over the target; concurrent saves each succeed and the last one wins.</summary>
    public static void MoveOver(string temp, string target)
    {
#if NET
        // rename(2) on Unix, MoveFileEx(REPLACE_EXISTING) on Windows: one step, whether or not the target exists.
        File.Move(temp, target, overwrite: true);
#else
        for (int attempt = 0; ; attempt++)
        {
            if (File.Exists(target))
            {
                File.Replace(temp, target, null);
                return;
            }

            try
            {
                File.Move(temp, target);
                return;
            }
            catch (IOException) when (attempt < 3 && File.Exists(target))
            {
                // Another save created the target between the check and the move: replace it (last writer wins).
            }
        }
#endif
    }

    /// <summary>
    /// Removes the temporary files of earlier saves to <paramref name="fileName"/> that will never finish: the writer
    /// process is gone and the file has not been written to for <see cref="Grace"/>, or it has not been written to for
    /// <see cref="Abandoned"/>. Best effort: a file that cannot be examined or deleted is left.
    /// </summary>
    public static void RemoveStale(string directory, string fileName)
    {
        string start = "." + Prefix(fileName) + ".";
        try
        {
            foreach (string path in Directory.EnumerateFiles(directory, "*" + Suffix))
            {
                string name = Path.GetFileName(path);
                if (name.StartsWith(start, StringComparison.Ordinal)
                    && name.EndsWith(Suffix, StringComparison.Ordinal)
                    && TryParseWriter(name.Substring(start.Length, name.Length - start.Length - Suffix.Length), out int writer)
                    && IsStale(path, writer))
                {
                    SafeTensors.TryDelete(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // The save itself reports what is wrong with the directory.
        }
    }

    private static bool IsStale(string path, int writer)
    {
        TimeSpan age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
        if (age >= Abandoned)
        {
            return true;
        }

        return age >= Grace && writer != ProcessId() && !IsRunning(writer);
    }

    /// <summary>"{process id}-{8 hex digits}".</summary>
    private static bool TryParseWriter(string middle, out int writer)
    {
        writer = 0;
        int dash = middle.IndexOf('-');
        if (dash <= 0 || middle.Length - dash - 1 != 8)
        {
            return false;
        }

        for (int i = dash + 1; i < middle.Length; i++)
        {
            if (!Uri.IsHexDigit(middle[i]))
            {
                return false;
            }
        }

        return int.TryParse(middle.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out writer);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or NotSupportedException)
        {
            return true; // Unknown: only the one-hour rule applies.
        }
    }

    private static int ProcessId()
    {
#if NET
        return Environment.ProcessId;
#else
        using Process current = Process.GetCurrentProcess();
        return current.Id;
#endif
    }

    /// <summary>The file name cut to at most <see cref="MaxNameBytes"/> UTF-8 bytes, never inside a surrogate pair.</summary>
    private static string Prefix(string fileName)
    {
        if (Encoding.UTF8.GetByteCount(fileName) <= MaxNameBytes)
        {
            return fileName;
        }

        int bytes = 0;
        int length = 0;
        while (length < fileName.Length)
        {
            int width = char.IsHighSurrogate(fileName[length]) && length + 1 < fileName.Length ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(fileName.ToCharArray(length, width));
            if (bytes + size > MaxNameBytes)
            {
                break;
            }

            bytes += size;
            length += width;
        }

        return fileName.Substring(0, length);
    }
}
