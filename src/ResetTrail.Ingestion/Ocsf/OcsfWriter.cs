using System.Text.Json;
using ResetTrail.Core;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Ocsf;

/// <summary>Writes events as OCSF 1.x JSON objects, one a line, streaming.</summary>
public static class OcsfWriter
{
    public const string Version = "1.3.0";

    /// <summary>One event as an OCSF JSON text, the form stores keep it in.</summary>
    public static string ToText(IdentityEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, e);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter json, IdentityEvent e)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(e);
        var (classUid, activityId, activityName) = OcsfMapping.For(e.Kind);
        json.WriteStartObject();
        json.WriteNumber("class_uid", classUid);
        json.WriteString("class_name", classUid switch
        {
            OcsfMapping.Authentication => "Authentication",
            OcsfMapping.UserAccessManagement => "User Access Management",
            _ => "Account Change",
        });
        json.WriteNumber("category_uid", 3);
        json.WriteString("category_name", "Identity & Access Management");
        json.WriteNumber("activity_id", activityId);
        json.WriteString("activity_name", activityName);
        json.WriteNumber("type_uid", OcsfMapping.TypeUid(classUid, activityId));
        json.WriteNumber("time", e.Time.ToUnixTimeMilliseconds());
        json.WriteNumber("severity_id", 1);
        json.WriteNumber("status_id", e.Success ? 1 : 2);
        json.WriteString("status", e.Success ? "Success" : "Failure");
        json.WritePropertyName("user");
        WriteUser(json, e.Target);
        if (e.Actor is { } actor)
        {
            json.WriteStartObject("actor");
            json.WritePropertyName("user");
            WriteUser(json, actor);
            json.WriteEndObject();
        }

        if (e.SourceIp is not null || e.Country is not null)
        {
            json.WriteStartObject("src_endpoint");
            WriteIfSet(json, "ip", e.SourceIp);
            if (e.Country is not null)
            {
                json.WriteStartObject("location");
                json.WriteString("country", e.Country);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (e.UserAgent is not null)
        {
            json.WriteStartObject("http_request");
            json.WriteString("user_agent", e.UserAgent);
            json.WriteEndObject();
        }

        if (e.FactorType is not null && classUid == OcsfMapping.AccountChange)
        {
            json.WriteStartObject("auth_factors_facet");
            json.WriteString("factor_type", e.FactorType);
            json.WriteEndObject();
        }

        if (e.Role is not null)
        {
            json.WriteStartArray("privileges");
            json.WriteStringValue(e.Role);
            json.WriteEndArray();
        }

        json.WriteStartObject("metadata");
        json.WriteString("version", Version);
        json.WriteString("uid", e.SourceEventId);
        json.WriteStartObject("product");
        json.WriteString("name", e.ProductName);
        json.WriteString("vendor_name", e.VendorName);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("unmapped");
        json.WriteString("source_event_type", e.SourceEventType);
        json.WriteString("resettrail_change_kind", WireName.Of(e.Kind));
        if (e.ResetKind is { } reset)
        {
            json.WriteString("resettrail_reset_kind", WireName.Of(reset));
        }

        WriteIfSet(json, "source_location", e.Location);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, EventParty party)
    {
        json.WriteStartObject();
        WriteIfSet(json, "name", party.Name);
        WriteIfSet(json, "uid", party.Uid);
        WriteIfSet(json, "email_addr", party.Email);
        WriteIfSet(json, "full_name", party.DisplayName);
        WriteIfSet(json, "type", party.Type);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
