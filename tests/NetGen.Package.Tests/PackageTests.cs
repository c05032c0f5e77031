using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>
/// The package as users install it. One fixture packs NetGen; each test restores a consumer project outside the
/// repo from the local feed (no ProjectReference), builds it, runs it and checks what it did.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private readonly PackageFixture _fixture;

    public PackageTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Package_has_the_runtime_for_both_targets_and_the_generator_as_an_analyzer()
    {
        Assert.DoesNotContain("warning", _fixture.PackOutput, StringComparison.OrdinalIgnoreCase);
        using ZipArchive zip = ZipFile.OpenRead(_fixture.Package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/netstandard2.0/NetGen.dll", entries);
        Assert.Contains("lib/net8.0/NetGen.dll", entries);
        Assert.Contains("lib/net8.0/NetGen.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/NetGen.Generator.dll", entries);
        Assert.Contains("README.md", entries);

        // The generator-and-analyzer assembly and the code fixes beside it, and no Roslyn or other dependency inside the package.
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/NetGen.CodeFixes.dll", "analyzers/dotnet/cs/NetGen.Generator.dll" },
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));

        // What each loads: the generator only Roslyn 4.3 (no Workspaces, so a compiler host such as Unity loads it), the
        // code fixes Workspaces 3.7 (so IDEs from 2020 on load them).
        Assert.Equal(new[] { "Microsoft.CodeAnalysis.CSharp:4.3.0.0", "Microsoft.CodeAnalysis:4.3.0.0" }, RoslynReferences(zip, "analyzers/dotnet/cs/NetGen.Generator.dll"));
        Assert.Equal(
            new[] { "Microsoft.CodeAnalysis.CSharp:3.7.0.0", "Microsoft.CodeAnalysis.Workspaces:3.7.0.0", "Microsoft.CodeAnalysis:3.7.0.0" },
            RoslynReferences(zip, "analyzers/dotnet/cs/NetGen.CodeFixes.dll"));

        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspecEntry.Open();
        XDocument nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("NetGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal(_fixture.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "tags")?.Value));

        // Package dependencies: System.Memory for netstandard2.0 and nothing else (no Roslyn leaking).
        string[] dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToArray();
        Assert.Equal(new[] { "System.Memory" }, dependencies);
    }

    [Fact]
    public void Package_metadata_is_complete_and_carries_the_changelog_license_and_icon()
    {
        using ZipArchive zip = ZipFile.OpenRead(_fixture.Package);
        (XElement metadata, XNamespace ns) = Nuspec(zip);
        string Field(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;

        Assert.Equal("NetGen", Field("id"));
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", Field("version"));
        Assert.Equal("NetGen contributors", Field("authors"));
        Assert.Equal("expression", (string?)metadata.Element(ns + "license")?.Attribute("type"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Equal("icon.png", Field("icon"));
        Assert.StartsWith("NetGen", Field("title"), StringComparison.Ordinal);
        Assert.Matches(@"^Copyright \(c\) \d{4} NetGen contributors$", Field("copyright"));

        // Release notes: the top section of CHANGELOG.md (its first "## " heading and what follows), then a pointer.
        string changelog = File.ReadAllText(Path.Combine(_fixture.RepoRoot, "CHANGELOG.md"));
        string topHeading = changelog.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal)).TrimEnd('\r');
        string notes = Field("releaseNotes");
        Assert.StartsWith(topHeading, notes, StringComparison.Ordinal);
        Assert.Contains("CHANGELOG.md", notes, StringComparison.Ordinal);
        int second = changelog.IndexOf("\n## ", changelog.IndexOf(topHeading, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        Assert.True(second > 0, "CHANGELOG.md has a single section");
        string olderHeading = changelog[(second + 1)..].Split('\n')[0].TrimEnd('\r');
        Assert.DoesNotContain(olderHeading, notes, StringComparison.Ordinal);

        // No public repository URL exists: the repository element names the commit only, never a URL or branch.
        XElement? repository = metadata.Element(ns + "repository");
        Assert.NotNull(repository);
        Assert.Null(repository.Attribute("url"));
        Assert.Null(repository.Attribute("branch"));
        Assert.Null(metadata.Element(ns + "projectUrl"));

        // CHANGELOG.md and LICENSE are the repository's files; icon.png is a PNG.
        Assert.Equal(changelog, ReadText(zip, "CHANGELOG.md"));
        Assert.Equal(File.ReadAllText(Path.Combine(_fixture.RepoRoot, "LICENSE")), ReadText(zip, "LICENSE"));
        using var icon = new MemoryStream();
        using (Stream s = zip.GetEntry("icon.png")!.Open())
        {
            s.CopyTo(icon);
        }

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, icon.ToArray()[..8]);
    }

    [Fact]
    public void Symbol_package_built_as_in_CI_names_every_source_under_the_mapped_root_and_no_local_path()
    {
        using ZipArchive zip = ZipFile.OpenRead(_fixture.SymbolPackage);
        ZipArchiveEntry[] pdbs = zip.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "lib/net8.0/NetGen.pdb", "lib/netstandard2.0/NetGen.pdb" }, pdbs.Select(e => e.FullName).Order(StringComparer.Ordinal));
        string workDir = _fixture.WorkDir.TrimEnd(Path.DirectorySeparatorChar);
        string repoRoot = _fixture.RepoRoot.TrimEnd(Path.DirectorySeparatorChar);
        foreach (ZipArchiveEntry pdb in pdbs)
        {
            using var bytes = new MemoryStream();
            using (Stream s = pdb.Open())
            {
                s.CopyTo(bytes);
            }

            bytes.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(bytes);
            MetadataReader reader = provider.GetMetadataReader();
            string[] documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToArray();
            Assert.Contains("/_/src/NetGen/NetworkAttribute.cs", documents);
            foreach (string document in documents)
            {
                Assert.True(document.StartsWith("/_/", StringComparison.Ordinal), pdb.FullName + " names " + document);
                Assert.DoesNotContain(workDir, document, StringComparison.Ordinal);
                Assert.DoesNotContain(repoRoot, document, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Pack_without_a_version_gets_a_unique_dev_prerelease_version_and_the_assembly_keeps_the_plain_one()
    {
        DateTime before = DateTime.UtcNow.AddSeconds(-1);
        string feed = Path.Combine(_fixture.WorkDir, "dev-feed");
        string output = PackageFixture.Run(
            _fixture.RepoRoot,
            "pack", Path.Combine("src", "NetGen", "NetGen.csproj"), "-c", "Release", "-o", feed,
            "--artifacts-path", Path.Combine(_fixture.WorkDir, "dev-artifacts")).Output;
        DateTime after = DateTime.UtcNow.AddSeconds(1);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);

        string package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Match name = Regex.Match(Path.GetFileName(package), @"^NetGen\.(?<prefix>\d+\.\d+\.\d+)-dev\.(?<stamp>\d{14})\.nupkg$");
        Assert.True(name.Success, "not a dev version: " + Path.GetFileName(package));
        DateTime stamp = DateTime.ParseExact(name.Groups["stamp"].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.InRange(stamp, before.AddSeconds(-1), after);

        using ZipArchive zip = ZipFile.OpenRead(package);
        (XElement metadata, XNamespace ns) = Nuspec(zip);
        string prefix = name.Groups["prefix"].Value;
        Assert.Equal(prefix + "-dev." + name.Groups["stamp"].Value, metadata.Element(ns + "version")!.Value);

        // Only the package version is unique: the assembly keeps prefix.0 and no timestamp (deterministic builds).
        using var dll = new MemoryStream();
        using (Stream s = zip.GetEntry("lib/net8.0/NetGen.dll")!.Open())
        {
            s.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        MetadataReader reader = pe.GetMetadataReader();
        Assert.Equal(new Version(prefix + ".0"), reader.GetAssemblyDefinition().Version);
        string informational = AssemblyAttribute(reader, "AssemblyInformationalVersionAttribute");
        Assert.StartsWith(prefix, informational, StringComparison.Ordinal);
        Assert.DoesNotContain("dev", informational, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_app_from_the_package_trains_under_the_JIT_and_under_NativeAOT_with_the_same_results()
    {
        string dir = _fixture.NewConsumer("console");
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
                <PublishAot>true</PublishAot>
                <!-- AVX2 + FMA in the native code (x86-64-v3), as the README advises: the generated Vector256 branch
                     then runs under NativeAOT as under the JIT, so the results below are bit for bit the same. -->
                <IlcInstructionSet>x86-64-v3</IlcInstructionSet>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{_fixture.Version}" />
              </ItemGroup>
            </Project>
            """);

        // The AotDemo sample's own program, built against the package instead of the repo's projects.
        File.Copy(Path.Combine(_fixture.RepoRoot, "samples", "AotDemo", "Program.cs"), Path.Combine(dir, "Program.cs"));

        // A network with the Vector256 shape (its guarded AVX2 branch must work under NativeAOT too): trained at
        // start-up by a module initializer, its result printed as one more RESULT line.
        File.WriteAllText(Path.Combine(dir, "VectorNetwork.cs"), """
            using System;
            using System.Globalization;
            using NetGen;

            [Network(16, 8, 2, Hidden = Activation.Tanh)]
            internal partial class VectorNet { }

            internal static class VectorCheck
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Run()
                {
                    var net = new VectorNet();
                    var x = new float[16];
                    var y = new float[] { 0.25f, 0.75f };
                    float first = 0, last = 0;
                    for (int step = 0; step < 500; step++)
                    {
                        for (int i = 0; i < 16; i++) x[i] = (float)Math.Sin(step + i);
                        last = net.TrainStep(x, y, 0.1f);
                        if (step == 0) first = last;
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT vector 16-8-2 loss {first:R} -> {last:R}"));
                }
            }
            """);

        (_, string jit) = PackageFixture.Run(dir, "run", "-c", "Release", "--", "--exact");
        Assert.Contains("learned", jit, StringComparison.Ordinal);
        Assert.DoesNotContain("did not learn", jit, StringComparison.Ordinal);

        (_, string publish) = PackageFixture.Run(dir, "publish", "-c", "Release", "-r", "linux-x64", "-o", Path.Combine(dir, "aot"));
        Assert.DoesNotContain("warning", publish, StringComparison.OrdinalIgnoreCase);
        string binary = Path.Combine(dir, "aot", "Consumer");
        Assert.True(File.Exists(binary), "NativeAOT binary missing:\n" + publish);
        Assert.False(File.Exists(Path.Combine(dir, "aot", "Consumer.dll")), "publish produced a JIT app, not NativeAOT");

        (int exit, string aot) = PackageFixture.RunProcess(binary, dir, new[] { "--exact" }, throwOnFailure: false);
        Assert.Equal(0, exit);
        Assert.Equal(ResultLines(jit), ResultLines(aot));
        Assert.Equal(4, ResultLines(aot).Length);
        Assert.Contains(ResultLines(aot), l => l.StartsWith("RESULT vector 16-8-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_quick_start_pasted_as_ProgramCs_builds_warning_free_and_prints_the_learned_table()
    {
        // The first C# block of the README's Quick start, as a new user pastes it into `dotnet new console`.
        string readme = File.ReadAllText(Path.Combine(_fixture.RepoRoot, "README.md"));
        int section = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no Quick start");
        int open = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        int close = readme.IndexOf("```", open, StringComparison.Ordinal);
        string program = readme[open..close];

        string dir = _fixture.NewConsumer("quickstart");
        File.WriteAllText(Path.Combine(dir, "QuickStart.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{_fixture.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        (_, string output) = PackageFixture.Run(dir, "run", "-c", "Release");
        string[] rows = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" xor ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, rows.Length);
        foreach (string row in rows)
        {
            // "a xor b = g": g within 0.1 of a XOR b.
            string[] parts = row.Split(' ');
            int expected = int.Parse(parts[0], CultureInfo.InvariantCulture) ^ int.Parse(parts[2], CultureInfo.InvariantCulture);
            double g = double.Parse(parts[4], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(g - expected) < 0.1, "not learned: " + row + "\n" + output);
        }
    }

    [Fact]
    public void Netstandard20_library_at_its_default_language_version_builds_warning_free()
    {
        string dir = _fixture.NewConsumer("library");
        File.WriteAllText(Path.Combine(dir, "Library.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{_fixture.Version}" />
                <AdditionalFiles Include="pytorch_4_5_3.safetensors" />
              </ItemGroup>
            </Project>
            """);
        // Baked weights are a string literal read by the runtime: it must compile at C# 7.3 against netstandard2.0.
        File.Copy(Path.Combine(_fixture.RepoRoot, "tests", "NetGen.Training.Tests", "Fixtures", "pytorch_4_5_3.safetensors"), Path.Combine(dir, "pytorch_4_5_3.safetensors"));
        File.WriteAllText(Path.Combine(dir, "Networks.cs"), """
            using NetGen;

            namespace Library
            {
                /// <summary>A small classifier.</summary>
                [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
                public partial class Classifier { }

                /// <summary>Large enough for the loop shape.</summary>
                [Network(64, 32, 10, Precision = Precision.Double)]
                public partial class Wide { }

                /// <summary>The Vector256 shape on .NET 8+; here (netstandard2.0 runtime, no NetGen.Simd256) the kernels.</summary>
                [Network(24, 8, 2, Hidden = Activation.Tanh)]
                public partial class VectorShaped { }

                /// <summary>PyTorch's weights baked in.</summary>
                [Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Weights = "pytorch_4_5_3.safetensors")]
                public partial class Baked { }

                /// <summary>Uses the generated API from C# 7.3 code.</summary>
                public static class Use
                {
                    /// <summary>Trains one step.</summary>
                    public static float Step(float[] x, float[] y) => new Classifier().TrainStep(x, y, 0.1f);
                }
            }
            """);

        (_, string build) = PackageFixture.Run(dir, "build", "-c", "Release");
        Assert.Contains("Build succeeded", build, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", build.Replace("0 Warning(s)", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        // A struct network needs C# 11: at the library's default C# 7.3 NetGen's analyzer says so (NG0011), not CS errors.
        File.WriteAllText(Path.Combine(dir, "Struct.cs"), """
            namespace Library
            {
                /// <summary>A struct network.</summary>
                [NetGen.Network(2, 2, 1)]
                public partial struct Tiny { }
            }
            """);
        (int exit, string failed) = PackageFixture.RunProcess("dotnet", dir, new[] { "build", "-c", "Release" }, throwOnFailure: false);
        Assert.NotEqual(0, exit);
        Assert.Contains("error NG0011", failed, StringComparison.Ordinal);
        Assert.Contains("<LangVersion>11</LangVersion>", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("error CS", failed, StringComparison.Ordinal);
    }

    private static (XElement Metadata, XNamespace Ns) Nuspec(ZipArchive zip)
    {
        using Stream stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        XDocument nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        return (nuspec.Root.Element(ns + "metadata")!, ns);
    }

    /// <summary>The Microsoft.CodeAnalysis* assemblies an entry of the package references, as name:version, sorted.</summary>
    private static string[] RoslynReferences(ZipArchive zip, string entry)
    {
        using var image = new MemoryStream();
        using (Stream s = zip.GetEntry(entry)!.Open())
        {
            s.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new PEReader(image);
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(reader.GetAssemblyReference)
            .Select(r => reader.GetString(r.Name) + ":" + r.Version)
            .Where(r => r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static string ReadText(ZipArchive zip, string entry)
    {
        ZipArchiveEntry? found = zip.GetEntry(entry);
        Assert.True(found is not null, entry + " is not in the package");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The single string argument of an assembly-level attribute, read from metadata (no loading).</summary>
    private static string AssemblyAttribute(MetadataReader reader, string attributeName)
    {
        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            MemberReference constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind == HandleKind.TypeReference
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) == attributeName)
            {
                BlobReader blob = reader.GetBlobReader(attribute.Value);
                Assert.Equal(1, blob.ReadUInt16()); // custom attribute prolog
                return blob.ReadSerializedString() ?? string.Empty;
            }
        }

        throw new InvalidOperationException(attributeName + " not found");
    }

    private static string[] ResultLines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).ToArray();
}
