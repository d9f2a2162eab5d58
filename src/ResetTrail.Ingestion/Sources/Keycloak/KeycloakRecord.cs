using System.Text.Json;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Keycloak;

/// <summary>
/// A Keycloak user or admin event as flat fields, whichever form it came in: the JSON representation
/// (EventRepresentation / AdminEventRepresentation, with <c>details</c> and <c>authDetails</c> flattened to
/// "details.x" and "authDetails.x") or the key=value pairs of an <c>org.keycloak.events</c> log line.
/// </summary>
internal sealed record KeycloakRecord(string Location, IReadOnlyDictionary<string, string> Fields, DateTimeOffset? LineTime)
{
    public string? this[string name] =>
        Fields.TryGetValue(name, out var v) && v.Length > 0 && v != "null" ? v : null;

    public bool IsAdminEvent => this["operationType"] is not null;

    public static KeycloakRecord FromJson(string location, JsonElement e)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object && p.Name is "details" or "authDetails")
            {
                foreach (var inner in p.Value.EnumerateObject())
                {
                    Add(fields, $"{p.Name}.{inner.Name}", inner.Value);
                }
            }
            else
            {
                Add(fields, p.Name, p.Value);
            }
        }

        return new KeycloakRecord(location, fields, null);
    }

    private static void Add(Dictionary<string, string> fields, string name, JsonElement value)
    {
        if (((JsonElement?)value).AsText() is { } text)
        {
            fields[name] = text;
        }
    }
}
