using System.Text;
using System.Text.Json;

namespace ResetTrail.Ingestion.Sources.Streaming;

/// <summary>One JSON value read from a file, or why it could not be read, with its location.</summary>
internal readonly record struct JsonValueRecord(string Location, JsonElement Value, string? Error);

/// <summary>
/// Reads the JSON shapes exports come in, one value at a time so memory stays bounded by the largest record:
/// newline-delimited JSON (location file:line; a bad line is reported and reading goes on), a top-level array
/// (file#N), or pretty-printed values one after another (file#N). In the last two a syntax error ends the file,
/// since a JSON reader cannot find the next value after one it could not read.
/// </summary>
internal static class JsonValueStream
{
    private const int HeadSize = 64 * 1024;

    public static IEnumerable<JsonValueRecord> Read(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var head = new byte[HeadSize];
        var headLength = ReadHead(input, head);
        var whole = new ConcatenatedStream(head.AsMemory(0, headLength), input);
        var span = head.AsSpan(0, headLength);
        var first = FirstNonWhitespace(span);
        if (first < 0)
        {
            return [];
        }

        if (span[first] == (byte)'[')
        {
            return ReadValues(whole, fileName, array: true);
        }

        return FirstLineIsComplete(span[first..]) ? ReadLines(whole, fileName) : ReadValues(whole, fileName, array: false);
    }

    /// <summary>Reads newline-delimited text lines from the stream, 1-based, for the sources that mix JSON and text.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(Stream input)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            yield return (number, line);
        }
    }

    public static JsonValueRecord ParseLine(string location, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return new JsonValueRecord(location, document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return new JsonValueRecord(location, default, "not valid JSON: " + e.Message);
        }
    }

    private static IEnumerable<JsonValueRecord> ReadLines(Stream input, string fileName)
    {
        foreach (var (number, line) in Lines(input))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseLine($"{fileName}:{number}", line);
            }
        }
    }

    private static IEnumerable<JsonValueRecord> ReadValues(Stream input, string fileName, bool array)
    {
        var values = array
            ? JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(input)
            : JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(input, topLevelValues: true);
        var e = values.GetAsyncEnumerator();
        try
        {
            var n = 0;
            while (true)
            {
            string? error = null;
            try
            {
                if (!e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield break;
                }
            }
            catch (JsonException ex)
            {
                error = "not valid JSON: " + ex.Message;
            }

            n++;
            yield return error is null
                ? new JsonValueRecord($"{fileName}#{n}", e.Current, null)
                : new JsonValueRecord($"{fileName}#{n}", default, error);
            if (error is not null)
            {
                yield break;
            }
            }
        }
        finally
        {
            e.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int ReadHead(Stream input, byte[] head)
    {
        var total = 0;
        int read;
        while (total < head.Length && (read = input.Read(head, total, head.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static int FirstNonWhitespace(ReadOnlySpan<byte> span)
    {
        var start = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        for (var i = start; i < span.Length; i++)
        {
            if (span[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool FirstLineIsComplete(ReadOnlySpan<byte> span)
    {
        var end = span.IndexOf((byte)'\n');
        if (end < 0 && span.Length >= HeadSize / 2)
        {
            // A first record longer than the head: only NDJSON has lines that long.
            return true;
        }

        var line = end < 0 ? span : span[..end];
        var reader = new Utf8JsonReader(line);
        try
        {
            return reader.Read() && reader.TrySkip() && reader.BytesConsumed > 0 && reader.CurrentDepth == 0;
        }
        catch (JsonException)
        {
            // A first line that is not JSON on its own: either a pretty-printed value or a bad NDJSON line.
            // NDJSON whose first line is broken is read as values, and reports the error at #1.
            return false;
        }
    }
}
