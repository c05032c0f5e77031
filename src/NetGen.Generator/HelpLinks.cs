namespace NetGen.Generator;

/// <summary>
/// Where each diagnostic's help link points: its section of docs/diagnostics.md (one section per ID, headed by the
/// ID, so GitHub's anchor is the lowercase ID: <c>docs/diagnostics.md#ng0001</c>).
/// </summary>
/// <remarks>
/// NetGen has no public repository URL yet (docs/packaging.md), so <see cref="Base"/> is a URI reference relative to
/// the repository root. When the repository has a host, this one line becomes the absolute address of the page, for
/// example <c>https://github.com/owner/netgen/blob/main/docs/diagnostics.md</c>, and every link follows.
/// </remarks>
internal static class HelpLinks
{
    /// <summary>The diagnostics page, relative to the repository root.</summary>
    public const string Base = "docs/diagnostics.md";

    /// <summary>The link to the section of <paramref name="id"/>: <c>docs/diagnostics.md#ng0001</c>.</summary>
    public static string For(string id) => Base + "#" + id.ToLowerInvariant();
}
