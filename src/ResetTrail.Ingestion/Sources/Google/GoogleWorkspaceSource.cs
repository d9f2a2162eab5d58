using System.Text.Json;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Google;

/// <summary>
/// Google Workspace Reports API activities: saved pages (<c>{"kind":"admin#reports#activities","items":[...]}</c>,
/// one a file or one a line) or one activity a line. Each event of an activity is one record.
/// </summary>
public sealed class GoogleWorkspaceSource : IEventSource
{
    internal const string SourceName = "google_workspace";

    public string Name => SourceName;

    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("admin#reports"u8) >= 0 || head.IndexOf("\"applicationName\""u8) >= 0;

    public IEnumerable<SourceRecord> Read(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        foreach (var value in JsonValueStream.Read(input, fileName))
        {
            if (value.Error is not null)
            {
                yield return SourceRecord.Bad(value.Location, value.Error);
                continue;
            }

            // A page is bounded by the API's maxResults (1,000 activities), so holding one is bounded too.
            if (value.Value.Get("items") is { ValueKind: JsonValueKind.Array } items)
            {
                var n = 0;
                foreach (var activity in items.EnumerateArray())
                {
                    n++;
                    foreach (var record in Activity($"{value.Location}/items[{n - 1}]", activity))
                    {
                        yield return record;
                    }
                }
            }
            else if (value.Value.Get("kind").AsText() == "admin#reports#activities")
            {
                // An empty page (no activity in the window) has no items member.
                continue;
            }
            else
            {
                foreach (var record in Activity(value.Location, value.Value))
                {
                    yield return record;
                }
            }
        }
    }

    private static IEnumerable<SourceRecord> Activity(string location, JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            yield return SourceRecord.Bad(location, "expected a JSON object (one activity)");
            yield break;
        }

        foreach (var e in GoogleActivityEvent.Of(activity))
        {
            yield return GoogleEventMapping.Map(e.Index == 0 && activity.Get("events") is null ? location : $"{location}/events[{e.Index}]", e);
        }
    }
}
