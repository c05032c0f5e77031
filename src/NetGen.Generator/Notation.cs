using System.Globalization;
using System.Linq;

namespace NetGen.Generator;

/// <summary>The mathematical notation of the generated comments and buffer descriptions.</summary>
internal static class Notation
{
    /// <summary>Layer number as a superscript, for comments: W³, a¹², δ².</summary>
    public static string Sup(int l)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        return new string(l.ToString(CultureInfo.InvariantCulture).Select(c => digits[c - '0']).ToArray());
    }
}
