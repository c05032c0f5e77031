using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Benchmarks;

/// <summary>What the report says about the run besides the timings: a key: value text file next to the exports.</summary>
public sealed class RunInfo
{
    private readonly List<KeyValuePair<string, string>> _items = new();

    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    public string this[string key] => _items.LastOrDefault(kv => kv.Key == key).Value ?? "?";

    public void Add(string key, string value) => _items.Add(new(key, value.Replace('\n', ' ')));

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, _items.Select(kv => $"{kv.Key}: {kv.Value}"));
    }

    public static RunInfo Read(string path)
    {
        var info = new RunInfo();
        if (File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    info.Add(line[..colon], line[(colon + 1)..].Trim());
                }
            }
        }

        return info;
    }
}

/// <summary>The machine, as /proc tells it (Linux; "?" elsewhere).</summary>
public static class MachineInfo
{
    /// <summary>"AMD EPYC (family 25, model 17, stepping 1)": a hypervisor may hide the marketing name.</summary>
    public static string CpuModel()
    {
        string[] lines = CpuInfoLines();
        string Field(string name)
        {
            string? line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) &&
                                                     l[name.Length..].TrimStart().StartsWith(':'));
            return line is null ? "?" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }

        return $"{Field("model name")} (family {Field("cpu family")}, model {Field("model")}, stepping {Field("stepping")})";
    }

    public static string Avx512Summary()
    {
        string? flags = CpuInfoLines().FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (flags is null)
        {
            return "?";
        }

        string[] all = flags[(flags.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] avx512 = all.Where(f => f.StartsWith("avx512", StringComparison.Ordinal)).ToArray();
        string fma = all.Contains("fma") ? "FMA3, " : "";
        string avx2 = all.Contains("avx2") ? "AVX2, " : "";
        return avx512.Length == 0 ? $"no ({avx2}{fma.TrimEnd(',', ' ')})" : $"yes ({avx2}{fma}{string.Join(" ", avx512)})";
    }

    /// <summary>"3.12 2.50 1.10 (1, 5, 15 min)".</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"{parts[0]} {parts[1]} {parts[2]} (1, 5, 15 min) on {Environment.ProcessorCount} cores");
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string[] CpuInfoLines()
    {
        try
        {
            return File.ReadAllLines("/proc/cpuinfo");
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
    }
}
