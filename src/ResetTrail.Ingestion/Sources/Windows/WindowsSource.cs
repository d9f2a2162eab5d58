using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>
/// Windows Security events (4723, 4724, 4738, 4740, 4767, 4624 and account management) from event XML or
/// Winlogbeat / ECS / NXLog JSON.
/// </summary>
public sealed class WindowsSource : IEventSource
{
    internal const string SourceName = "windows";

    public string Name => SourceName;

    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("<Event"u8) >= 0
        || head.IndexOf("\"winlog\""u8) >= 0
        || head.IndexOf("Microsoft-Windows-Security-Auditing"u8) >= 0;

    public IEnumerable<SourceRecord> Read(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var head = new byte[4096];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var stream = new ConcatenatedStream(head.AsMemory(0, n), input);
        var text = head.AsSpan(0, n).TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] is (byte)'<' or (byte)'-'
            ? ReadXml(stream, fileName, stripDashMarkers: text[0] == (byte)'-')
            : ReadJson(stream, fileName);
    }

    private static IEnumerable<SourceRecord> ReadXml(Stream input, string fileName, bool stripDashMarkers)
    {
        foreach (var (record, problem) in WindowsEventXml.Read(input, fileName, stripDashMarkers))
        {
            yield return problem is not null ? new SourceRecord(null, problem) : WindowsEventMapping.Map(record!);
        }
    }

    private static IEnumerable<SourceRecord> ReadJson(Stream input, string fileName)
    {
        foreach (var value in JsonValueStream.Read(input, fileName))
        {
            yield return value.Error is not null
                ? SourceRecord.Bad(value.Location, value.Error)
                : value.Value.ValueKind != System.Text.Json.JsonValueKind.Object
                    ? SourceRecord.Bad(value.Location, "expected a JSON object (one event)")
                    : WindowsEventMapping.Map(WindowsEventJson.ToRecord(value.Location, value.Value));
        }
    }
}
