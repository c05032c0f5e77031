using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Models;

namespace NetGen.Generator;

/// <summary>Parse: NG0013, the names NetGen generates must be free in the user's type and its bases.</summary>
public sealed partial class NetworkGenerator
{
    /// <summary>NG0013: members NetGen generates must not exist already, in the type or (non-private) in its base types.</summary>
    private static void ParseCollisions(INamedTypeSymbol symbol, LocationInfo? typeLocation, IReadOnlyList<string> names, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        foreach (string name in names)
        {
            ct.ThrowIfCancellationRequested();
            if (symbol.Name == name)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, typeLocation, symbol.Name, name, "is the type's own name"));
                continue;
            }

            ISymbol? existing = symbol.GetMembers(name).FirstOrDefault(m => !m.IsImplicitlyDeclared && !IsGeneratedByNetGen(m));
            if (existing is not null)
            {
                LocationInfo? where = LocationInfo.From(existing.Locations.FirstOrDefault(l => l.IsInSource)) ?? typeLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, where, symbol.Name, name, "is declared in the type"));
                continue;
            }

            for (INamedTypeSymbol? baseType = symbol.BaseType; baseType is not null && baseType.SpecialType == SpecialType.None; baseType = baseType.BaseType)
            {
                if (baseType.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private && !m.IsImplicitlyDeclared && !IsGeneratedByNetGen(m)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, typeLocation, symbol.Name, name, "is inherited from '" + baseType.Name + "'"));
                    break;
                }
            }
        }

        // Explicit implementations of INetwork<T> / IBatchNetwork<T> members: NetGen writes those too.
        foreach (ISymbol member in symbol.GetMembers().Where(m => !IsGeneratedByNetGen(m)))
        {
            ImmutableArray<ISymbol> implemented = member switch
            {
                IPropertySymbol property => property.ExplicitInterfaceImplementations.CastArray<ISymbol>(),
                IMethodSymbol method => method.ExplicitInterfaceImplementations.CastArray<ISymbol>(),
                _ => ImmutableArray<ISymbol>.Empty,
            };
            foreach (ISymbol target in implemented)
            {
                string iface = target.ContainingType.OriginalDefinition.ToDisplayString();
                if (iface is "NetGen.INetwork<T>" or "NetGen.IBatchNetwork<T>")
                {
                    LocationInfo? where = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource)) ?? typeLocation;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, where, symbol.Name, iface.Replace("<T>", "<T>.") + target.Name, "is implemented in the type"));
                }
            }
        }

        IMethodSymbol? parameterless = symbol.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0 && !c.IsImplicitlyDeclared && !IsGeneratedByNetGen(c));
        if (parameterless is not null)
        {
            LocationInfo? where = LocationInfo.From(parameterless.Locations.FirstOrDefault(l => l.IsInSource)) ?? typeLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, where, symbol.Name, symbol.Name + "()", "is declared in the type (NetGen generates the parameterless constructor)"));
        }
    }

    /// <summary>
    /// Whether every declaration of <paramref name="member"/> is in a file this generator wrote. The generator parses
    /// the compilation before it generates, but <see cref="NetworkAnalyzer"/> sees the compilation with the generated
    /// files added (as a build and the IDE run analyzers): NetGen's own members are not collisions (NG0013).
    /// Generated files are named <c>{generator assembly}/{generator type}/{hint name}</c> by every Roslyn host.
    /// </summary>
    internal static bool IsGeneratedByNetGen(ISymbol member) =>
        member.Locations.Length > 0 && member.Locations.All(l => l.SourceTree is { } tree && IsNetGenOutput(tree.FilePath));

    /// <summary>Whether <paramref name="path"/> is a file <see cref="NetworkGenerator"/> added to the compilation.</summary>
    internal static bool IsNetGenOutput(string path)
    {
        string normalized = path.Replace('\\', '/');
        return normalized.Contains("/" + typeof(NetworkGenerator).FullName + "/")
            || normalized.StartsWith(typeof(NetworkGenerator).FullName + "/", System.StringComparison.Ordinal);
    }
}
