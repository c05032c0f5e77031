using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>Weights baked in at build time (<c>Weights = "file.safetensors"</c>): the parameters as one string literal.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteBakedParameters(Topology net, CodeWriter w)
    {
        w.Line();
        w.Comment("The parameters of " + net.Model.WeightsFile + ", read and checked against this topology at build time: "
            + net.ParameterCount + " " + net.T + " values, little-endian, in Parameters order, two bytes per char: char k is byte 2k + 256 * byte 2k+1.");
        w.Comment("One string literal, stored by the compiler as it is and read in place (about 1.5 bytes of source per byte, where a byte-array literal takes 6 and a syntax node per byte).");
        w.Line("private static string s_bakedParameters => \"" + BakedLiteral(net.Model.BakedWeights) + "\";");
    }

    /// <summary>
    /// The bytes as the body of a C# string literal, two bytes per UTF-16 char. Chars that a literal cannot hold or
    /// that tools render misleadingly (controls, quote, backslash, surrogates, line and paragraph separators,
    /// invisible format and bidirectional controls, specials) are written as \uXXXX; the rule uses fixed ranges, not
    /// the host's Unicode tables, so every host writes the same text.
    /// </summary>
    internal static string BakedLiteral(EquatableArray<byte> bytes)
    {
        var text = new System.Text.StringBuilder((bytes.Count / 2) + 16);
        for (int i = 0; i + 1 < bytes.Count; i += 2)
        {
            char c = (char)(bytes[i] | (bytes[i + 1] << 8));
            if (NeedsEscape(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0xA0) || c == 0xAD
        || (c >= 0xD800 && c <= 0xDFFF)
        || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F)
        || c == 0x3000 || c == 0xFEFF || c >= 0xFFF0;
}
