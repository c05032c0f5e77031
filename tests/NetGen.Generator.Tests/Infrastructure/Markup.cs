using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Expected diagnostics written into test sources as <c>{|NG0004:0|}</c> (the notation of
/// Microsoft.CodeAnalysis.Testing): the marked text is the span the diagnostic must cover exactly.
/// </summary>
internal static partial class Markup
{
    /// <summary>Removes the markers from <paramref name="markup"/> and returns the clean source and the expected spans.</summary>
    public static (string Source, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup, string path)
    {
        var source = new StringBuilder();
        var spans = new List<(string Id, TextSpan Span)>();
        int last = 0;
        foreach (Match match in Marker().Matches(markup))
        {
            source.Append(markup, last, match.Index - last);
            int start = source.Length;
            source.Append(match.Groups["text"].Value);
            spans.Add((match.Groups["id"].Value, TextSpan.FromBounds(start, source.Length)));
            last = match.Index + match.Length;
        }

        source.Append(markup, last, markup.Length - last);
        string text = source.ToString();
        SourceText sourceText = SourceText.From(text);
        ImmutableArray<ExpectedDiagnostic> expected = spans
            .Select(s => new ExpectedDiagnostic(s.Id, path, s.Span, sourceText.Lines.GetLinePositionSpan(s.Span), text.Substring(s.Span.Start, s.Span.Length)))
            .ToImmutableArray();
        return (text, expected);
    }

    [GeneratedRegex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Marker();
}

/// <summary>A diagnostic a test expects: its ID, file, exact span (as text offsets and as lines) and the text it covers.</summary>
internal sealed record ExpectedDiagnostic(string Id, string Path, TextSpan Span, LinePositionSpan LineSpan, string CoveredText)
{
    /// <summary>A readable one-line form, equal for an expected and an actual diagnostic exactly when they match.</summary>
    public string Display =>
        Id + " " + Path + "(" + (LineSpan.Start.Line + 1).ToString(CultureInfo.InvariantCulture) + ","
        + (LineSpan.Start.Character + 1).ToString(CultureInfo.InvariantCulture) + ")-("
        + (LineSpan.End.Line + 1).ToString(CultureInfo.InvariantCulture) + ","
        + (LineSpan.End.Character + 1).ToString(CultureInfo.InvariantCulture) + ") ["
        + Span.Start.ToString(CultureInfo.InvariantCulture) + ".." + Span.End.ToString(CultureInfo.InvariantCulture) + ") '" + CoveredText + "'";

    /// <summary>The same form for a reported diagnostic, the covered text read from <paramref name="sources"/> (path → text).</summary>
    public static string DisplayOf(Diagnostic diagnostic, IReadOnlyDictionary<string, string> sources)
    {
        FileLinePositionSpan lineSpan = diagnostic.Location.GetLineSpan();
        TextSpan span = diagnostic.Location.SourceSpan;
        string covered = sources.TryGetValue(lineSpan.Path ?? string.Empty, out string? text) && span.End <= text.Length
            ? text.Substring(span.Start, span.Length)
            : "<no source for '" + lineSpan.Path + "'>";
        return new ExpectedDiagnostic(diagnostic.Id, lineSpan.Path ?? string.Empty, span, lineSpan.Span, covered).Display;
    }
}
