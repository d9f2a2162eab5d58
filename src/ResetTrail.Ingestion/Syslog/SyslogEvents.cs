using System.Text;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Syslog;

/// <summary>
/// The identity events a syslog message carries: forwarders ship Windows events as event XML or JSON (Winlogbeat,
/// NXLog), and other sources' JSON records, in the message part. The body goes through the same source readers as a
/// file, so a syslog event and a file event normalise identically.
/// </summary>
public static class SyslogEvents
{
    /// <summary>
    /// Reads the message's events with <paramref name="source"/>, or with the one source that recognises the body.
    /// A body no source recognises is one problem, never silently ignored.
    /// </summary>
    public static IReadOnlyList<SourceRecord> Read(SyslogMessage message, string location, IEventSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message.Message.Trim());
        if (body.Length == 0)
        {
            return [SourceRecord.Bad(location, "the syslog message has no body to read events from")];
        }

        source ??= SourceCatalog.Detect(body.AsSpan(0, Math.Min(body.Length, 4096)));
        if (source is null)
        {
            return [SourceRecord.Bad(location, "the syslog message body is not an event of a known source (Windows event XML or JSON, or a JSON record of okta, entra, keycloak or google_workspace); configure the listener's source")];
        }

        using var stream = new MemoryStream(body, writable: false);
        return [.. source.Read(stream, location)];
    }
}
