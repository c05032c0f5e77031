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
using Xunit;

namespace NetGen.Generator.Tests.Weights
{
    /// <summary>
    /// Baked weights: <c>Weights = "file.safetensors"</c> names an AdditionalFile whose values are compiled into the type.
    /// Files are written to a temporary folder (the generator reads the bytes of the AdditionalFile it is given).
    /// </summary>
    public sealed class WeightsTests : IDisposable
    {
        /// <summary>The diagnostic IDs these tests cover (the descriptor meta-test counts them).</summary>
        public static readonly string[] CoveredIds = { "NG0018", "NG0019" };

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
        private static SafeTensorsFile ValidFile() => new SafeTensorsFile()
            .Tensor("0.weight", "F32", new[] { 2, 2 }, 0.5f, -0.25f, 1f, 2f)
            .Tensor("0.bias", "F32", new[] { 2 }, 0.125f, -1f)
            .Tensor("2.weight", "F32", new[] { 1, 2 }, 3f, -0.75f)
            .Tensor("2.bias", "F32", new[] { 1 }, 0.0625f);

        private string Write(string name, byte[] bytes)
        {
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static GeneratorRun Run(string weightsArgument, params string[] additionalFiles) =>
            Run(weightsArgument, additionalFiles.Select(p => (AdditionalText)new FileAdditionalText(p)).ToArray());

        private static GeneratorRun Run(string weightsArgument, AdditionalText[] additionalTexts)
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Declaration.Replace("WEIGHTS", weightsArgument, StringComparison.Ordinal));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new NetworkGenerator().AsSourceGenerator() },
                additionalTexts: additionalTexts,
                parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            return GeneratorHarness.Run(driver, compilation);
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
            int start = source.IndexOf("s_bakedParameters => new byte[]", StringComparison.Ordinal);
            int end = source.IndexOf("};", start, StringComparison.Ordinal);
            byte[] baked = System.Text.RegularExpressions.Regex.Matches(source[start..end], "0x([0-9A-F]{2})")
                .Select(m => Convert.ToByte(m.Groups[1].Value, 16)).ToArray();
            Assert.Equal(expected, baked);
            Assert.Contains("global::NetGen.BakedParameters.CopyTo(s_bakedParameters, _parameters);", source, StringComparison.Ordinal);
            Assert.DoesNotContain("InitializeParameters(0UL);", source, StringComparison.Ordinal);
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
            string tenth = string.Join(", ", BitConverter.GetBytes(0.1f).Select(b => "0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains(tenth, source, StringComparison.Ordinal);
        }

        [Fact]
        public void A_file_missing_from_AdditionalFiles_is_NG0018_on_the_Weights_argument()
        {
            GeneratorRun run = Run("Weights = \"absent.safetensors\"", Write("present.safetensors", ValidFile().ToBytes()));
            AssertSingleError(run, "NG0018", "<AdditionalFiles Include=\"absent.safetensors\" />");
        }

        public static TheoryData<string, string> Corruptions => new()
        {
            { "truncated-length", "fewer than the 8-byte header length" },
            { "truncated-header", "runs past the end of the file" },
            { "truncated-data", "outside the" },
            { "bad-json", "not valid JSON" },
            { "wrong-shape", "has shape [2, 3], expected [2, 2]" },
            { "wrong-dtype", "has dtype I32" },
            { "missing-tensor", "tensor '2.bias' (layer 2 bias, shape [1]) is missing" },
            { "extra-tensor", "tensor '4.weight' does not belong to a 2-2-1 network" },
            { "overlap", "overlap" },
            { "outside", "outside the" },
        };

        [Theory]
        [MemberData(nameof(Corruptions))]
        public void Every_corrupt_file_is_NG0019_naming_the_problem_and_generates_nothing(string corruption, string messagePart)
        {
            byte[] valid = ValidFile().ToBytes();
            byte[] bytes = corruption switch
            {
                "truncated-length" => valid[..5],
                "truncated-header" => valid[..20],
                "truncated-data" => valid[..^3],
                "bad-json" => new SafeTensorsFile().Raw("{\"0.weight\": {\"dtype\": \"F32\", ").ToBytes(),
                "wrong-shape" => ValidFile().Replace("0.weight", "F32", new[] { 2, 3 }, 1, 2, 3, 4, 5, 6).ToBytes(),
                "wrong-dtype" => ValidFile().Replace("0.weight", "I32", new[] { 2, 2 }, 1, 2, 3, 4).ToBytes(),
                "missing-tensor" => ValidFile().Remove("2.bias").ToBytes(),
                "extra-tensor" => ValidFile().Tensor("4.weight", "F32", new[] { 1, 1 }, 1).ToBytes(),
                "overlap" => ValidFile().WithOffsets("0.bias", 8, 16).ToBytes(),
                "outside" => ValidFile().WithOffsets("2.bias", 1000, 1004).ToBytes(),
                _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
            };
            GeneratorRun run = Run("Weights = \"bad.safetensors\"", Write("bad.safetensors", bytes));
            AssertSingleError(run, "NG0019", messagePart);
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
            GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);
            Assert.All(Steps(second, TrackingNames.Bake).Concat(Steps(second, TrackingNames.Emit)), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

            // New weights in the file (a new AdditionalText, as the IDE or the next build gives): re-baked and re-emitted.
            File.WriteAllBytes(path, ValidFile().Replace("2.bias", "F32", new[] { 1 }, 42f).ToBytes());
            GeneratorDriver driver = second.Driver.ReplaceAdditionalText(original, new FileAdditionalText(path));
            GeneratorRun third = GeneratorHarness.Run(driver, edited);
            Assert.Contains(IncrementalStepRunReason.Modified, Steps(third, TrackingNames.Emit));
            Assert.Contains(string.Join(", ", BitConverter.GetBytes(42f).Select(b => "0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), third.SingleSource("Demo.Baked.g.cs"), StringComparison.Ordinal);
        }

        private static IEnumerable<IncrementalStepRunReason> Steps(GeneratorRun run, string name) =>
            run.RunResult.Results[0].TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps)
                ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason)
                : Enumerable.Empty<IncrementalStepRunReason>();

        private static void AssertSingleError(GeneratorRun run, string id, string messagePart)
        {
            Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(id, d.Id);
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

        /// <summary>Builds safetensors bytes from the spec: 8-byte little-endian header length, JSON header, raw data.</summary>
        private sealed class SafeTensorsFile
        {
            private readonly List<(string Name, string DType, int[] Shape, byte[] Data, (long, long)? Offsets)> _tensors = new();
            private string? _raw;

            public SafeTensorsFile Tensor(string name, string dtype, int[] shape, params double[] values)
            {
                byte[] data = dtype switch
                {
                    "F64" => values.SelectMany(BitConverter.GetBytes).ToArray(),
                    "I32" => values.SelectMany(v => BitConverter.GetBytes((int)v)).ToArray(),
                    _ => values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray(),
                };
                _tensors.Add((name, dtype, shape, data, null));
                return this;
            }

            public SafeTensorsFile Tensor(string name, string dtype, int[] shape, params float[] values) =>
                Tensor(name, dtype, shape, values.Select(v => (double)v).ToArray());

            public SafeTensorsFile Replace(string name, string dtype, int[] shape, params double[] values)
            {
                int i = _tensors.FindIndex(t => t.Name == name);
                var replacement = new SafeTensorsFile().Tensor(name, dtype, shape, values)._tensors[0];
                _tensors[i] = replacement;
                return this;
            }

            public SafeTensorsFile Remove(string name)
            {
                _tensors.RemoveAll(t => t.Name == name);
                return this;
            }

            public SafeTensorsFile WithOffsets(string name, long begin, long end)
            {
                int i = _tensors.FindIndex(t => t.Name == name);
                _tensors[i] = _tensors[i] with { Offsets = (begin, end) };
                return this;
            }

            public SafeTensorsFile Raw(string header)
            {
                _raw = header;
                return this;
            }

            public byte[] ToBytes()
            {
                var data = new List<byte>();
                var header = new StringBuilder("{");
                foreach (var t in _tensors)
                {
                    (long begin, long end) = t.Offsets ?? (data.Count, data.Count + t.Data.Length);
                    if (header.Length > 1)
                    {
                        header.Append(',');
                    }

                    header.Append('"').Append(t.Name).Append("\":{\"dtype\":\"").Append(t.DType).Append("\",\"shape\":[")
                        .Append(string.Join(",", t.Shape)).Append("],\"data_offsets\":[").Append(begin).Append(',').Append(end).Append("]}");
                    data.AddRange(t.Data);
                }

                header.Append('}');
                byte[] json = Encoding.UTF8.GetBytes(_raw ?? header.ToString());
                return BitConverter.GetBytes((ulong)json.Length).Concat(json).Concat(data).ToArray();
            }
        }
    }
}
