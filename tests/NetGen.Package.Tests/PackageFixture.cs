using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Package.Tests;

/// <summary>
/// Packs NetGen once (with a unique version, so the NuGet cache never serves a stale copy) into a temporary feed,
/// as CI packs it (ContinuousIntegrationBuild: PDB paths mapped to /_/).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        WorkDir = Path.Combine(Path.GetTempPath(), "netgen-package-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(WorkDir, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.2.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        PackOutput = Run(
            RepoRoot,
            "pack", Path.Combine("src", "NetGen", "NetGen.csproj"), "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(WorkDir, "artifacts"), "-p:Version=" + Version, "-p:ContinuousIntegrationBuild=true").Output;
        Package = Path.Combine(Feed, "NetGen." + Version + ".nupkg");
        SymbolPackage = Path.Combine(Feed, "NetGen." + Version + ".snupkg");
    }

    public string RepoRoot { get; }

    public string WorkDir { get; }

    public string Feed { get; }

    public string Version { get; }

    public string Package { get; }

    public string SymbolPackage { get; }

    public string PackOutput { get; }

    /// <summary>A consumer directory outside the repo whose nuget.config takes NetGen from the local feed only.</summary>
    public string NewConsumer(string name)
    {
        string dir = Path.Combine(WorkDir, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="NetGen" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return dir;
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        RunProcess("dotnet", workingDirectory, arguments, throwOnFailure: true);

    public static (int ExitCode, string Output) RunProcess(string fileName, string workingDirectory, string[] arguments, bool throwOnFailure)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 8 minutes:\n{output}");
        }

        process.WaitForExit();
        string text = output.ToString();
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        }

        return (process.ExitCode, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // This source file lives in tests/NetGen.Package.Tests; the output folder may be anywhere (--artifacts-path).
        for (string? dir = Path.GetDirectoryName(sourceFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "NetGen.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("NetGen.sln not found above " + sourceFile);
    }
}
