using System.Buffers;
using System.Text.Json;

namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>Turns one JSON record into what a source makes of it (an event, several, or a problem).</summary>
internal delegate IEnumerable<SourceRecord> RecordMapper(JsonElement record, string location);

/// <summary>
/// A source's byte-level prefilter: counts a record that cannot be a credential change without parsing it, or
/// returns false to have it parsed and mapped in full (see <see cref="ReadDetail.CredentialChanges"/>).
/// </summary>
internal delegate bool RecordPrefilter(ReadOnlySpan<byte> record, out CountedEvent? counted);

/// <summary>
/// Reads JSON log records in bounded memory from any of the shapes identity providers and their pipelines write:
/// newline-delimited JSON ("file:line"), a top-level array ("file#N"), or a wrapper object whose record array sits at
/// a known path ({"value":[...]}, {"data":{"events":[...]}}; "file#N"), streamed element by element from a buffer
/// that is refilled, never the whole file. A wrapper on one NDJSON line is expanded ("file:line#k").
/// A malformed line is reported and reading goes on; a broken structure is reported once and reading stops.
/// </summary>
internal sealed class JsonRecordReader
{
    private const int InitialBuffer = 1024 * 1024;
    private const int MaxRecordBytes = 64 * 1024 * 1024;

    // A first line longer than this is taken as one minified document, not as NDJSON.
    private const int SniffBytes = 1024 * 1024;

    private readonly Stream input;
    private readonly string fileName;
    private readonly IReadOnlyList<string[]> wrappers;
    private readonly RecordMapper map;
    private readonly RecordPrefilter? prefilter;
    private readonly byte[][] wrapperKeys;
    private byte[] buffer = [];
    private int start;
    private int end;
    private bool eof;
    private StructureWalker? walker;

    private JsonRecordReader(Stream input, string fileName, IReadOnlyList<string[]> wrappers, RecordMapper map, RecordPrefilter? prefilter)
    {
        this.input = input;
        this.fileName = fileName;
        this.wrappers = wrappers;
        this.map = map;
        this.prefilter = prefilter;
        wrapperKeys = [.. wrappers.Select(path => System.Text.Encoding.UTF8.GetBytes($"\"{path[^1]}\""))];
    }

    /// <summary>
    /// Reads every record; with a <paramref name="prefilter"/>, an NDJSON line it counts is yielded as counted, not
    /// parsed (a line that names a wrapper's record array is always parsed, so its records are expanded).
    /// </summary>
    public static IEnumerable<SourceRecord> Read(
        Stream input, string fileName, IReadOnlyList<string[]> wrappers, RecordMapper map, RecordPrefilter? prefilter = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        return new JsonRecordReader(input, fileName, wrappers, map, prefilter).ReadAll();
    }

    private IEnumerable<SourceRecord> ReadAll()
    {
        buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            foreach (var record in ReadFromBuffer())
            {
                yield return record;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private IEnumerable<SourceRecord> ReadFromBuffer()
    {
        while (end - start < 4 && !eof)
        {
            Fill();
        }

        if (end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
        {
            start += 3;
        }

        var first = FirstNonWhitespace();
        var records = first < 0 ? []
            : buffer[first] == (byte)'[' || (buffer[first] == (byte)'{' && !FirstLineIsWholeValue(first)) ? ReadStructured()
            : ReadLines();
        foreach (var record in records)
        {
            yield return record;
        }
    }

    private int FirstNonWhitespace()
    {
        while (true)
        {
            for (var i = start; i < end; i++)
            {
                if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return i;
                }
            }

            start = end;
            if (eof)
            {
                return -1;
            }

            Fill();
        }
    }

    private bool FirstLineIsWholeValue(int first)
    {
        int newline;
        while ((newline = Array.IndexOf(buffer, (byte)'\n', first, end - first)) < 0 && !eof && end - start < SniffBytes)
        {
            var offset = first - start;
            Fill();
            first = start + offset;
        }

        if (newline < 0 && !eof)
        {
            return false;
        }

        var line = buffer.AsSpan(start, (newline < 0 ? end : newline) - start);
        var reader = new Utf8JsonReader(line, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // A malformed first line: read line by line, so that the lines after it are still read.
            return true;
        }
    }

    private IEnumerable<SourceRecord> ReadLines()
    {
        var lineNumber = 0;
        var scanFrom = start;
        while (start < end || !eof)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', scanFrom, end - scanFrom);
            if (newline < 0 && !eof)
            {
                scanFrom = end - start;
                if (!Fill())
                {
                    yield return SourceRecord.Bad($"{fileName}:{lineNumber + 1}", $"line longer than {MaxRecordBytes} bytes");
                    yield break;
                }

                scanFrom += start;
                continue;
            }

            lineNumber++;
            var lineEnd = newline < 0 ? end : newline;
            var line = buffer.AsMemory(start, lineEnd - start);
            start = newline < 0 ? end : newline + 1;
            scanFrom = start;
            var trimmed = line.Span.Trim(" \t\r"u8);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            if (prefilter is not null && !NamesAWrapper(trimmed) && prefilter(trimmed, out var counted))
            {
                yield return SourceRecord.Count(counted!);
                continue;
            }

            var location = $"{fileName}:{lineNumber}";
            var (document, error) = ParseLine(line);
            if (document is null)
            {
                yield return SourceRecord.Bad(location, error!);
                continue;
            }

            using (document)
            {
                foreach (var record in Expand(document.RootElement, location))
                {
                    yield return record;
                }
            }
        }
    }

    private bool NamesAWrapper(ReadOnlySpan<byte> line)
    {
        foreach (var key in wrapperKeys)
        {
            if (line.IndexOf(key) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static (JsonDocument? Document, string? Error) ParseLine(ReadOnlyMemory<byte> line)
    {
        try
        {
            // Parse over the buffer without copying; the document is disposed before the buffer is refilled.
            return (JsonDocument.Parse(line), null);
        }
        catch (JsonException ex)
        {
            return (null, $"not valid JSON: {ex.Message}");
        }
    }

    private IEnumerable<SourceRecord> ReadStructured()
    {
        walker = new StructureWalker(wrappers);
        var index = 0;
        while (true)
        {
            var step = walker.Next(buffer.AsSpan(start, end - start), eof, out var consumed, out var document, out var error);
            start += consumed;
            switch (step)
            {
                case WalkStep.Element:
                    index++;
                    using (document)
                    {
                        foreach (var record in Expand(document!.RootElement, $"{fileName}#{index}"))
                        {
                            yield return record;
                        }
                    }

                    break;
                case WalkStep.NeedMore:
                    if (!Fill())
                    {
                        yield return SourceRecord.Bad($"{fileName}#{index + 1}", $"record longer than {MaxRecordBytes} bytes");
                        yield break;
                    }

                    break;
                case WalkStep.Broken:
                    yield return SourceRecord.Bad($"{fileName}#{index + 1}", $"broken JSON structure, reading stopped: {error}");
                    yield break;
                default:
                    yield break;
            }
        }
    }

    private IEnumerable<SourceRecord> Expand(JsonElement root, string location)
    {
        foreach (var path in wrappers)
        {
            var inner = root;
            foreach (var name in path)
            {
                inner = inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty(name, out var next) ? next : default;
            }

            if (inner.ValueKind == JsonValueKind.Array)
            {
                return ExpandArray(inner, location);
            }
        }

        return map(root, location);
    }

    private IEnumerable<SourceRecord> ExpandArray(JsonElement array, string location)
    {
        var k = 0;
        foreach (var element in array.EnumerateArray())
        {
            k++;
            foreach (var record in map(element, $"{location}#{k}"))
            {
                yield return record;
            }
        }
    }

    /// <summary>Reads more input: moves unread bytes to the front, or doubles the buffer when one record fills it.</summary>
    private bool Fill()
    {
        if (eof)
        {
            return true;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        else if (end == buffer.Length)
        {
            if (buffer.Length >= MaxRecordBytes)
            {
                return false;
            }

            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var read = input.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            eof = true;
        }

        end += read;
        return true;
    }
}
