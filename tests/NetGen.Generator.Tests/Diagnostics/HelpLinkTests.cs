using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Every descriptor's help link is <c>docs/diagnostics.md#ngNNNN</c> (<see cref="HelpLinks.Base"/>, relative to the
/// repository root): the page exists, the anchor is a heading there by GitHub's anchor rules, and that section shows a
/// wrong and a right example.
/// </summary>
public sealed partial class HelpLinkTests
{
    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_resolves_to_a_section_with_a_wrong_and_a_right_example(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        string link = descriptor.HelpLinkUri;
        Assert.Equal(HelpLinks.Base + "#" + id.ToLowerInvariant(), link);

        string[] parts = link.Split('#');
        Assert.Equal(2, parts.Length);
        string page = Path.Combine(RepositoryRoot(), parts[0].Replace('/', Path.DirectorySeparatorChar));
        Assert.True(File.Exists(page), page + " does not exist");
        Dictionary<string, string> sections = Sections(File.ReadAllText(page));
        Assert.True(sections.TryGetValue(parts[1], out string? section), "No heading with the anchor #" + parts[1] + " in " + parts[0] + "; anchors: " + string.Join(", ", sections.Keys));

        // "Wrong ..." then a code block, then "Right ..." then a code block.
        Match wrong = WrongExample().Match(section);
        Assert.True(wrong.Success, id + ": no \"Wrong\" label followed by a code block");
        Match right = RightExample().Match(section, wrong.Index + wrong.Length);
        Assert.True(right.Success, id + ": no \"Right\" label followed by a code block after the wrong example");
    }

    [Fact]
    public void Every_descriptor_is_in_All_once()
    {
        DiagnosticDescriptor[] fields = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();
        Assert.Equal(fields.Select(d => d.Id).Order(StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Id));
    }

    /// <summary>The page's sections by GitHub anchor: heading text lowercased, spaces to '-', other punctuation dropped.</summary>
    private static Dictionary<string, string> Sections(string markdown)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        MatchCollection headings = Heading().Matches(markdown);
        for (int i = 0; i < headings.Count; i++)
        {
            int end = i + 1 < headings.Count ? headings[i + 1].Index : markdown.Length;
            string anchor = Regex.Replace(headings[i].Groups["text"].Value.Trim().ToLowerInvariant(), @"[^\p{L}\p{Nd}\- _]", string.Empty).Replace(' ', '-');
            sections.TryAdd(anchor, markdown[headings[i].Index..end]);
        }

        return sections;
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^Wrong\b[^\n]*\n\s*```", RegexOptions.Multiline)]
    private static partial Regex WrongExample();

    [GeneratedRegex(@"^Right\b[^\n]*\n\s*```", RegexOptions.Multiline)]
    private static partial Regex RightExample();
}
