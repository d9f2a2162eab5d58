using System.Text.Json;

namespace ResetTrail.Ingestion.Sources.JsonRecords;

internal enum WalkStep
{
    Element,
    NeedMore,
    Done,
    Broken,
}

/// <summary>
/// Walks a top-level array, or an object down to its record array (e.g. "value", "data"."events"), one token at a
/// time over whatever part of the input is buffered, handing out one element at a time. Position is kept in a
/// JsonReaderState between calls, so the caller can refill the buffer in between; other properties (such as
/// "@odata.nextLink") are skipped.
/// </summary>
internal sealed class StructureWalker(IReadOnlyList<string[]> wrappers)
{
    private enum Phase
    {
        BeforeRoot,
        InObject,
        InElements,
        AfterRoot,
    }

    private readonly List<string> path = [];
    private JsonReaderState state;
    private Phase phase;
    private bool rootIsArray;
    private bool foundRecords;

    public WalkStep Next(ReadOnlySpan<byte> data, bool isFinal, out int consumed, out JsonDocument? document, out string? error)
    {
        document = null;
        error = null;
        var reader = new Utf8JsonReader(data, isFinal, state);
        long mark = 0;
        var markState = state;
        try
        {
            while (true)
            {
                mark = reader.BytesConsumed;
                markState = reader.CurrentState;
                if (!reader.Read())
                {
                    break;
                }

                if (!Advance(ref reader, out document))
                {
                    // The token's value is not all buffered yet: rewind to before the token and ask for more.
                    break;
                }

                if (document is not null)
                {
                    mark = reader.BytesConsumed;
                    markState = reader.CurrentState;
                    consumed = (int)mark;
                    state = markState;
                    return WalkStep.Element;
                }

                mark = reader.BytesConsumed;
                markState = reader.CurrentState;
            }
        }
        catch (JsonException ex)
        {
            consumed = (int)mark;
            error = ex.Message;
            return WalkStep.Broken;
        }

        consumed = (int)mark;
        state = markState;
        if (!isFinal)
        {
            return WalkStep.NeedMore;
        }

        if (phase != Phase.AfterRoot)
        {
            error = phase == Phase.BeforeRoot ? "no JSON value" : "unexpected end of file inside the array or object";
            return WalkStep.Broken;
        }

        if (!rootIsArray && !foundRecords)
        {
            error = $"a single JSON object without a record array ({string.Join(", ", wrappers.Select(w => string.Join('.', w)))}); write one record a line";
            return WalkStep.Broken;
        }

        return WalkStep.Done;
    }

    /// <summary>Handles one token; false when the value it starts is not complete in the buffer.</summary>
    private bool Advance(ref Utf8JsonReader reader, out JsonDocument? document)
    {
        document = null;
        switch (phase)
        {
            case Phase.BeforeRoot:
                rootIsArray = reader.TokenType == JsonTokenType.StartArray;
                phase = reader.TokenType switch
                {
                    JsonTokenType.StartArray => Phase.InElements,
                    JsonTokenType.StartObject => Phase.InObject,
                    _ => throw new JsonException("expected a JSON array or object"),
                };
                return true;
            case Phase.InElements when reader.TokenType == JsonTokenType.EndArray:
                phase = rootIsArray ? Phase.AfterRoot : Phase.InObject;
                return true;
            case Phase.InElements:
                return JsonDocument.TryParseValue(ref reader, out document);
            case Phase.InObject when reader.TokenType == JsonTokenType.EndObject:
                if (path.Count == 0)
                {
                    phase = Phase.AfterRoot;
                }
                else
                {
                    path.RemoveAt(path.Count - 1);
                }

                return true;
            case Phase.InObject:
                return EnterOrSkip(ref reader);
            default:
                throw new JsonException("content after the end of the JSON document");
        }
    }

    private bool EnterOrSkip(ref Utf8JsonReader reader)
    {
        var name = reader.GetString()!;
        if (!reader.Read())
        {
            return false;
        }

        var depth = path.Count;
        var isRecords = wrappers.Any(w => w.Length == depth + 1 && Matches(w, name));
        var isOnTheWay = wrappers.Any(w => w.Length > depth + 1 && Matches(w, name));
        if (isRecords && reader.TokenType == JsonTokenType.StartArray)
        {
            phase = Phase.InElements;
            foundRecords = true;
            return true;
        }

        if (isOnTheWay && reader.TokenType == JsonTokenType.StartObject)
        {
            path.Add(name);
            return true;
        }

        return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
    }

    private bool Matches(string[] wrapper, string name)
    {
        for (var i = 0; i < path.Count; i++)
        {
            if (wrapper[i] != path[i])
            {
                return false;
            }
        }

        return wrapper[path.Count] == name;
    }
}
