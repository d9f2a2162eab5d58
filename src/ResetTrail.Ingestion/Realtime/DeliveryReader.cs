using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Syslog;

namespace ResetTrail.Ingestion.Realtime;

/// <summary>The channels real-time deliveries arrive by; stored with each delivery.</summary>
public static class DeliveryChannels
{
    /// <summary>An Okta Event Hook POST: <c>{"data": {"events": [...]}}</c>.</summary>
    public const string OktaEventHook = "okta_event_hook";

    /// <summary>A JSON body posted to the generic webhook for a named source.</summary>
    public const string Webhook = "webhook";

    /// <summary>The message part of a syslog message.</summary>
    public const string Syslog = "syslog";
}

/// <summary>
/// Reads the events of one real-time delivery with the same source readers files go through, so an event reads the
/// same whether it came in a file, a hook or syslog.
/// </summary>
public static class DeliveryReader
{
    public static IReadOnlyList<SourceRecord> Read(string channel, string? source, byte[] body, string location)
    {
        ArgumentNullException.ThrowIfNull(body);
        switch (channel)
        {
            case DeliveryChannels.OktaEventHook:
                return ReadWith(SourceCatalog.ByName("okta")!, body, location);
            case DeliveryChannels.Webhook:
                return source is not null && SourceCatalog.ByName(source) is { } named
                    ? ReadWith(named, body, location)
                    : [SourceRecord.Bad(location, $"the webhook names source '{source}', which is not one of {string.Join(", ", SourceCatalog.All.Select(s => s.Name))}")];
            case DeliveryChannels.Syslog:
                var message = new SyslogMessage(1, 6, null, null, null, null, null, [], System.Text.Encoding.UTF8.GetString(body));
                return SyslogEvents.Read(message, location, source is null ? null : SourceCatalog.ByName(source));
            default:
                return [SourceRecord.Bad(location, $"unknown delivery channel '{channel}'")];
        }
    }

    private static SourceRecord[] ReadWith(IEventSource source, byte[] body, string location)
    {
        using var stream = new MemoryStream(body, writable: false);
        return [.. source.Read(stream, location)];
    }
}
