using System.Text.Json;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>Tolerant reads of JSON values whose shape varies by export (string, number, object, array, null).</summary>
internal static class JsonFields
{
    public static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static JsonElement? Path(JsonElement e, params string[] names)
    {
        JsonElement? current = e;
        foreach (var name in names)
        {
            current = current is { } c ? Property(c, name) : null;
        }

        return current;
    }

    /// <summary>A scalar as text (numbers and booleans as written); empty text is null.</summary>
    public static string? Text(JsonElement? e) => e?.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(e.Value.GetString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.Value.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// A person as Jira writes one: a user object (e-mail, then login name, then account id), or plain text;
    /// an array gives each.
    /// </summary>
    public static IEnumerable<string> People(JsonElement? e)
    {
        if (e is not { } v)
        {
            yield break;
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray().SelectMany(i => People(i)))
            {
                yield return item;
            }
        }
        else if (v.ValueKind == JsonValueKind.Object)
        {
            var id = Text(Property(v, "emailAddress")) ?? Text(Property(v, "name")) ?? Text(Property(v, "accountId"))
                ?? Text(Property(v, "key")) ?? Text(Property(v, "value"));
            if (id is not null)
            {
                yield return id;
            }
        }
        else if (Text(v) is { } text)
        {
            yield return text;
        }
    }

    /// <summary>An option, issue type or status as text: its value or name, or plain text; an array gives each.</summary>
    public static IEnumerable<string> Options(JsonElement? e)
    {
        if (e is not { } v)
        {
            yield break;
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray().SelectMany(i => Options(i)))
            {
                yield return item;
            }
        }
        else if ((v.ValueKind == JsonValueKind.Object
                     ? Text(Property(v, "value")) ?? Text(Property(v, "name")) ?? Text(Property(v, "status"))
                     : Text(v)) is { } text)
        {
            yield return text;
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
