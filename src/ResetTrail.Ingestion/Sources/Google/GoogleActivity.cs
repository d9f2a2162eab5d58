using System.Text.Json;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Google;

/// <summary>
/// One event of a Reports API activity. The API nests events (<c>events[]</c>, parameters as
/// <c>[{name, value | multiValue | boolValue | intValue}]</c>); exports flattened one event per activity (Panther's
/// GSuite.ActivityEvent) put <c>name</c>, <c>type</c> and <c>parameters</c> (an object) beside <c>id</c> and
/// <c>actor</c>. Both read the same way here.
/// </summary>
internal sealed record GoogleActivityEvent(JsonElement Activity, JsonElement Event, int Index)
{
    public string? Name => Event.Get("name").AsText();

    public string? Parameter(string name)
    {
        if (Event.Get("parameters") is not { } parameters)
        {
            return null;
        }

        if (parameters.ValueKind == JsonValueKind.Object)
        {
            return First(parameters.Get(name));
        }

        if (parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in parameters.EnumerateArray())
            {
                if (p.Get("name").AsText() == name)
                {
                    return First(p.Get("value") ?? p.Get("multiValue") ?? p.Get("boolValue") ?? p.Get("intValue"));
                }
            }
        }

        return null;
    }

    /// <summary>The events of one activity, in order; a flattened record is its own single event.</summary>
    public static IEnumerable<GoogleActivityEvent> Of(JsonElement activity)
    {
        if (activity.Get("events") is { ValueKind: JsonValueKind.Array } events)
        {
            var i = 0;
            foreach (var e in events.EnumerateArray())
            {
                yield return new GoogleActivityEvent(activity, e, i++);
            }
        }
        else
        {
            yield return new GoogleActivityEvent(activity, activity, 0);
        }
    }

    private static string? First(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(x => ((JsonElement?)x).AsText()).FirstOrDefault(x => x is not null) : value.AsText();
}
