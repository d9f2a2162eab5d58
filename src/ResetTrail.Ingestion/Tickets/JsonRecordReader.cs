using System.Text.Json;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Streams the records of a JSON export: the elements of the first array under one of the given top-level
/// properties (<c>{"result":[...]}</c>, <c>{"issues":[...]}</c>, <c>{"values":[...]}</c>), the elements of a
/// top-level array, the object under such a property (<c>{"result":{...}}</c>), or, when the root object holds
/// none of them, the root object itself (a single issue).
/// Memory holds one record plus whatever precedes the array, never the whole file.
/// </summary>
internal sealed class JsonRecordReader(Stream stream, params string[] arrayNames)
{
    private enum Phase { BeforeRoot, InRoot, AwaitArray, InArray, Done }

    private enum Step { Found, NeedMore, End }

    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private int rootStart;
    private bool eof;
    private JsonReaderState state;
    private Phase phase;

    /// <summary>The next record, or false at the end. Throws <see cref="JsonException"/> on malformed JSON.</summary>
    public bool TryRead(out JsonElement record)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), eof, state);
            switch (Advance(ref reader, out record))
            {
                case Step.Found:
                    return true;
                case Step.End:
                    return false;
                case Step.NeedMore when eof:
                    throw new JsonException("the file ends inside a JSON value");
                case Step.NeedMore:
                    Refill();
                    break;
            }
        }
    }

    private Step Advance(ref Utf8JsonReader reader, out JsonElement record)
    {
        record = default;
        while (phase != Phase.Done)
        {
            var checkpoint = reader.BytesConsumed;
            var checkpointState = reader.CurrentState;
            if (!reader.Read())
            {
                if (eof && phase == Phase.BeforeRoot)
                {
                    phase = Phase.Done;
                    return Step.End;
                }

                return Rewind(checkpoint, checkpointState);
            }

            switch (phase)
            {
                case Phase.BeforeRoot when reader.TokenType == JsonTokenType.StartObject:
                    rootStart = start + (int)reader.TokenStartIndex;
                    phase = Phase.InRoot;
                    break;
                case Phase.BeforeRoot when reader.TokenType == JsonTokenType.StartArray:
                    phase = Phase.InArray;
                    break;
                case Phase.BeforeRoot:
                    throw new JsonException("the file is neither a JSON object nor a JSON array");
                case Phase.InRoot when reader.TokenType == JsonTokenType.EndObject:
                    // No record array: the root object is the one record (a single issue or request).
                    record = Parse(buffer.AsSpan(rootStart, start + (int)reader.BytesConsumed - rootStart));
                    phase = Phase.Done;
                    Commit(reader.BytesConsumed, reader.CurrentState);
                    return Step.Found;
                case Phase.InRoot when IsRecordArrayName(ref reader):
                    phase = Phase.AwaitArray;
                    break;
                case Phase.InRoot:
                    if (!reader.Read() || !reader.TrySkip())
                    {
                        return Rewind(checkpoint, checkpointState);
                    }

                    break;
                case Phase.AwaitArray when reader.TokenType == JsonTokenType.StartArray:
                    phase = Phase.InArray;
                    break;
                case Phase.AwaitArray when reader.TokenType == JsonTokenType.StartObject:
                    // {"result":{...}}: the Table API's answer for one record.
                    var objectStart = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return Rewind(checkpoint, checkpointState);
                    }

                    record = Parse(buffer.AsSpan(start + objectStart, (int)reader.BytesConsumed - objectStart));
                    phase = Phase.Done;
                    Commit(reader.BytesConsumed, reader.CurrentState);
                    return Step.Found;
                case Phase.AwaitArray:
                    if (!reader.TrySkip())
                    {
                        return Rewind(checkpoint, checkpointState);
                    }

                    phase = Phase.InRoot;
                    break;
                case Phase.InArray when reader.TokenType == JsonTokenType.EndArray:
                    // What follows the records (paging fields) is not read.
                    phase = Phase.Done;
                    return Step.End;
                case Phase.InArray:
                    var tokenStart = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return Rewind(checkpoint, checkpointState);
                    }

                    record = Parse(buffer.AsSpan(start + tokenStart, (int)reader.BytesConsumed - tokenStart));
                    Commit(reader.BytesConsumed, reader.CurrentState);
                    return Step.Found;
            }
        }

        return Step.End;
    }

    private bool IsRecordArrayName(ref Utf8JsonReader reader)
    {
        foreach (var name in arrayNames)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private Step Rewind(long consumed, JsonReaderState at)
    {
        Commit(consumed, at);
        return Step.NeedMore;
    }

    private void Commit(long consumed, JsonReaderState at)
    {
        start += (int)consumed;
        state = at;
    }

    private void Refill()
    {
        // Until the record array is found, the root object is kept whole in case it is itself the record.
        var keepFrom = phase is Phase.InRoot or Phase.AwaitArray ? rootStart : start;
        if (keepFrom > 0)
        {
            buffer.AsSpan(keepFrom, end - keepFrom).CopyTo(buffer);
            end -= keepFrom;
            start -= keepFrom;
            rootStart -= keepFrom;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, checked(buffer.Length * 2));
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        eof = read == 0;

        // Utf8JsonReader refuses a byte order mark; exports from Windows tools often start with one.
        if (phase == Phase.BeforeRoot && start == 0 && buffer.AsSpan(0, end).StartsWith("\uFEFF"u8))
        {
            start = 3;
        }
    }

    /// <summary>
    /// Maps each record to a result, located as file#N. A syntax error ends the file with one problem: nothing
    /// after it can be trusted to be where it seems.
    /// </summary>
    public static IEnumerable<T> ReadAll<T>(
        Stream input, string fileName, string[] arrayNames, Func<JsonElement, string, T> map, Func<string, string, T> bad)
    {
        var reader = new JsonRecordReader(input, arrayNames);
        for (var n = 1; ; n++)
        {
            JsonElement record;
            string? error = null;
            bool found;
            try
            {
                found = reader.TryRead(out record);
            }
            catch (JsonException e)
            {
                (found, record, error) = (false, default, e.Message);
            }

            if (error is not null)
            {
                yield return bad($"{fileName}#{n}", $"malformed JSON, reading stopped: {error}");
            }

            if (!found)
            {
                yield break;
            }

            yield return map(record, $"{fileName}#{n}");
        }
    }

    private static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.Clone();
    }
}
