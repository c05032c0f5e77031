using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;

namespace NetGen.Generator;

/// <summary>Parse: symbols and syntax of one [Network] declaration to a <see cref="ParseResult"/> of plain values.</summary>
public sealed partial class NetworkGenerator
{
    /// <summary>The largest parameter count NetGen generates (arrays of this many doubles are 2 GiB).</summary>
    internal const long MaxParameters = 1L << 28;

    /// <summary>
    /// The most weight layers (sizes − 1) a network may have. Every layer adds straight-line code to each generated
    /// method, and RyuJIT compiles a method unoptimised past 60,000 bytes of IL; at this depth the largest generated
    /// method of every code shape stays well under that (MethodSizeTests), and a build stays fast.
    /// </summary>
    internal const int MaxLayers = 48;

    /// <summary>The Extract step: the shared rule set (<see cref="Check"/>) on the declaration the generator was given.</summary>
    internal static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct) =>
        context.TargetSymbol is INamedTypeSymbol symbol && context.TargetNode is TypeDeclarationSyntax syntax && context.Attributes.Length > 0
            ? Check(symbol, syntax, context.Attributes[0], context.SemanticModel, ct)
            : new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>
    /// NetGen's rule set for one declaration (<paramref name="syntax"/> carrying <paramref name="attribute"/>, the
    /// first [Network] on it): the model to generate, or null, and every declaration diagnostic. The generator's
    /// Extract step and <see cref="NetworkAnalyzer"/> both call this, so they cannot disagree; who reports which
    /// diagnostic is <see cref="DiagnosticDescriptors.ReportedByGenerator"/>.
    /// </summary>
    internal static ParseResult Check(INamedTypeSymbol symbol, TypeDeclarationSyntax syntax, AttributeData attribute, SemanticModel semanticModel, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        NetworkModel? model = Parse(symbol, syntax, attribute, semanticModel, diagnostics, ct);
        if (model is { WeightsFile.Length: > 0 })
        {
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray(), NamedArgumentLocation(attributeSyntax, "Weights"));
        }

        return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
    }

    private static NetworkModel? Parse(INamedTypeSymbol symbol, TypeDeclarationSyntax syntax, AttributeData attribute, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        LocationInfo? typeLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
        LocationInfo? attributeLocation = LocationInfo.From(attributeSyntax) ?? typeLocation;

        // [Network] twice (on one declaration or on two partial parts): CS0579 already, and no code from us.
        if (symbol.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName) > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, attributeLocation, symbol.Name));
            return null;
        }

        // [Network] on an interface (or anything but a class or struct): the compiler reports CS0592 and binds the
        // attribute without its constructor; say what NetGen needs instead of "errors in its arguments".
        if (symbol.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            string kind = symbol.TypeKind == TypeKind.Interface ? "an interface" : "not a class or struct";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeKind, typeLocation, symbol.Name, kind));
            return null;
        }

        // The compiler reports errors in the attribute's arguments (wrong types, unknown names, overflow, a named
        // argument twice); NetGen says there is no network until they are fixed, so the missing members are explained.
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error)
            || (attributeSyntax?.ArgumentList is { } arguments
                && semanticModel.GetDiagnostics(arguments.Span, ct).Any(d => d.Severity == DiagnosticSeverity.Error)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AttributeHasErrors, attributeLocation, symbol.Name));
            return null;
        }

        HierarchyInfo? hierarchy = ParseHierarchy(symbol, syntax, typeLocation, diagnostics);
        ct.ThrowIfCancellationRequested();

        var languageVersion = ((CSharpParseOptions)syntax.SyntaxTree.Options).LanguageVersion;
        if (languageVersion < LanguageVersion.CSharp7_3)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, attributeLocation, languageVersion.ToDisplayString()));
        }
        else if (symbol.TypeKind == TypeKind.Struct && (int)languageVersion < CSharp11)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StructNeedsCSharp11, typeLocation, languageVersion.ToDisplayString()));
        }

        // The generated part reopens every type of the hierarchy with its keyword: records need C# 9, record structs C# 10.
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            LanguageVersion needed = !type.IsRecord ? LanguageVersion.CSharp1 : type.TypeKind == TypeKind.Struct ? LanguageVersion.CSharp10 : LanguageVersion.CSharp9;
            if (languageVersion < needed)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordNeedsNewerCSharp, typeLocation, type.Name, type.TypeKind == TypeKind.Struct ? "record struct" : "record", needed.ToDisplayString(), languageVersion.ToDisplayString()));
            }
        }

        int[] sizes = ParseSizes(attribute.ConstructorArguments[0], attributeSyntax, attributeLocation, diagnostics);
        var loss = ParseEnum<LossFunction>(attribute, attributeSyntax, "Loss", diagnostics, attributeLocation);
        Activation[] activations = ParseActivations(attribute, attributeSyntax, attributeLocation, sizes.Length, loss, diagnostics, out bool listed);
        var precision = ParseEnum<Precision>(attribute, attributeSyntax, "Precision", diagnostics, attributeLocation);
        var unroll = ParseEnum<Unroll>(attribute, attributeSyntax, "Unroll", diagnostics, attributeLocation);
        bool bias = true;
        bool deterministic = false;
        string weights = string.Empty;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Bias" && named.Value.Value is bool b)
            {
                bias = b;
            }
            else if (named.Key == "Deterministic" && named.Value.Value is bool d)
            {
                deterministic = d;
            }
            else if (named.Key == "Weights")
            {
                weights = named.Value.Value as string ?? string.Empty;
                if (weights.Trim().Length == 0)
                {
                    // Weights = "" (or null, or blanks) would silently mean "no file": say so instead.
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.WeightsFileAmbiguous,
                        NamedArgumentLocation(attributeSyntax, "Weights") ?? attributeLocation,
                        weights,
                        "it is empty; give the path of a .safetensors file among the project's AdditionalFiles, or remove Weights to start from InitializeParameters(0)"));
                }
            }
        }

        if (sizes.Length - 1 > MaxLayers)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, attributeLocation, sizes.Length - 1, sizes.Length, MaxLayers));
        }
        else if (sizes.Length >= 2 && sizes.All(s => s >= 1))
        {
            long parameters = ParameterLayout.Count(sizes, bias);
            if (unroll == Unroll.Always && parameters > Planning.ShapePolicy.MaxUnrolled && parameters <= MaxParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLargeToUnroll, NamedArgumentLocation(attributeSyntax, "Unroll") ?? attributeLocation, parameters, Planning.ShapePolicy.MaxUnrolled));
            }

            if (parameters > MaxParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, attributeLocation, parameters == long.MaxValue ? "more than 9223372036854775806" : parameters.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxParameters));
            }
        }

        if (diagnostics.Count == 0 && hierarchy is not null)
        {
            ParseCollisions(symbol, typeLocation, Planning.ShapePolicy.GeneratedMemberNames(sizes, activations, bias, precision, unroll), diagnostics, ct);
        }

        if (diagnostics.Count > 0 || hierarchy is null)
        {
            return null;
        }

        return new NetworkModel(hierarchy, sizes.ToEquatableArray(), activations.ToEquatableArray(), listed, loss, bias, precision, languageVersion >= LanguageVersion.CSharp8, unroll, deterministic, weights, EquatableArray<byte>.Empty);
    }

    private static HierarchyInfo? ParseHierarchy(INamedTypeSymbol symbol, TypeDeclarationSyntax syntax, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        string? kind = symbol.IsStatic ? "a static class"
            : symbol.IsRefLikeType ? "a ref struct"
            : IsFileLocal(symbol) ? "a file-local type (its generated part would live in another file)"
            : symbol.TypeKind is TypeKind.Class or TypeKind.Struct ? null
            : "not a class or struct";
        if (kind is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeKind, typeLocation, symbol.Name, kind));
        }

        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax part && !part.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(part.Identifier.GetLocation()), symbol.Name));
            }
        }

        // A primary constructor (record R(int X), class C(int x)) forces every other constructor to call it.
        foreach (IMethodSymbol constructor in symbol.InstanceConstructors)
        {
            if (constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructor, typeLocation, symbol.Name));
            }
        }

        for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
        {
            if (IsFileLocal(container))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeKind, typeLocation, symbol.Name, "nested in the file-local type '" + container.Name + "' (its generated part would live in another file)"));
            }
        }

        for (SyntaxNode? parent = syntax.Parent; parent is TypeDeclarationSyntax outer; parent = outer.Parent)
        {
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(outer.Identifier.GetLocation()), outer.Identifier.ValueText, symbol.Name));
            }
        }

        if (symbol.TypeKind == TypeKind.Class && symbol.BaseType is { SpecialType: SpecialType.None } baseType)
        {
            for (INamedTypeSymbol? b = baseType; b is not null; b = b.BaseType)
            {
                if (b.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DerivedFromNetwork, typeLocation, symbol.Name, b.Name));
                    break;
                }
            }

            // The generated constructor calls base(): the base class needs a parameterless constructor it can reach.
            if (!baseType.InstanceConstructors.Any(c => c.DeclaredAccessibility != Accessibility.Private && c.Parameters.All(p => p.IsOptional || p.IsParams)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, typeLocation, symbol.Name, baseType.Name));
            }
        }

        var types = new List<Models.TypeInfo>();
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, typeLocation, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                break;
            }

            string keyword = type.IsRecord
                ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : (type.TypeKind == TypeKind.Struct ? "struct" : type.TypeKind == TypeKind.Interface ? "interface" : "class");
            types.Insert(0, new Models.TypeInfo(keyword, TypeIdentifier(type.Name)));
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        // Code needs keywords escaped (namespace @fixed, class @event); the hint name needs plain metadata names.
        var namespaces = new List<string>();
        for (INamespaceSymbol? n = symbol.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
        {
            namespaces.Insert(0, n.Name);
        }

        string ns = string.Join(".", namespaces.Select(Identifier));
        var metadataParts = new List<string>();
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            metadataParts.Insert(0, type.MetadataName);
        }

        string metadataName = string.Join(".", namespaces.Concat(new[] { string.Join("+", metadataParts) }));
        return new HierarchyInfo(metadataName, ns, types.ToEquatableArray());
    }

    /// <summary>A name as C# source: reserved keywords get '@' (class @event, namespace @fixed).</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// A type name as C# source: keywords, contextual keywords (record) and all-lowercase names get '@', so the
    /// generated part neither breaks nor repeats the compiler's warnings about the name (CS8981, CS8860).
    /// </summary>
    private static string TypeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
        || name.All(c => c is >= 'a' and <= 'z')
            ? "@" + name
            : name;

    private static int[] ParseSizes(TypedConstant argument, AttributeSyntax? attributeSyntax, LocationInfo? attributeLocation, List<DiagnosticInfo> diagnostics)
    {
        ImmutableArray<TypedConstant> values = argument.Kind == TypedConstantKind.Array && !argument.IsNull ? argument.Values : ImmutableArray<TypedConstant>.Empty;
        var sizes = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            sizes[i] = values[i].Value is int v ? v : 0;
        }

        if (sizes.Length < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewLayers, attributeLocation, sizes.Length));
            return sizes;
        }

        // With 'params' expanded, positional argument i is size i; otherwise point at the attribute.
        var positional = attributeSyntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToArray();
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 1)
            {
                LocationInfo? location = positional is not null && positional.Length == sizes.Length ? LocationInfo.From(positional[i]) : attributeLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerSizeNotPositive, location, i, sizes[i]));
            }
        }

        return sizes;
    }

    /// <summary>
    /// A named enum argument (default: the enum's 0). Its names come from the generator's mirror of the runtime enum
    /// (kept equal by a test); a value outside them is NG0008.
    /// </summary>
    private static TEnum ParseEnum<TEnum>(AttributeData attribute, AttributeSyntax? attributeSyntax, string name, List<DiagnosticInfo> diagnostics, LocationInfo? attributeLocation)
        where TEnum : struct, System.Enum
    {
        string enumName = typeof(TEnum).Name;
        string[] names = System.Enum.GetNames(typeof(TEnum));
        int value = 0;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is int v)
            {
                value = v;
            }
        }

        if (value < 0 || value >= names.Length)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UndefinedEnumValue,
                NamedArgumentLocation(attributeSyntax, name) ?? attributeLocation,
                name,
                value,
                enumName,
                string.Join(", ", names.Select(n => enumName + "." + n))));
        }

        return (TEnum)(object)value;
    }

    private static LocationInfo? NamedArgumentLocation(AttributeSyntax? attributeSyntax, string name) =>
        LocationInfo.From(attributeSyntax?.ArgumentList?.Arguments.LastOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name));
}
