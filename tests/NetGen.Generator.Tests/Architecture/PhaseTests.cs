using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Generator.Tests.Architecture;

/// <summary>
/// The generator's phases hand data forward only: Parse (and the analyzer that shares its rules), the planner and the
/// models never reach into Emit, so a shape decision or a diagnostic cannot depend on how code is written. Checked on
/// the source text, which is what a reader sees.
/// </summary>
public sealed class PhaseTests
{
    [Fact]
    public void Parse_planning_and_models_reference_nothing_in_Emit()
    {
        string generator = Path.Combine(RepositoryRoot(), "src", "NetGen.Generator");
        string[] files = Directory.GetFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "Emit" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).Equals("NetworkGenerator.cs", StringComparison.Ordinal)) // the pipeline wires Emit in
            .ToArray();
        Assert.Contains(files, f => f.EndsWith("NetworkGenerator.Parse.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("ShapePolicy.cs", StringComparison.Ordinal));
        var emit = new Regex(@"\bEmit\.|using NetGen\.Generator\.Emit|NetworkEmitter|BodyEmitter|MathText|Topology\b");
        string[] offenders = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && emit.IsMatch(x.line))
            .Select(x => Path.GetFileName(x.f) + ":" + (x.i + 1) + ": " + x.line.Trim())
            .ToArray();
        Assert.True(offenders.Length == 0, "References from outside Emit into Emit:\n" + string.Join("\n", offenders));
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
