using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>The C# text helpers every emitter uses: spans over parameter arrays, index arithmetic, XML escaping.</summary>
internal static class CSharp
{
    /// <summary>An int as C# text.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A writable span over part of a parameter-sized array.</summary>
    public static string Slice(string t, string array, int offset, int length) =>
        "new global::System.Span<" + t + ">(" + array + ", " + Int(offset) + ", " + Int(length) + ")";

    /// <summary>A read-only span over part of a parameter-sized array.</summary>
    public static string ReadOnlySlice(string t, string array, int offset, int length) =>
        "new global::System.ReadOnlySpan<" + t + ">(" + array + ", " + Int(offset) + ", " + Int(length) + ")";

    /// <summary>
    /// <paramref name="start"/> + <paramref name="index"/> * <paramref name="stride"/> as the shortest honest text:
    /// <c>600 + j</c>, <c>620 + (j * 20)</c>, <c>j * 30</c> (no <c>0 +</c>); a null index (a loop of one pass, written
    /// without the loop) gives the constant.
    /// </summary>
    public static string Offset(int start, string? index, int stride = 1)
    {
        if (index is null)
        {
            return Int(start);
        }

        string scaled = stride == 1 ? index : index + " * " + Int(stride);
        return start == 0 ? scaled : Int(start) + " + " + (stride == 1 ? scaled : "(" + scaled + ")");
    }

    /// <summary>Text for an XML documentation comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Wraps a compound expression in parentheses so it can be multiplied.</summary>
    public static string Paren(string expression) =>
        expression.IndexOf(' ') >= 0 ? "(" + expression + ")" : expression;
}
