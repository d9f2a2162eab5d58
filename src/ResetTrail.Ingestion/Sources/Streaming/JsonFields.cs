using System.Globalization;
using System.Text.Json;

namespace ResetTrail.Ingestion.Sources.Streaming;

/// <summary>Lenient field access for log records: a missing field, a JSON null and the wrong type all read as null.</summary>
internal static class JsonFields
{
    public static JsonElement? Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static JsonElement? Path(this JsonElement e, params ReadOnlySpan<string> names)
    {
        JsonElement? current = e;
        foreach (var name in names)
        {
            current = current?.Get(name);
        }

        return current;
    }

    /// <summary>A string, or a number or boolean as its JSON text (exports disagree on "4724" and 4724).</summary>
    public static string? AsText(this JsonElement? e) => e?.ValueKind switch
    {
        JsonValueKind.String => e.Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.Value.GetRawText(),
        _ => null,
    };

    public static long? AsInt64(this JsonElement? e) => e?.ValueKind switch
    {
        JsonValueKind.Number when e.Value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(e.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
