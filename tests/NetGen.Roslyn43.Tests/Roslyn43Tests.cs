using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NetGen.Roslyn43.Tests;

/// <summary>
/// Unity 2022.3.12f1+ and Unity 6 load source generators into Roslyn 4.3. These tests are that compiler: the built
/// generator file, loaded as an analyzer reference, generates every code shape for a C# 9 / netstandard2.1 consumer
/// whose output compiles with no error and no warning, and the generated code runs.
/// </summary>
public sealed class Roslyn43Tests
{
    [Fact]
    public void The_compiler_in_this_process_is_Roslyn_4_3()
    {
        Assert.StartsWith("4.3.", typeof(CSharpCompilation).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("4.3.", typeof(Compilation).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_generator_loads_and_references_no_newer_compiler()
    {
        (ImmutableArray<ISourceGenerator> generators, var failures) = Roslyn43Host.LoadGenerator();

        // A generator built against a newer Microsoft.CodeAnalysis fails here with ReferencesNewerCompiler.
        Assert.Empty(failures);
        Assert.Single(generators);

        Assembly generator = AssemblyLoadContext.Default.Assemblies.Single(a => a.GetName().Name == "NetGen.Generator");
        Assert.Equal(Path.GetFullPath(Roslyn43Host.GeneratorPath), generator.Location);
        foreach (AssemblyName reference in generator.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
        {
            Assert.True(reference.Version! <= new Version(4, 3, 0, 0), reference.FullName);
        }
    }

    [Fact]
    public void A_CSharp_9_netstandard_2_1_consumer_gets_every_code_shape_with_no_error_or_warning()
    {
        (Compilation output, GeneratorDriverRunResult run, ImmutableArray<Diagnostic> driverDiagnostics) = Generate();

        Assert.Empty(driverDiagnostics);
        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);

        // One file per network, each with the code shape expected for a netstandard consumer.
        Assert.Equal(
            UnityConsumer.Networks.Select(n => n.Name + ".g.cs").OrderBy(n => n, StringComparer.Ordinal),
            result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        foreach ((string name, string shape) in UnityConsumer.Networks)
        {
            string text = result.GeneratedSources.Single(s => s.HintName == name + ".g.cs").SourceText.ToString();
            Assert.Contains("/// <para>Code shape: " + shape, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Vector256", text, StringComparison.Ordinal);
        }

        // The output compilation (the consumer plus the generated files): nothing to report at every warning level.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

        // And nothing from the analyzer, which sees the generated members and must not take them for collisions.
        (ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers, var failures) = Roslyn43Host.LoadAnalyzers();
        Assert.Empty(failures);
        Assert.Empty(Roslyn43Host.Analyze(analyzers, output).Select(d => d.ToString()));
        EmitResult emitted = output.Emit(Stream.Null);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)] // the newest Roslyn 4.3 knows
    public void A_struct_network_gets_NG0011_under_Roslyn_4_3(LanguageVersion languageVersion)
    {
        // Structs need C# 11 (the rule set compares the language version with 1100, a value Roslyn 4.3 has no name for).
        // The analyzer reports it; the generator only skips the declaration (docs/diagnostics.md, "Who reports what").
        (ImmutableArray<ISourceGenerator> generators, var failures) = Roslyn43Host.LoadGenerator();
        Assert.Empty(failures);
        CSharpCompilation consumer = Roslyn43Host.CreateConsumer(
            "[NetGen.Network(2, 2, 1)] public partial struct Steering { }",
            languageVersion);

        (Compilation output, GeneratorDriverRunResult run, ImmutableArray<Diagnostic> driverDiagnostics) = Roslyn43Host.Generate(generators, consumer);

        // No CS8784/CS8785 (the generator did not fail), no code and no duplicate of the analyzer's report.
        Assert.Empty(driverDiagnostics);
        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);

        (ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers, var analyzerFailures) = Roslyn43Host.LoadAnalyzers();
        Assert.Empty(analyzerFailures);
        Diagnostic diagnostic = Assert.Single(Roslyn43Host.Analyze(analyzers, output));
        Assert.Equal("NG0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void The_analyzer_loads_under_Roslyn_4_3_and_reports_NG0001_for_a_class_that_is_not_partial()
    {
        (ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers, var failures) = Roslyn43Host.LoadAnalyzers();

        // An analyzer built against a newer Microsoft.CodeAnalysis fails here with ReferencesNewerCompiler.
        Assert.Empty(failures);
        Assert.Equal("NetworkAnalyzer", Assert.Single(analyzers).GetType().Name);
        CSharpCompilation consumer = Roslyn43Host.CreateConsumer("namespace Game.AI { [NetGen.Network(2, 3, 1)] public class Steering { } }");

        Diagnostic diagnostic = Assert.Single(Roslyn43Host.Analyze(analyzers, consumer));

        Assert.Equal("NG0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Type 'Steering' must be declared partial so NetGen can add the network members: add the 'partial' modifier", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Steering", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("docs/diagnostics.md#ng0001", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void The_netstandard20_runtime_references_only_what_the_Unity_guide_lists()
    {
        // docs/platforms.md tells Unity users which of these Unity provides and which DLL to add: a new dependency
        // of NetGen.dll must change that guide, so it fails here first.
        using var file = File.OpenRead(Roslyn43Host.RuntimePath);
        using var pe = new PEReader(file);
        MetadataReader metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences
            .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "System.Memory", "System.Numerics.Vectors", "System.Runtime.CompilerServices.Unsafe", "netstandard" }, references);
    }

    [Fact]
    public void The_code_generated_under_Roslyn_4_3_runs()
    {
        (Compilation output, _, _) = Generate();
        using var image = new MemoryStream();
        EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

        var context = new ConsumerContext();
        try
        {
            image.Position = 0;
            Type checks = context.LoadFromStream(image).GetType("Game.AI.Checks", throwOnError: true)!;
            double Call(string method) => Convert.ToDouble(checks.GetMethod(method)!.Invoke(null, null), System.Globalization.CultureInfo.InvariantCulture);

            // Gradients of the unrolled and the kernel shape in double agree with finite differences.
            Assert.InRange(Call("SteeringGradientError"), 0.0, 1e-6);
            Assert.InRange(Call("ForcedKernelsGradientError"), 0.0, 1e-6);

            // The 784-128-10 kernel network's softmax output sums to 1.
            Assert.InRange(Call("DigitsOutputSum"), 1 - 1e-5, 1 + 1e-5);

            // 200 online steps on one example lower its loss, on each float network.
            float[] losses = (float[])checks.GetMethod("TrainedLosses")!.Invoke(null, null)!;
            for (int i = 0; i < losses.Length; i += 2)
            {
                Assert.True(losses[i + 1] < 0.5f * losses[i], $"network {i / 2}: loss {losses[i]} -> {losses[i + 1]}");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Deterministic = true through the netstandard2.0 runtime (the build a Unity project takes, whose deterministic
    /// kernels and math have only their scalar forms): the cross-platform check of tests/Determinism, compiled by
    /// Roslyn 4.3 against netstandard2.1, must compute the same hashes as the .NET 8+ runtime on every platform.
    /// (This runs on CoreCLR; Unity's Mono and IL2CPP are not tested, see docs/determinism.md.)
    /// </summary>
    [Fact]
    public void Deterministic_networks_give_the_recorded_bits_through_the_netstandard20_runtime()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "under-test", "determinism");
        (ImmutableArray<ISourceGenerator> generators, var failures) = Roslyn43Host.LoadGenerator();
        Assert.Empty(failures);
        CSharpCompilation consumer = Roslyn43Host.CreateConsumer(
            new[] { "DeterminismRun.cs", "DeterminismExpected.cs" }.Select(f => ("Determinism/" + f, File.ReadAllText(Path.Combine(folder, f)))),
            LanguageVersion.CSharp10);
        (Compilation output, GeneratorDriverRunResult run, _) = Roslyn43Host.Generate(generators, consumer);
        Assert.Empty(run.Results.SelectMany(r => r.Diagnostics));
        Assert.All(run.Results.SelectMany(r => r.GeneratedSources), s => Assert.Contains("Deterministic: one fixed operation order", s.SourceText.ToString(), StringComparison.Ordinal));

        using var image = new MemoryStream();
        var digits = new ResourceDescription("NetGen.Determinism.digits.csv.gz", () => File.OpenRead(Path.Combine(folder, "digits.csv.gz")), isPublic: true);
        EmitResult emitted = output.Emit(image, manifestResources: new[] { digits });
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

        var context = new ConsumerContext();
        try
        {
            image.Position = 0;
            Type check = context.LoadFromStream(image).GetType("NetGen.Determinism.DeterminismRun", throwOnError: true)!;
            object?[] arguments = { null };
            bool same = (bool)check.GetMethod("Check")!.Invoke(null, arguments)!;
            Assert.True(same, "The netstandard2.0 runtime computed other bits:\n" + arguments[0]);
        }
        finally
        {
            context.Unload();
        }
    }

    private static (Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> DriverDiagnostics) Generate()
    {
        (ImmutableArray<ISourceGenerator> generators, var failures) = Roslyn43Host.LoadGenerator();
        Assert.Empty(failures);
        return Roslyn43Host.Generate(generators, Roslyn43Host.CreateConsumer(UnityConsumer.Source));
    }

    /// <summary>Runs the consumer with the netstandard2.0 NetGen.dll it was compiled against (not this process's).</summary>
    private sealed class ConsumerContext : AssemblyLoadContext
    {
        public ConsumerContext()
            : base("UnityConsumer", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "NetGen" ? LoadFromAssemblyPath(Roslyn43Host.RuntimePath) : null;
    }
}
