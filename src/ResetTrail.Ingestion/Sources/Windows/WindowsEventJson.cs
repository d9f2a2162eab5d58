using System.Text.Json;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>
/// Winlogbeat / ECS JSON (winlog.event_id, winlog.event_data.*, winlog.record_id, winlog.computer_name,
/// @timestamp, event.code) and the flat NXLog im_msvistalog shape (EventID, RecordNumber, Hostname, the EventData
/// fields at the top level) that public datasets such as OTRF's are written in.
/// </summary>
internal static class WindowsEventJson
{
    public static WindowsRecord ToRecord(string location, JsonElement e)
    {
        var winlog = e.Get("winlog");
        var eventData = winlog?.Get("event_data") ?? e.Get("event_data");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((eventData ?? e) is { ValueKind: JsonValueKind.Object } fields)
        {
            foreach (var p in fields.EnumerateObject())
            {
                if (((JsonElement?)p.Value).AsText() is { } v)
                {
                    data[p.Name] = v;
                }
            }
        }

        var eventId = (winlog?.Get("event_id") ?? e.Path("event", "code") ?? e.Get("EventID")).AsInt64();
        var recordId = (winlog?.Get("record_id") ?? e.Get("RecordNumber")).AsText();
        var computer = (winlog?.Get("computer_name") ?? e.Get("Hostname") ?? e.Path("host", "name")).AsText();

        // @timestamp is the event's time in Winlogbeat; NXLog's EventTime has no zone, so it is the last resort.
        var time = TimeText.Parse(e.Get("@timestamp").AsText()) ?? TimeText.Parse(e.Get("EventTime").AsText());
        return new WindowsRecord(
            location,
            eventId is { } id and >= int.MinValue and <= int.MaxValue ? (int)id : null,
            recordId,
            computer,
            time,
            data);
    }
}
