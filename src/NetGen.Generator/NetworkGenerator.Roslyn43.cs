using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Generator;

/// <summary>
/// What the generator needs from compilers newer than the one it is built against. It references Roslyn 4.3.1 so that
/// Unity 2022.3.12f1+ and Unity 6 (whose compiler is Roslyn 4.3) load it: a generator built against a newer
/// Microsoft.CodeAnalysis is refused by an older host (CS8032/ReferencesNewerCompiler) and runs on nothing.
/// </summary>
public sealed partial class NetworkGenerator
{
    /// <summary>
    /// The value of <c>LanguageVersion.CSharp11</c>, which Roslyn 4.3 does not name. Language versions are numbered
    /// major * 100 + minor, so comparing the number works on every host (a 4.3 host never reports more than C# 10).
    /// </summary>
    private const int CSharp11 = 1100;

    /// <summary>
    /// Whether a type is declared with the C# 11 <c>file</c> modifier (<c>INamedTypeSymbol.IsFileLocal</c> exists
    /// only from Roslyn 4.4). Read from the declarations' modifiers, compared by text: Roslyn 4.3 has no
    /// <c>SyntaxKind.FileKeyword</c>, and a 4.3 host never parses <c>file</c> as a modifier.
    /// </summary>
    private static bool IsFileLocal(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is BaseTypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.Text == "file"));
}
