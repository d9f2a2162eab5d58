using System.Text.Json;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Keycloak;

/// <summary>
/// Keycloak user events and admin events, as JSON (the admin REST API's arrays, NDJSON, pretty-printed) or as
/// <c>org.keycloak.events</c> lines in a server log (other log lines are not events and are passed over).
/// </summary>
/// <param name="logLineOffset">The UTC offset of the server's log timestamps, which carry no zone by default.</param>
public sealed class KeycloakSource(TimeSpan logLineOffset = default) : IEventSource
{
    internal const string SourceName = "keycloak";

    public string Name => SourceName;

    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("org.keycloak.events"u8) >= 0
        || head.IndexOf("\"realmId\""u8) >= 0
        || (head.IndexOf("\"resourcePath\""u8) >= 0 && head.IndexOf("\"operationType\""u8) >= 0);

    public IEnumerable<SourceRecord> Read(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var head = new byte[4096];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var stream = new ConcatenatedStream(head.AsMemory(0, n), input);
        var text = head.AsSpan(0, n).TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] is (byte)'[' or (byte)'{' ? ReadJson(stream, fileName) : ReadLog(stream, fileName);
    }

    private static IEnumerable<SourceRecord> ReadJson(Stream input, string fileName)
    {
        foreach (var value in JsonValueStream.Read(input, fileName))
        {
            yield return FromJson(value);
        }
    }

    private IEnumerable<SourceRecord> ReadLog(Stream input, string fileName)
    {
        foreach (var (number, line) in JsonValueStream.Lines(input))
        {
            var location = $"{fileName}:{number}";
            if (line.TrimStart().StartsWith('{'))
            {
                yield return FromJson(JsonValueStream.ParseLine(location, line));
            }
            else if (KeycloakLogLine.IsEventLine(line))
            {
                yield return KeycloakLogLine.Parse(location, line, logLineOffset) is { } record
                    ? KeycloakEventMapping.Map(record)
                    : SourceRecord.Bad(location, "org.keycloak.events line without key=value pairs");
            }
        }
    }

    private static SourceRecord FromJson(JsonValueRecord value) =>
        value.Error is not null ? SourceRecord.Bad(value.Location, value.Error)
        : value.Value.ValueKind != JsonValueKind.Object ? SourceRecord.Bad(value.Location, "expected a JSON object (one event)")
        : KeycloakEventMapping.Map(KeycloakRecord.FromJson(value.Location, value.Value));
}
