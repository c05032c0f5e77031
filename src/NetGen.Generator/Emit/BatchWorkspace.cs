using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members' workspace: one array of m × (values per example) elements in <c>_batch[0]</c>, replaced only
/// when a larger batch arrives, and cut into named [m, units] or [units, m] spans in declaration order. The values
/// per example are the sum of the spans declared, so the size and the spans cannot disagree.
/// </summary>
internal sealed class BatchWorkspace
{
    private readonly List<KeyValuePair<string, int>> _matrices = new();

    /// <summary>Declares the next m × <paramref name="units"/> values as the span <paramref name="name"/>.</summary>
    public BatchWorkspace Matrix(string name, int units)
    {
        _matrices.Add(new KeyValuePair<string, int>(name, units));
        return this;
    }

    /// <summary>Writes the code that fetches (and if needed grows) the workspace, then the spans.</summary>
    public void Write(CodeWriter w, string t)
    {
        int valuesPerExample = _matrices.Sum(m => m.Value);
        w.Line(RuntimeNames.Guard + "BatchCapacity(m, " + valuesPerExample + ", \"inputs\");");
        w.Line(t + "[] work = _batch[0];");
        using (w.Block("if (work.Length < m * " + valuesPerExample + ")"))
        {
            w.Line("work = new " + t + "[m * " + valuesPerExample + "];");
            w.Line("_batch[0] = work;");
        }

        int offset = 0;
        foreach (KeyValuePair<string, int> matrix in _matrices)
        {
            w.Line("global::System.Span<" + t + "> " + matrix.Key + " = new global::System.Span<" + t + ">(work, " + (offset == 0 ? "0, " : "m * " + offset + ", ") + "m * " + matrix.Value + ");");
            offset += matrix.Value;
        }
    }
}
