using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using Perfolizer.Horology;
using TorchSharp;

namespace NetGen.LibTorch;

public static class Program
{
    private const string Usage = """
        NetGen.LibTorch: NetGen's batch path vs libtorch 2.10 (TorchSharp-cpu), one thread, batch 32. Use run.sh
        (TorchSharp 0.107's native part needs a newer libstdc++ than Debian 12's: run.sh runs this in a Debian trixie chroot).

          --verify          only check that both compute the same thing (exit 1 if not)
          --short           (default) verify, then the short BenchmarkDotNet job, then the markdown table
          --dry             verify, then BenchmarkDotNet's Dry job (one invocation each; times mean nothing)
          --artifacts DIR   BenchmarkDotNet's artifacts (default /tmp/art-libtorch/bdn); the table is written to
                            DIR/results.md too
        """;

    private static readonly (Type Type, string Name)[] Networks =
    {
        (typeof(Net784x128x10Comparison), "784-128-10"),
        (typeof(Net784x256x128x10Comparison), "784-256-128-10"),
    };

    public static int Main(string[] args)
    {
        string mode = "short";
        string artifacts = "/tmp/art-libtorch/bdn";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--verify": mode = "verify"; break;
                case "--short": mode = "short"; break;
                case "--dry": mode = "dry"; break;
                case "--artifacts" when i + 1 < args.Length: artifacts = Path.GetFullPath(args[++i]); break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}\n\n{Usage}");
                    return 2;
            }
        }

        // One thread for libtorch: intra-op (OpenMP/MKL) and inter-op. Before any other libtorch call: the inter-op
        // pool can be sized only before it starts.
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        var info = new List<string>
        {
            $"libtorch: {LibTorchVersion()} (TorchSharp {typeof(torch).Assembly.GetName().Version}), threads: intra-op {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}",
            $"environment: OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "(unset)"}, MKL_NUM_THREADS={Environment.GetEnvironmentVariable("MKL_NUM_THREADS") ?? "(unset)"}",
            $"runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, CPU {CpuModel()}",
            $"batch: m = {Setup.BatchSize}, float32, sigmoid hidden and output, E = 1/2 sum (g - y)^2 (summed), eta = {Setup.Eta.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (string line in info)
        {
            Console.WriteLine(line);
        }

        if (torch.get_num_threads() != 1)
        {
            Console.Error.WriteLine("libtorch does not run on one thread");
            return 1;
        }

        if (!Verification.Run(Console.Out))
        {
            return 1;
        }

        if (mode == "verify")
        {
            return 0;
        }

        Job job = mode == "dry"
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Dry")
            : Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(20)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Short");
        ManualConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CategoriesColumn.Default, StatisticColumn.Median)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddValidator(JitOptimizationsValidator.FailOnError, BaselineValidator.FailOnError)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithArtifactsPath(artifacts)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));

        Summary[] summaries = BenchmarkRunner.Run(Networks.Select(n => n.Type).ToArray(), config);
        bool ok = summaries.All(Succeeded);
        string table = Table(summaries, mode == "dry");
        string results = string.Concat(info.Select(line => "- " + line + "\n")) +
                         $"- job: {(mode == "dry" ? "BenchmarkDotNet Dry (times mean nothing)" : "BenchmarkDotNet in-process, 1 launch, 3 warm-up + 20 measured iterations of ~250 ms")}\n\n" +
                         table;
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "results.md"), results);
        Console.WriteLine();
        Console.WriteLine(table);
        if (!ok)
        {
            Console.Error.WriteLine("some benchmarks failed (see above)");
            return 1;
        }

        return 0;
    }

    /// <summary>Per network and category: NetGen's and libtorch's median time per batch, and libtorch / NetGen.</summary>
    private static string Table(Summary[] summaries, bool dry)
    {
        var medians = new Dictionary<(Type, string), double>();
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is { } stats)
            {
                medians[(report.BenchmarkCase.Descriptor.Type, report.BenchmarkCase.Descriptor.WorkloadMethod.Name)] = stats.Median;
            }
        }

        var text = new StringBuilder();
        text.AppendLine("| network | category | NetGen (µs/batch) | libtorch (µs/batch) | libtorch / NetGen |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach ((Type type, string name) in Networks)
        {
            foreach ((string category, string method) in new[] { (Category.TrainingStep, "TrainingStep"), (Category.Inference, "Inference") })
            {
                bool hasNetGen = medians.TryGetValue((type, "NetGen_" + method), out double netgen);
                bool hasTorch = medians.TryGetValue((type, "LibTorch_" + method), out double libtorch);
                static string Time(bool has, double ns) => has ? (ns / 1000).ToString("F1", CultureInfo.InvariantCulture) : "failed";
                string ratio = hasNetGen && hasTorch ? (libtorch / netgen).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";
                text.AppendLine($"| {name} | {category} | {Time(hasNetGen, netgen)} | {Time(hasTorch, libtorch)} | {ratio} |");
            }
        }

        text.AppendLine();
        text.AppendLine(dry
            ? "Dry job: one invocation each, no warm-up; the times mean nothing."
            : "Medians of BenchmarkDotNet's measured iterations; a ratio above 1 means NetGen is faster.");
        return text.ToString();
    }

    private static bool Succeeded(Summary summary)
    {
        bool ok = !summary.HasCriticalValidationErrors && summary.Reports.Length == summary.BenchmarksCases.Length &&
                  summary.Reports.All(r => r.Success);
        if (!ok)
        {
            Console.Error.WriteLine($"FAILED: {summary.Title}");
        }

        return ok;
    }

    /// <summary>The libtorch package (from this program's deps.json) and the libtorch_cpu.so this process loaded.</summary>
    private static string LibTorchVersion()
    {
        string package = "libtorch-cpu-linux-x64 (version unknown)";
        string deps = Path.Combine(AppContext.BaseDirectory, typeof(Program).Assembly.GetName().Name + ".deps.json");
        if (File.Exists(deps))
        {
            System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(deps), "\"(libtorch-cpu-linux-x64/[^\"]+)\"");
            if (m.Success)
            {
                package = m.Groups[1].Value;
            }
        }

        string? loaded = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
            .FirstOrDefault(p => p is not null && p.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        return $"{package}, loaded {loaded ?? "(libtorch_cpu.so not in /proc/self/maps)"}";
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line.Substring(line.IndexOf(':') + 1).Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
