using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResetTrail.Core.Evidence;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme for the values evidence entries use: objects with members sorted
/// by UTF-16 code units, strings escaped as ECMAScript's JSON.stringify does, no insignificant whitespace.
/// Numbers are limited to integers of at most 2^53 - 1 in magnitude (RFC 8785 §3.2.2.3 serialises those as plain
/// decimals); times, hashes and amounts are strings, so no entry needs anything else.
/// </summary>
public static class CanonicalJson
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <exception cref="ArgumentException">A number that is not a safe integer, or a string with a lone surrogate.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string SerializeToString(JsonNode? node) => Encoding.UTF8.GetString(Serialize(node));

    private static void Write(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                var first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    output.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(name, output);
                    output.Append(':');
                    Write(value, output);
                }

                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    Write(array[i], output);
                }

                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
            default:
                throw new ArgumentException($"unexpected JSON node {node.GetType().Name}", nameof(node));
        }
    }

    private static void WriteValue(JsonValue value, StringBuilder output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), output);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            case JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                                           && integer is >= -MaxSafeInteger and <= MaxSafeInteger:
                output.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"evidence JSON allows integers up to 2^53 only, not {value.ToJsonString()}");
        }
    }

    // RFC 8785 §3.2.2.2: escape " and \, the named control escapes, other controls as \u00xx; all else literal.
    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // RFC 8785 works on well-formed (I-JSON, RFC 7493) strings. UTF-8 encoding would replace a lone surrogate
            // with U+FFFD, giving two different strings the same bytes and so the same digest: refuse it instead.
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                throw new ArgumentException($"evidence JSON strings must be well-formed UTF-16: lone surrogate U+{(int)c:X4} at index {i}");
            }

            if (char.IsHighSurrogate(c))
            {
                output.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ': output.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }
}
