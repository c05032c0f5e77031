using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Tests.Infrastructure;
using NetGen.TestShared;
using Xunit;

namespace NetGen.Generator.Tests.Weights;

/// <summary>
/// Baked weights: <c>Weights = "file.safetensors"</c> names an AdditionalFile whose values are compiled into the type.
/// Files are written to a temporary folder (the generator reads the bytes of the AdditionalFile it is given).
/// </summary>
public sealed class WeightsTests : IDisposable
{
    /// <summary>The diagnostic IDs these tests cover (the descriptor meta-test counts them).</summary>
    public static readonly string[] CoveredIds = { "NG0018", "NG0019", "NG0024" };

    private const string Declaration = """
        using NetGen;
        namespace Demo
        {
            [Network(2, 2, 1, WEIGHTS)]
            public partial class Baked { }
        }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-weights-" + Guid.NewGuid().ToString("N")[..8]);

    public WeightsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A 2-2-1 file as NetGen and PyTorch write it: 0.weight [2, 2], 0.bias [2], 2.weight [1, 2], 2.bias [1].</summary>
    private static SafeTensorsFile ValidFile() => CorruptSafeTensors.Valid();

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static GeneratorRun Run(string weightsArgument, params string[] additionalFiles) =>
        Run(weightsArgument, additionalFiles.Select(p => (AdditionalText)new FileAdditionalText(p)).ToArray());

    private static GeneratorRun Run(string weightsArgument, AdditionalText[] additionalTexts, LanguageVersion languageVersion = LanguageVersion.Latest, string declaration = Declaration)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(languageVersion, declaration.Replace("WEIGHTS", weightsArgument, StringComparison.Ordinal));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            additionalTexts: additionalTexts,
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return GeneratorHarness.Run(driver, compilation, additionalTexts.ToImmutableArray());
    }

    [Fact]
    public void Baked_network_snapshot_compiles_cleanly_and_holds_the_files_values()
    {
        string path = Write("tiny.safetensors", ValidFile().ToBytes());
        GeneratorRun run = Run("Weights = \"tiny.safetensors\"", path, Write("other.safetensors", new byte[3]));
        run.AssertCleanBuild();
        string source = run.SingleSource("Demo.Baked.g.cs");
        Snapshot.Verify(source);

        // The constant data is the file's values in NetGen's order (W1, b1, W2, b2), little-endian float32.
        byte[] expected = new[] { 0.5f, -0.25f, 1f, 2f, 0.125f, -1f, 3f, -0.75f, 0.0625f }.SelectMany(BitConverter.GetBytes).ToArray();
        byte[] baked = BakedBytes(source);
        Assert.Equal(expected, baked);
        Assert.Contains("global::NetGen.__Internals.BakedParameters.CopyTo(s_bakedParameters, _parameters);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("InitializeParameters(0UL);", source, StringComparison.Ordinal);
    }

    /// <summary>The baked string literal compiles in the oldest C# NetGen supports, and holds the same values.</summary>
    [Fact]
    public void A_baked_network_compiles_cleanly_in_CSharp_7_3()
    {
        string path = Write("tiny.safetensors", ValidFile().ToBytes());
        GeneratorRun run = Run("Weights = \"tiny.safetensors\"", new AdditionalText[] { new FileAdditionalText(path) }, LanguageVersion.CSharp7_3);
        run.AssertCleanBuild();
        Assert.Equal(new[] { 0.5f, -0.25f, 1f, 2f, 0.125f, -1f, 3f, -0.75f, 0.0625f }.SelectMany(BitConverter.GetBytes), BakedBytes(run.SingleSource("Demo.Baked.g.cs")));
    }

    /// <summary>Every one of the 65,536 chars survives the literal: the compiler reads back exactly the baked bytes, on one line.</summary>
    [Fact]
    public void Every_char_value_round_trips_through_the_baked_literal()
    {
        byte[] bytes = Enumerable.Range(0, 65536).SelectMany(c => new[] { (byte)c, (byte)(c >> 8) }).ToArray();
        string body = NetGen.Generator.Emit.NetworkEmitter.BakedLiteral(new NetGen.Generator.Models.EquatableArray<byte>(bytes));
        string source = "class C { private static string s_bakedParameters => \"" + body + "\"; }";
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source);
        Assert.Empty(tree.GetDiagnostics());
        Assert.Equal(bytes, BakedBytes(source));
        Assert.DoesNotContain(body, c => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\u202E' or (>= '\uD800' and <= '\uDFFF'));
    }

    /// <summary>
    /// Over 15 MiB of baked data (here 1,969,921 doubles, 15.8 MB) is NG0019 before the file is decoded: more would
    /// break the compiler's 16 MiB limit on string constants (CS8103). Just under it (the same network in float) bakes.
    /// </summary>
    [Fact]
    public void A_network_over_the_baking_limit_is_NG0019_naming_the_limit()
    {
        const string Large = """
            using NetGen;
            namespace Demo
            {
                [Network(1024, 1920, 1, WEIGHTS)]
                public partial class Baked { }
            }
            """;
        string path = Write("tiny.safetensors", ValidFile().ToBytes());
        GeneratorRun run = Run("Precision = Precision.Double, Weights = \"tiny.safetensors\"", new AdditionalText[] { new FileAdditionalText(path) }, declaration: Large);
        AssertSingleError(run, "NG0019", "its 1969921 double parameters take 15759368 bytes, more than the 15728640 (15 MiB) NetGen bakes into one network");

        // In float, 7.9 MB: the limit is passed and the file itself is checked (it is a 2-2-1 file).
        GeneratorRun single = Run("Weights = \"tiny.safetensors\"", new AdditionalText[] { new FileAdditionalText(path) }, declaration: Large);
        AssertSingleError(single, "NG0019", "tensor '0.weight' has shape [2, 2]; expected [1920, 1024]");
    }

    [Fact]
    public void A_file_in_a_subfolder_is_found_by_its_relative_name_and_F64_is_narrowed()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "models"));
        SafeTensorsFile file = new SafeTensorsFile()
            .Tensor("0.weight", "F64", new[] { 2, 2 }, 1, 2, 3, 4)
            .Tensor("0.bias", "F64", new[] { 2 }, 5, 6)
            .Tensor("2.weight", "F64", new[] { 1, 2 }, 7, 8)
            .Tensor("2.bias", "F64", new[] { 1 }, 0.1);
        string path = Write(Path.Combine("models", "tiny64.safetensors"), file.ToBytes());
        GeneratorRun run = Run("Weights = \"models/tiny64.safetensors\"", path);
        run.AssertCleanBuild();
        string source = run.SingleSource("Demo.Baked.g.cs");
        Assert.Equal(new[] { 1f, 2, 3, 4, 5, 6, 7, 8, 0.1f }.SelectMany(BitConverter.GetBytes), BakedBytes(source));
    }

    [Fact]
    public void A_file_missing_from_AdditionalFiles_is_NG0018_on_the_Weights_argument()
    {
        GeneratorRun run = Run("Weights = \"absent.safetensors\"", Write("present.safetensors", ValidFile().ToBytes()));
        AssertSingleError(run, "NG0018", "<AdditionalFiles Include=\"absent.safetensors\" />");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_Weights_is_NG0024_not_silently_ignored(string weights)
    {
        GeneratorRun run = Run("Weights = \"" + weights + "\"", Write("tiny.safetensors", ValidFile().ToBytes()));
        AssertSingleError(run, "NG0024", "does not name exactly one weights file: it is empty;");
    }

    /// <summary>Two AdditionalFiles of the same name in different folders: the result must not depend on their order.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_files_of_the_same_name_are_NG0024_naming_both_in_either_order_and_a_folder_picks_one(bool reversed)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "a"));
        Directory.CreateDirectory(Path.Combine(_folder, "b"));
        string good = Write(Path.Combine("a", "w.safetensors"), ValidFile().ToBytes());
        string bad = Write(Path.Combine("b", "w.safetensors"), ValidFile().Remove("2.bias").ToBytes());
        string[] files = reversed ? new[] { bad, good } : new[] { good, bad };

        GeneratorRun ambiguous = Run("Weights = \"w.safetensors\"", files);
        AssertSingleError(ambiguous, "NG0024", $"it matches 2 AdditionalFiles, {good} and {bad}; write enough of the path to tell them apart, for example Weights = \"a/w.safetensors\"");

        GeneratorRun a = Run("Weights = \"a/w.safetensors\"", files);
        a.AssertCleanBuild();
        GeneratorRun b = Run("Weights = \"b/w.safetensors\"", files);
        AssertSingleError(b, "NG0019", "missing tensor(s) 2.bias [1]");
    }

    public static IEnumerable<object[]> Corruptions => CorruptSafeTensors.Names;

    /// <summary>The shared table (tests/Shared/CorruptSafeTensors.cs): SafeTensors.Load rejects each file with the same message.</summary>
    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Every_corrupt_file_is_NG0019_with_the_loaders_message_and_generates_nothing(string corruption)
    {
        (byte[] bytes, string message) = CorruptSafeTensors.Get(corruption);
        GeneratorRun run = Run("Weights = \"bad.safetensors\"", Write("bad.safetensors", bytes));
        AssertSingleError(run, "NG0019", message);
        Assert.Equal("Weights file 'bad.safetensors' cannot be baked into this network: " + message, run.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Replacing_the_file_rebakes_and_an_unrelated_edit_does_not()
    {
        string path = Write("tiny.safetensors", ValidFile().ToBytes());
        var original = new FileAdditionalText(path);
        GeneratorRun first = Run("Weights = \"tiny.safetensors\"", new AdditionalText[] { original });
        first.AssertCleanBuild();

        // An unrelated edit: nothing is re-baked or re-emitted.
        CSharpCompilation edited = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions()));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited, first.AdditionalTexts);
        Assert.All(Steps(second, TrackingNames.Bake).Concat(Steps(second, TrackingNames.Emit)), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        // New weights in the file (a new AdditionalText, as the IDE or the next build gives): re-baked and re-emitted.
        File.WriteAllBytes(path, ValidFile().Replace("2.bias", "F32", new[] { 1 }, 42f).ToBytes());
        var replaced = new FileAdditionalText(path);
        GeneratorDriver driver = second.Driver.ReplaceAdditionalText(original, replaced);
        GeneratorRun third = GeneratorHarness.Run(driver, edited, ImmutableArray.Create<AdditionalText>(replaced));
        Assert.Contains(IncrementalStepRunReason.Modified, Steps(third, TrackingNames.Emit));
        Assert.Equal(BitConverter.GetBytes(42f), BakedBytes(third.SingleSource("Demo.Baked.g.cs"))[^4..]);
    }

    /// <summary>The bytes of the generated string literal s_bakedParameters, as the C# compiler reads it: char k is bytes 2k, 2k+1.</summary>
    private static byte[] BakedBytes(string source)
    {
        var property = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>()
            .Single(p => p.Identifier.ValueText == "s_bakedParameters");
        var literal = Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>(property.ExpressionBody!.Expression);
        return literal.Token.ValueText.SelectMany(c => new[] { (byte)c, (byte)(c >> 8) }).ToArray();
    }

    private static IEnumerable<IncrementalStepRunReason> Steps(GeneratorRun run, string name) =>
        run.RunResult.Results[0].TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    private static void AssertSingleError(GeneratorRun run, string id, string messagePart)
    {
        Diagnostic d = Assert.Single(run.Diagnostics);
        Assert.Equal(id, d.Id);

        // NG0019 (the file's content) comes from the generator, which reads the bytes; NG0018 and NG0024 from the analyzer.
        Assert.Same(d.Descriptor, Assert.Single(DiagnosticDescriptors.ReportedByGenerator(id) ? run.GeneratorDiagnostics : run.AnalyzerDiagnostics).Descriptor);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains(messagePart, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Located on the Weights = "..." argument.
        string text = run.Input.SyntaxTrees.First().ToString();
        Assert.Equal(run.Input.SyntaxTrees.First().FilePath, d.Location.GetLineSpan().Path);
        Assert.StartsWith("Weights = \"", text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    /// <summary>An AdditionalText for a file on disk whose text is never asked for (the file is binary).</summary>
    private sealed class FileAdditionalText : AdditionalText
    {
        public FileAdditionalText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The generator must not ask for the text of a binary weights file (CS2015 in the real compiler).");
    }
}
