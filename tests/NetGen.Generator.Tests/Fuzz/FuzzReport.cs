using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>Counts of what the fuzzer exercised, shared by the threads of one run.</summary>
internal sealed class FuzzStats
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, int> _explainedBy = new(StringComparer.Ordinal);

    public int Declarations { get; private set; }

    public int Compilations { get; private set; }

    /// <summary>Types that carry <c>[NetGen.Network]</c> (checked one by one).</summary>
    public int NetworkTypes { get; private set; }

    /// <summary>Network types that got a generated file.</summary>
    public int Generated { get; private set; }

    /// <summary>Network types that got no code and at least one NG diagnostic.</summary>
    public int Rejected { get; private set; }

    /// <summary>Network types whose generated code was compiled at each language version.</summary>
    public SortedDictionary<string, int> GeneratedByLanguageVersion { get; } = new(StringComparer.Ordinal);

    /// <summary>For each NG ID, the network types it explained.</summary>
    public IReadOnlyDictionary<string, int> ExplainedBy => _explainedBy;

    public void AddDeclarations(int count)
    {
        lock (_gate)
        {
            Declarations += count;
        }
    }

    public void AddCompilation(LanguageVersion languageVersion, int networkTypes, int generated, int rejected, IEnumerable<string> ids)
    {
        lock (_gate)
        {
            Compilations++;
            NetworkTypes += networkTypes;
            Generated += generated;
            Rejected += rejected;
            string lv = languageVersion.ToDisplayString();
            GeneratedByLanguageVersion[lv] = (GeneratedByLanguageVersion.TryGetValue(lv, out int n) ? n : 0) + generated;
            foreach (string id in ids)
            {
                _explainedBy[id] = (_explainedBy.TryGetValue(id, out int count) ? count : 0) + 1;
            }
        }
    }

    public string Summary() =>
        string.Create(CultureInfo.InvariantCulture, $"{Declarations} declarations in {Compilations} compilations; {NetworkTypes} [NetGen.Network] types: {Generated} generated and compiled, {Rejected} rejected with NG diagnostics")
        + "\n  generated code compiled per language version: " + string.Join(", ", GeneratedByLanguageVersion.Select(p => p.Key + ": " + p.Value.ToString(CultureInfo.InvariantCulture)))
        + "\n  types explained per NG ID: " + string.Join(", ", _explainedBy.Select(p => p.Key + ": " + p.Value.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>The outcome of checking one batch (or one set of sources).</summary>
internal sealed record FuzzReport(IReadOnlyList<string> Failures)
{
    public bool Failed => Failures.Count > 0;

    public string Message => string.Join("\n\n", Failures);
}
