using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.IO;

/// <summary>The kinds of JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value: an object keeps its members in file order, a number keeps its text.</summary>
internal sealed class JsonValue
{
    private JsonValue(JsonKind kind, string? text, List<JsonValue>? items, List<KeyValuePair<string, JsonValue>>? members)
    {
        Kind = kind;
        Text = text;
        Items = items;
        Members = members;
    }

    public JsonKind Kind { get; }

    /// <summary>The string's value, or the number's text as written.</summary>
    public string? Text { get; }

    public List<JsonValue>? Items { get; }

    public List<KeyValuePair<string, JsonValue>>? Members { get; }

    public static JsonValue Of(JsonKind kind, string? text = null) => new JsonValue(kind, text, null, null);

    public static JsonValue Array(List<JsonValue> items) => new JsonValue(JsonKind.Array, null, items, null);

    public static JsonValue Object(List<KeyValuePair<string, JsonValue>> members) => new JsonValue(JsonKind.Object, null, null, members);

    /// <summary>The value as a non-negative integer that fits in a ulong, or false (fractions, exponents, signs are rejected).</summary>
    public bool TryGetUInt64(out ulong value)
    {
        value = 0;
        if (Kind != JsonKind.Number || Text is null || Text.Length == 0)
        {
            return false;
        }

        foreach (char c in Text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return ulong.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The name of the kind, for error messages.</summary>
    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "the number " + Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => "null",
    };
}

/// <summary>Writes JSON string literals.</summary>
internal static class JsonWriter
{
    /// <summary>Appends <paramref name="value"/> as a quoted JSON string, escaping '"', '\\' and control characters.</summary>
    public static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
