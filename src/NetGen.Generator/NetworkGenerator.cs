using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>Names of the pipeline's tracked steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Symbols of one declaration to a <c>ParseResult</c> (model plus diagnostics).</summary>
    public const string Extract = nameof(Extract);

    /// <summary>Weights files read and checked for declarations with <c>Weights = "..."</c>.</summary>
    public const string Bake = nameof(Bake);

    /// <summary>The diagnostics of a declaration.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The models that generate code (diagnostics stripped, so a diagnostic change never re-emits).</summary>
    public const string Output = nameof(Output);

    /// <summary>The models with their code shape decided (which depends on what the compilation offers: the runtime's Vector256 helpers).</summary>
    public const string Capabilities = nameof(Capabilities);

    /// <summary>The emitted source text per network.</summary>
    public const string Emit = nameof(Emit);
}

/// <summary>
/// Generates, for each <c>[NetGen.Network(...)]</c> partial type, the forward pass, backpropagation and weight update
/// of exactly that topology. Pipeline: extract → bake → diagnostics | output → plan (the code shape) → emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The attribute this generator reacts to.</summary>
    public const string AttributeMetadataName = "NetGen.NetworkAttribute";

    /// <summary>The runtime's Vector256 building blocks; present in its .NET 8+ build only.</summary>
    public const string Simd256MetadataName = RuntimeNames.Simd256MetadataName;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Extract);

        // Only .safetensors AdditionalFiles matter; their checksums make a replaced file re-bake.
        IncrementalValueProvider<EquatableArray<WeightsFileInfo>> weightFiles = context.AdditionalTextsProvider
            .Where(static f => IsWeightsFile(f.Path))
            .Select(static (f, ct) => Describe(f, ct))
            .Collect()
            .Select(static (files, _) => files.ToEquatableArray());
        results = results
            .Combine(weightFiles)
            .Select(static (pair, ct) => Bake(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Bake);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);
        // NetworkAnalyzer reports the declaration diagnostics (the same rule set, live in the IDE); the generator reports
        // only the ones that need the weights file's bytes, and skips every other invalid declaration without a word,
        // so a build shows each diagnostic once (see DiagnosticDescriptors' remarks).
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo info in list)
            {
                if (DiagnosticDescriptors.ReportedByGenerator(info.Descriptor.Id))
                {
                    spc.ReportDiagnostic(info.ToDiagnostic());
                }
            }
        });

        IncrementalValuesProvider<NetworkModel> models = results
            .Select(static (r, _) => r.Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Output);

        // Whether the referenced NetGen runtime is its .NET 8+ build (with NetGen.Simd256): a bool, so an edit anywhere
        // else in the compilation leaves every model cached.
        IncrementalValueProvider<bool> simd256 = context.CompilationProvider
            .Select(static (c, _) => c.GetTypeByMetadataName(Simd256MetadataName) is not null);
        models = models
            .Combine(simd256)
            .Select(static (pair, _) => pair.Left with { Shape = ShapePolicy.Decide(pair.Left, simd256: pair.Right) })
            .WithTrackingName(TrackingNames.Capabilities);

        IncrementalValuesProvider<GeneratedFile> files = models
            .Select(static (m, ct) => new GeneratedFile(m.Type.MetadataName + ".g.cs", NetworkEmitter.Emit(m, ct)))
            .WithTrackingName(TrackingNames.Emit);
        // Hint names must be unique ignoring case (Net and NET, or namespaces a and A): the rare colliding ones get a
        // stable suffix computed from the exact name, so every other file keeps its plain, predictable name.
        context.RegisterSourceOutput(files.Collect(), static (spc, all) =>
        {
            foreach (GeneratedFile file in all)
            {
                bool collides = all.Count(f => string.Equals(f.HintName, file.HintName, System.StringComparison.OrdinalIgnoreCase)) > 1;
                spc.AddSource(collides ? UniqueHintName(file.HintName) : file.HintName, file.Source);
            }
        });
    }
}

public sealed partial class NetworkGenerator
{
    /// <summary><c>Ns.Net.g.cs</c> → <c>Ns.Net.1a2b3c4d.g.cs</c>, the suffix a 32-bit FNV-1a hash of the exact (case-sensitive) name.</summary>
    internal static string UniqueHintName(string hintName)
    {
        uint hash = 2166136261;
        foreach (char c in hintName)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        string stem = hintName.EndsWith(".g.cs", System.StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - 5) : hintName;
        return stem + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
    }
}

/// <summary>One generated file.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
