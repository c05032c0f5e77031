namespace NetGen.Generator.Models;

/// <summary>One type declaration of the hierarchy: its C# keyword(s) and name.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name (no type parameters: generic types are rejected by NG0007).</param>
internal sealed record TypeInfo(string Keyword, string Name);

/// <summary>Where the network type lives: enough to reopen it as a partial type, rebuilt from values, not syntax.</summary>
/// <param name="MetadataName">The fully qualified metadata name (<c>Ns.Outer+Inner</c>), unique per type: used for the hint name.</param>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first, then the network type itself.</param>
internal sealed record HierarchyInfo(string MetadataName, string Namespace, EquatableArray<TypeInfo> Types)
{
    public TypeInfo Self => Types[Types.Count - 1];
}
