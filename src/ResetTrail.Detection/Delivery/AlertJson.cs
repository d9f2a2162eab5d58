using System.Text;
using System.Text.Json;
using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// Alerts as JSON: our own form (one object a line, read back by the outbox) and OCSF 1.3 Detection Finding
/// (class 2004, activity 1 Create), whose finding_info.uid is the alert id so receivers can deduplicate.
/// </summary>
public static class AlertJson
{
    public static byte[] Ocsf(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteOcsf(json, alert);
        }

        return buffer.ToArray();
    }

    public static void WriteOcsf(Utf8JsonWriter json, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alert);
        json.WriteStartObject();
        json.WriteNumber("class_uid", 2004);
        json.WriteString("class_name", "Detection Finding");
        json.WriteNumber("category_uid", 2);
        json.WriteString("category_name", "Findings");
        json.WriteNumber("activity_id", 1);
        json.WriteString("activity_name", "Create");
        json.WriteNumber("type_uid", 200401);
        json.WriteNumber("time", alert.Time.ToUnixTimeMilliseconds());
        json.WriteNumber("severity_id", (int)alert.Rule.Severity);
        json.WriteString("severity", alert.Rule.Severity.ToString());
        json.WriteNumber("status_id", 1);
        json.WriteString("status", "New");
        json.WriteString("message", alert.Summary);
        json.WriteStartObject("metadata");
        json.WriteString("version", "1.3.0");
        json.WriteString("uid", alert.Id);
        json.WriteStartObject("product");
        json.WriteString("name", "ResetTrail");
        json.WriteString("vendor_name", "ResetTrail");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("finding_info");
        json.WriteString("uid", alert.Id);
        json.WriteString("title", alert.Rule.Title);
        json.WriteString("desc", alert.Summary);
        json.WriteNumber("first_seen_time", alert.WindowStart.ToUnixTimeMilliseconds());
        json.WriteNumber("last_seen_time", alert.WindowEnd.ToUnixTimeMilliseconds());
        json.WriteStartObject("analytic");
        json.WriteString("uid", alert.Rule.Id);
        json.WriteString("name", alert.Rule.Title);
        json.WriteNumber("type_id", 1);
        json.WriteString("type", "Rule");
        json.WriteEndObject();
        json.WriteStartArray("attacks");
        json.WriteStartObject();
        json.WriteStartObject("technique");
        json.WriteString("uid", alert.Rule.Technique);
        json.WriteEndObject();
        json.WriteString("version", "v16");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("related_events");
        foreach (var e in alert.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("uid", e.Id);
            json.WriteString("type", e.Type);
            json.WriteString("product_uid", e.Source);
            json.WriteNumber("time", e.Time.ToUnixTimeMilliseconds());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("unmapped");
        WriteFields(json, alert);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Our own form: every field of the alert, readable back by <see cref="Read"/>.</summary>
    public static byte[] Plain(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WritePlain(json, alert);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes <see cref="Plain"/>'s object to <paramref name="json"/>.</summary>
    public static void WritePlain(Utf8JsonWriter json, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alert);
        json.WriteStartObject();
        json.WriteString("id"u8, alert.Id);
        json.WriteString("rule"u8, alert.Rule.Id);
        json.WriteString("base_rule"u8, alert.Rule.BaseId);
        json.WriteString("title"u8, alert.Rule.Title);
        json.WriteString("severity"u8, Core.WireName.Of(alert.Rule.Severity));
        json.WriteString("technique"u8, alert.Rule.Technique);
        json.WriteString("time"u8, alert.Time);
        WriteFields(json, alert);
        json.WriteEndObject();
    }

    public static Alert Read(ReadOnlySpan<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8.ToArray());
        var root = document.RootElement;
        string S(string name) => root.GetProperty(name).GetString()!;
        if (!Core.WireName.TryParse<Severity>(S("severity"), out var severity))
        {
            throw new InvalidDataException($"alert {S("id")}: unknown severity '{S("severity")}'");
        }

        var rule = new RuleInfo(S("rule"), S("title"), severity, S("technique"), S("owner"))
        {
            BaseId = root.GetProperty("base_rule").GetString(),
        };
        return new Alert
        {
            Id = S("id"),
            Rule = rule,
            Subject = S("subject"),
            Time = root.GetProperty("time").GetDateTimeOffset(),
            WindowStart = root.GetProperty("window_start").GetDateTimeOffset(),
            WindowEnd = root.GetProperty("window_end").GetDateTimeOffset(),
            Threshold = S("threshold"),
            Summary = S("summary"),
            Suppressed = root.GetProperty("suppressed").GetInt32(),
            Evidence = [.. root.GetProperty("evidence").EnumerateArray().Select(e => new AlertEvidence(
                e.GetProperty("source").GetString()!, e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("time").GetDateTimeOffset()))],
        };
    }

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    private static void WriteFields(Utf8JsonWriter json, Alert alert)
    {
        json.WriteString("subject"u8, alert.Subject);
        json.WriteString("window_start"u8, alert.WindowStart);
        json.WriteString("window_end"u8, alert.WindowEnd);
        json.WriteString("threshold"u8, alert.Threshold);
        json.WriteString("summary"u8, alert.Summary);
        json.WriteNumber("suppressed"u8, alert.Suppressed);
        json.WriteString("owner"u8, alert.Rule.Owner);
        json.WriteStartArray("evidence"u8);
        foreach (var e in alert.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("source"u8, e.Source);
            json.WriteString("id"u8, e.Id);
            json.WriteString("type"u8, e.Type);
            json.WriteString("time"u8, e.Time);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
