namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members' workspace: one array of m × (values per example) elements in <c>_batch[0]</c>, replaced only
/// when a larger batch arrives, and cut into named [m, units] or [units, m] spans in declaration order.
/// </summary>
internal sealed class BatchWorkspace
{
    private readonly CodeWriter _w;
    private readonly string _t;
    private int _offset;

    /// <summary>Writes the code that fetches (and if needed grows) the workspace.</summary>
    public BatchWorkspace(CodeWriter writer, string t, int valuesPerExample)
    {
        _w = writer;
        _t = t;
        _w.Line(RuntimeNames.Guard + "BatchCapacity(m, " + valuesPerExample + ", \"inputs\");");
        _w.Line(t + "[] work = _batch[0];");
        using (_w.Block("if (work.Length < m * " + valuesPerExample + ")"))
        {
            _w.Line("work = new " + t + "[m * " + valuesPerExample + "];");
            _w.Line("_batch[0] = work;");
        }
    }

    /// <summary>Declares the next m × <paramref name="units"/> values as the span <paramref name="name"/>.</summary>
    public void Matrix(string name, int units)
    {
        _w.Line("global::System.Span<" + _t + "> " + name + " = new global::System.Span<" + _t + ">(work, " + (_offset == 0 ? "0, " : "m * " + _offset + ", ") + "m * " + units + ");");
        _offset += units;
    }
}
