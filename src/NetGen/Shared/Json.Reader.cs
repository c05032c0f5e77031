using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.IO;

/// <summary>
/// A small strict JSON reader (RFC 8259) for safetensors headers: no comments, no trailing commas, no NaN, no
/// duplicate keys, no unescaped control characters, no lone surrogates, nesting at most <see cref="MaxDepth"/> deep.
/// Throws <see cref="FormatException"/> with the character position of the first problem.
/// </summary>
internal sealed class JsonReader
{
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses one JSON value that spans the whole text (whitespace around it allowed).</summary>
    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        JsonValue value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
        {
            throw reader.Error("unexpected " + reader.Quote() + " after the end of the JSON value");
        }

        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of the JSON text");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
            case '"':
                return JsonValue.Of(JsonKind.String, ReadString());
            case 't':
                ReadLiteral("true");
                return JsonValue.Of(JsonKind.True);
            case 'f':
                ReadLiteral("false");
                return JsonValue.Of(JsonKind.False);
            case 'n':
                ReadLiteral("null");
                return JsonValue.Of(JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return JsonValue.Of(JsonKind.Number, ReadNumber());
                }

                throw Error("unexpected " + Quote() + " where a value was expected");
        }
    }

    private JsonValue ReadObject(int depth)
    {
        CheckDepth(depth);
        _pos++; // '{'
        var members = new List<KeyValuePair<string, JsonValue>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return JsonValue.Object(members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a string key but found " + Quote());
            }

            int keyAt = _pos;
            string key = ReadString();
            if (!keys.Add(key))
            {
                throw Error("duplicate key \"" + key + "\"", keyAt);
            }

            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(key, ReadValue(depth)));
            SkipWhitespace();
            char c = Peek();
            if (c == ',')
            {
                _pos++;
                continue;
            }

            if (c == '}')
            {
                _pos++;
                return JsonValue.Object(members);
            }

            throw Error("expected ',' or '}' but found " + Quote());
        }
    }

    private JsonValue ReadArray(int depth)
    {
        CheckDepth(depth);
        _pos++; // '['
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return JsonValue.Array(items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth));
            SkipWhitespace();
            char c = Peek();
            if (c == ',')
            {
                _pos++;
                continue;
            }

            if (c == ']')
            {
                _pos++;
                return JsonValue.Array(items);
            }

            throw Error("expected ',' or ']' but found " + Quote());
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return value.ToString();
            }

            if (c < 0x20)
            {
                throw Error(string.Format(CultureInfo.InvariantCulture, "unescaped control character U+{0:X4} in a string", (int)c));
            }

            if (char.IsSurrogate(c))
            {
                // The header was decoded from strict UTF-8, so surrogates arrive in valid pairs.
                value.Append(c);
                _pos++;
                continue;
            }

            if (c != '\\')
            {
                value.Append(c);
                _pos++;
                continue;
            }

            _pos++;
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char e = _text[_pos++];
            switch (e)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    char u = ReadHex4();
                    if (char.IsHighSurrogate(u))
                    {
                        if (_pos + 1 < _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u')
                        {
                            _pos += 2;
                            char low = ReadHex4();
                            if (!char.IsLowSurrogate(low))
                            {
                                throw Error("a \\u escape of a high surrogate is not followed by a low surrogate", _pos - 6);
                            }

                            value.Append(u).Append(low);
                            break;
                        }

                        throw Error("lone high surrogate in a \\u escape", _pos - 6);
                    }

                    if (char.IsLowSurrogate(u))
                    {
                        throw Error("lone low surrogate in a \\u escape", _pos - 6);
                    }

                    value.Append(u);
                    break;
                default:
                    throw Error("invalid escape \\" + e, _pos - 2);
            }
        }
    }

    private char ReadHex4()
    {
        if (_pos + 4 > _text.Length)
        {
            throw Error("truncated \\u escape");
        }

        int v = 0;
        for (int i = 0; i < 4; i++)
        {
            char h = _text[_pos + i];
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0)
            {
                throw Error("invalid hex digit " + Quote(h) + " in a \\u escape", _pos + i);
            }

            v = (v << 4) | d;
        }

        _pos += 4;
        return (char)v;
    }

    private string ReadNumber()
    {
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
            if (IsDigit(Peek()))
            {
                throw Error("a number has a leading zero", start);
            }
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }
        else
        {
            throw Error("a number needs a digit after '-'");
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw Error("a number needs a digit after '.'");
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw Error("a number needs a digit in its exponent");
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return _text.Substring(start, _pos - start);
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected " + Quote() + " where a value was expected");
        }

        _pos += literal.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error("expected '" + c + "' but found " + Quote());
        }

        _pos++;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "nesting deeper than {0} levels", MaxDepth));
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }

            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private string Quote() => _pos < _text.Length ? Quote(_text[_pos]) : "end of text";

    private static string Quote(char c) => c < 0x20 || c > 0x7E
        ? string.Format(CultureInfo.InvariantCulture, "U+{0:X4}", (int)c)
        : "'" + c + "'";

    private FormatException Error(string message) => Error(message, _pos);

    private FormatException Error(string message, int position) =>
        new FormatException(string.Format(CultureInfo.InvariantCulture, "{0} at character {1}", message, position));
}
