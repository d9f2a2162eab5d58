using System.Text.Json;
using ResetTrail.Core;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Ocsf;

/// <summary>Reads back an event stored in the OCSF form <see cref="OcsfWriter"/> wrote (every store keeps events that way).</summary>
public static class OcsfReader
{
    public static IdentityEvent Read(string source, string ocsf)
    {
        using var document = JsonDocument.Parse(ocsf);
        var root = document.RootElement;
        var unmapped = root.GetProperty("unmapped");
        var metadata = root.GetProperty("metadata");
        var product = metadata.GetProperty("product");
        return new IdentityEvent
        {
            Source = source,
            SourceEventId = metadata.GetProperty("uid").GetString()!,
            SourceEventType = unmapped.GetProperty("source_event_type").GetString()!,
            Time = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("time").GetInt64()),
            Kind = WireName.TryParse<ChangeKind>(unmapped.GetProperty("resettrail_change_kind").GetString(), out var kind)
                ? kind
                : throw new InvalidDataException($"stored event {source}:{metadata.GetProperty("uid").GetString()} has an unknown change kind"),
            Success = root.GetProperty("status_id").GetInt32() == 1,
            Target = Party(root.GetProperty("user")),
            Actor = root.TryGetProperty("actor", out var actor) ? Party(actor.GetProperty("user")) : null,
            SourceIp = root.TryGetProperty("src_endpoint", out var endpoint) && endpoint.TryGetProperty("ip", out var ip) ? ip.GetString() : null,
            Country = endpoint.ValueKind == JsonValueKind.Object && endpoint.TryGetProperty("location", out var location) ? location.GetProperty("country").GetString() : null,
            UserAgent = root.TryGetProperty("http_request", out var http) ? http.GetProperty("user_agent").GetString() : null,
            FactorType = root.TryGetProperty("auth_factors_facet", out var factor) ? factor.GetProperty("factor_type").GetString() : null,
            Role = root.TryGetProperty("privileges", out var privileges) && privileges.GetArrayLength() > 0 ? privileges[0].GetString() : null,
            ProductName = product.GetProperty("name").GetString()!,
            VendorName = product.GetProperty("vendor_name").GetString()!,
            Location = unmapped.TryGetProperty("source_location", out var where) ? where.GetString() : null,
        };
    }

    private static EventParty Party(JsonElement user) => new(Text(user, "uid"), Text(user, "name"))
    {
        Email = Text(user, "email_addr"),
        DisplayName = Text(user, "full_name"),
        Type = Text(user, "type"),
    };

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
