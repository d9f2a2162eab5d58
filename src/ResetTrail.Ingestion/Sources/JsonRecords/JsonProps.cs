using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>
/// Field access that tolerates the spellings the same log takes on its way through pipelines: Okta's camelCase and
/// Panther's lower-cased keys (eventtype, debugcontext), Entra's Graph camelCase and Log Analytics PascalCase.
/// </summary>
internal static class JsonProps
{
    /// <summary>The property by its exact name, else by a case-insensitive match; Undefined when absent or null.</summary>
    public static JsonElement Get(this JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (obj.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind == JsonValueKind.Null ? default : exact;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (NameEqualsIgnoringCase(p, name))
            {
                return p.Value.ValueKind == JsonValueKind.Null ? default : p.Value;
            }
        }

        return default;
    }

    /// <summary>
    /// The property's name against <paramref name="name"/>, ignoring case. Most lookups of an absent field end here,
    /// once per property of the object, so a plain ASCII name is compared as the document's UTF-8 bytes; an escaped or
    /// non-ASCII one is decoded and compared as <see cref="StringComparison.OrdinalIgnoreCase"/> does.
    /// </summary>
    private static bool NameEqualsIgnoringCase(JsonProperty p, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(p);
        return raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw)
            ? Ascii.EqualsIgnoreCase(raw, name)
            : string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    public static JsonElement Get(this JsonElement obj, string name, string child) => obj.Get(name).Get(child);

    /// <summary>A string or number as text; null when absent, empty or structured.</summary>
    public static string? Text(this JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    public static string? Str(this JsonElement obj, string name) => obj.Get(name).Text();

    /// <summary>
    /// Log Analytics and some diagnostic-settings exports carry nested objects as JSON text (InitiatedBy,
    /// TargetResources): parse such a string, or return the element itself. The clone outlives the document.
    /// </summary>
    public static JsonElement Embedded(this JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } s)
        {
            var trimmed = s.AsSpan().TrimStart();
            if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
            {
                try
                {
                    using var doc = JsonDocument.Parse(s);
                    return doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return default;
                }
            }
        }

        return value;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
