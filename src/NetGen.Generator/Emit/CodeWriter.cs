using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>A small indented writer: one statement per line, '\n' line endings on every OS (deterministic output).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
    }

    public void Line() => _builder.Append('\n');

    public void Comment(string text) => Line(text.Length == 0 ? "//" : "// " + text);

    /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes the block.</summary>
    public IDisposable Block(string header)
    {
        Line(header);
        return Block();
    }

    public IDisposable Block() => BlockClosedBy("}");

    /// <summary>An opening brace; disposing the result writes <paramref name="closing"/> (e.g. "};" after an initializer).</summary>
    public IDisposable BlockClosedBy(string closing)
    {
        Line("{");
        _indent++;
        return new Closer(this, closing);
    }

    public override string ToString() => _builder.ToString();

    private sealed class Closer : IDisposable
    {
        private CodeWriter? _writer;

        private readonly string _closing;

        public Closer(CodeWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            if (_writer is not null)
            {
                _writer._indent--;
                _writer.Line(_closing);
                _writer = null;
            }
        }
    }
}
