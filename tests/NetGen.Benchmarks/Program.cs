using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using NetGen.Benchmarks.Implementations;
using NetGen.Benchmarks.Suites;
using Perfolizer.Horology;

namespace NetGen.Benchmarks;

public static class Program
{
    private const string Usage = """
        NetGen.Benchmarks: NetGen vs FANN 2.2 vs fixed-size Eigen vs plain C# arrays (issue 5). Use run.sh.

          --verify           only check that the four implementations compute the same thing (exit 1 if not)
          --short            (default) verify, then the short BenchmarkDotNet job, then the markdown report
          --dry              verify, then BenchmarkDotNet's Dry job (one invocation each): CI's smoke test
          --checks           only the cost of the reliability checks beside TrainStep (3-4-3, 64-32-10, 784-128-10)
          --optimizers       only one optimizer step over 784-128-10's parameters (vectorised vs the old scalar loop)
          --vector128        only issue 15's comparison: TrainStep of 24-8-2, 30-16-2, 64-32-10 as Vector128 code vs the
                             kernel shape, at 128 bits (runs itself again with DOTNET_EnableAVX2=0; Ratio = vs kernels)
          --vector128-avx2   the same suite with AVX2 on, for context (Vector256 code vs 256-bit kernels)
          --deterministic    only issue 15's cost of Deterministic = true: TrainStep and BackwardBatch(32) + ApplyGradients of
                             3-4-3, 24-8-2, 30-16-2, 64-32-10, 784-128-10, default shape vs the Deterministic twin
          --fashion DIR      Trainer.Fit on Fashion-MNIST in DIR, training time per epoch (fashion/compare.sh runs PyTorch beside it)
          --epochs N         epochs for --fashion (default 3)
          --report-only      rewrite the report from the JSON exports already in --artifacts
          --no-verify        skip the verification (not recommended: ratios of different computations mean nothing)
          --topology NAME    only this topology (repeatable), e.g. --topology 784-128-10
          --native PATH      the library built by build-native.sh (default $NETGEN_BENCH_NATIVE or
                             /tmp/art-bench/native/libnetgen_bench_native.so)
          --artifacts DIR    BenchmarkDotNet's artifacts (default /tmp/art-bench/bdn-<mode>)
          --results FILE     the markdown report (default: results.md of this folder for --short,
                             <artifacts>/results-dry.md for --dry)
        """;

    public static int Main(string[] args)
    {
        string mode = "short";
        bool verify = true, reportOnly = false;
        string? fashionFolder = null;
        int fashionEpochs = 3;
        string? artifacts = null, results = null;
        var topologies = new List<Topology>();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--verify": mode = "verify"; break;
                case "--short": mode = "short"; break;
                case "--dry": mode = "dry"; break;
                case "--checks": mode = "checks"; break;
                case "--optimizers": mode = "optimizers"; break;
                case "--vector128": mode = "vector128"; break;
                case "--vector128-avx2": mode = "vector128-avx2"; break;
                case "--deterministic": mode = "deterministic"; break;
                case "--fashion": mode = "fashion"; fashionFolder = Value(); break;
                case "--epochs": fashionEpochs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--report-only": reportOnly = true; break;
                case "--no-verify": verify = false; break;
                case "--native": NativeLibraries.ShimPath = Path.GetFullPath(Value()); break;
                case "--artifacts": artifacts = Path.GetFullPath(Value()); break;
                case "--results": results = Path.GetFullPath(Value()); break;
                case "--topology":
                    string name = Value();
                    topologies.Add(Topology.Find(name) ?? throw new ArgumentException(
                        $"unknown topology {name}; known: {string.Join(", ", Topology.All.Select(t => t.Name))}"));
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}\n\n{Usage}");
                    return 2;
            }
        }

        if (mode == "fashion")
        {
            return FashionTraining.Run(fashionFolder!, fashionEpochs);
        }

        if (mode == "vector128" && Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") != "0")
        {
            // The in-process toolchain cannot give the benchmarks an environment of their own, and the JIT reads
            // DOTNET_EnableAVX2 at startup: run this program again with it set, as a child process.
            return RunWithoutAvx2(args);
        }

        if (topologies.Count == 0)
        {
            topologies.AddRange(Topology.All);
        }

        artifacts ??= Path.Combine("/tmp/art-bench", "bdn-" + mode);
        results ??= mode == "short" ? Path.Combine(SourceFolder(), "results.md") : Path.Combine(artifacts, "results-" + mode + ".md");
        string runInfoPath = Path.Combine(artifacts, "run-info.txt");

        if (reportOnly)
        {
            return TryReport(Path.Combine(artifacts, "results"), runInfoPath, results) ? 0 : 1;
        }

        var info = new RunInfo();
        info.Add("mode", mode);
        info.Add("date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        info.Add("cpu", MachineInfo.CpuModel());
        info.Add("avx512", MachineInfo.Avx512Summary());
        info.Add("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        info.Add("runtime", $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; Vector512 hardware-accelerated: {Vector512.IsHardwareAccelerated}");
        info.Add("native", ShimNative.NativeInfo());
        info.Add("fann", "Debian libfann-dev 2.2.0, libfloatfann.so.2 (float)");
        info.Add("load-start", MachineInfo.LoadAverage());
        foreach (KeyValuePair<string, string> kv in info.Items)
        {
            Console.WriteLine($"{kv.Key}: {kv.Value}");
        }

        if (mode == "optimizers")
        {
            return Succeeded(BenchmarkRunner.Run<OptimizerBenchmarks>(Config(ShortJob(), artifacts))) ? 0 : 1;
        }

        if (mode == "deterministic")
        {
            Summary detSummary = BenchmarkRunner.Run<DeterministicBenchmarks>(Config(ShortJob(), artifacts).AddColumn(StatisticColumn.Median));
            info.Add("load-end", MachineInfo.LoadAverage());
            string? detTable = Directory.Exists(detSummary.ResultsDirectoryPath)
                ? Directory.GetFiles(detSummary.ResultsDirectoryPath, "*DeterministicBenchmarks-report-github.md").FirstOrDefault()
                : null;
            if (detTable is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(results)!);
                File.WriteAllText(results, string.Concat(info.Items.Select(kv => $"- {kv.Key}: {kv.Value}\n")) + "\n" + File.ReadAllText(detTable));
            }

            return Succeeded(detSummary) ? 0 : 1;
        }

        if (mode is "vector128" or "vector128-avx2")
        {
            bool avx2Off = mode == "vector128";
            if (avx2Off && System.Runtime.Intrinsics.X86.Avx2.IsSupported)
            {
                Console.Error.WriteLine("--vector128: AVX2 is still on in this process");
                return 1;
            }

            Vector128Benchmarks.ExpectedVectorShape = avx2Off ? "Vector128 code" : "Vector256 code";
            info.Add("vector-width", $"Vector<float>.Count = {System.Numerics.Vector<float>.Count}, Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector128 accelerated: {Vector128.IsHardwareAccelerated}");
            Console.WriteLine($"vector-width: {info.Items[^1].Value}");
            Job vectorJob = ShortJob();
            if (avx2Off)
            {
                // Documents the environment in the summary; the variable itself is set by RunWithoutAvx2 on this process.
                vectorJob = vectorJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")).WithId("Short-AVX2off");
            }

            // The median beside the mean: a shared machine's outliers move the mean more.
            Summary vectorSummary = BenchmarkRunner.Run<Vector128Benchmarks>(Config(vectorJob, artifacts).AddColumn(StatisticColumn.Median));
            bool vectorOk = Succeeded(vectorSummary);
            info.Add("load-end", MachineInfo.LoadAverage());
            Console.WriteLine($"load-end: {info.Items[^1].Value}");
            string? table = Directory.Exists(vectorSummary.ResultsDirectoryPath)
                ? Directory.GetFiles(vectorSummary.ResultsDirectoryPath, "*Vector128Benchmarks-report-github.md").FirstOrDefault()
                : null;
            if (table is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(results)!);
                File.WriteAllText(results, string.Concat(info.Items.Select(kv => $"- {kv.Key}: {kv.Value}\n")) + "\n" + File.ReadAllText(table));
            }

            return vectorOk ? 0 : 1;
        }

        if (mode == "checks")
        {
            return Succeeded(BenchmarkRunner.Run<CheckCostBenchmarks>(Config(ShortJob(), artifacts))) ? 0 : 1;
        }

        if (verify && !Verification.Run(Console.Out))
        {
            return 1;
        }

        if (mode == "verify")
        {
            return 0;
        }

        if (Directory.Exists(Path.Combine(artifacts, "results")))
        {
            Directory.Delete(Path.Combine(artifacts, "results"), recursive: true);
        }

        Job job = mode == "dry" ? DryJob() : ShortJob();
        info.Add("job", mode == "dry"
            ? "BenchmarkDotNet Dry (1 iteration of 1 invocation, no warm-up: checks that everything runs, times mean nothing)"
            : "BenchmarkDotNet, in-process (InProcessEmitToolchain), 1 launch, 2 warm-up + 7 measured iterations of ~120 ms each; the report shows the median");
        bool ok = true;
        ok &= Succeeded(BenchmarkRunner.Run<MachineBenchmarks>(Config(job, artifacts).AddFilter(new SimpleFilter(MachineBenchmarkSupported))));
        foreach (Topology t in topologies)
        {
            ok &= Succeeded(BenchmarkRunner.Run(t.BenchmarkType, Config(job, artifacts)));
        }

        info.Add("load-end", MachineInfo.LoadAverage());
        info.Write(runInfoPath);
        if (!TryReport(Path.Combine(artifacts, "results"), runInfoPath, results))
        {
            return 1;
        }

        Console.WriteLine($"BenchmarkDotNet exports: {Path.Combine(artifacts, "results")}");
        if (!ok)
        {
            Console.Error.WriteLine("some benchmarks failed (see above)");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// The short job: BenchmarkDotNet's in-process emit toolchain (no child project is generated or built, so it
    /// never rebuilds the solution and needs no artifacts path of its own), few iterations.
    /// </summary>
    private static Job ShortJob() => Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(7)
        .WithIterationTime(TimeInterval.FromMilliseconds(120))
        .WithId("Short");

    /// <summary>This program again, as a child process with DOTNET_EnableAVX2=0 in its environment.</summary>
    private static int RunWithoutAvx2(string[] args)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_EnableAVX2"] = "0";
        Console.WriteLine("running again with DOTNET_EnableAVX2=0");
        using var child = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start " + host);
        child.WaitForExit();
        return child.ExitCode;
    }

    private static Job DryJob() => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Dry");

    private static ManualConfig Config(Job job, string artifacts)
    {
        ManualConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CategoriesColumn.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub, CsvExporter.Default)
            .AddValidator(JitOptimizationsValidator.FailOnError, BaselineValidator.FailOnError)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithArtifactsPath(artifacts)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        return config;
    }

    private static bool MachineBenchmarkSupported(BenchmarkDotNet.Running.BenchmarkCase benchmark)
    {
        string name = benchmark.Descriptor.WorkloadMethod.Name;
        if (name.EndsWith("Avx512", StringComparison.Ordinal))
        {
            return ShimNative.nb_has_avx512f() == 1 && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        }

        if (name.EndsWith("Avx2", StringComparison.Ordinal))
        {
            return ShimNative.nb_has_fma() == 1 && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        }

        return true;
    }

    private static bool TryReport(string exports, string runInfoPath, string results)
    {
        try
        {
            Report.Write(exports, runInfoPath, results);
            Console.WriteLine($"report: {results}");
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"no report: {e.Message}");
            return false;
        }
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

    // tests/NetGen.Benchmarks, from the build's own location (the project is built from there).
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";
}
