namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>
/// Reads a top-level string field of one JSON object record from its bytes, without parsing the record, for the
/// prefilters. It answers only when the answer is certain for a well-formed record and says "don't know" (false)
/// otherwise, so the caller parses the record fully: the key must occur exactly once as a key, unescaped, at depth 1
/// (checked by a string-aware scan of the bytes before it), and its value must be a string without escapes.
/// Records with any \u escape are never read this way: an escaped key could hide a second field of the same name.
/// </summary>
internal static class TopLevelField
{
    /// <summary>Whether the record can be read by bytes at all: one object, no \u escapes anywhere.</summary>
    public static bool IsPlainObject(ReadOnlySpan<byte> record) =>
        record.Length >= 2 && record[0] == (byte)'{' && record[^1] == (byte)'}' && record.IndexOf("\\u"u8) < 0;

    /// <summary>The value of the field whose quoted key is <paramref name="quotedKey"/> (e.g. "\"uuid\""u8).</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, ReadOnlySpan<byte> quotedKey, out ReadOnlySpan<byte> value)
    {
        value = default;
        var keyAt = -1;
        var valueAt = -1;
        var from = 0;
        while (from < record.Length)
        {
            var found = record[from..].IndexOf(quotedKey);
            if (found < 0)
            {
                break;
            }

            var at = from + found;
            var after = SkipSpace(record, at + quotedKey.Length);
            from = at + 1;
            if (after >= record.Length || record[after] != (byte)':')
            {
                // The same bytes as a value ("x": "uuid"), not a key.
                continue;
            }

            if (keyAt >= 0 || at == 0 || record[at - 1] == (byte)'\\')
            {
                // Twice (at different depths, or a duplicate key), or after a backslash: not certain.
                return false;
            }

            keyAt = at;
            valueAt = SkipSpace(record, after + 1);
        }

        if (keyAt < 0 || valueAt >= record.Length || record[valueAt] != (byte)'"')
        {
            return false;
        }

        var length = record[(valueAt + 1)..].IndexOfAny((byte)'"', (byte)'\\');
        if (length < 0 || record[valueAt + 1 + length] == (byte)'\\' || !IsAtDepthOne(record, keyAt))
        {
            return false;
        }

        value = record.Slice(valueAt + 1, length);
        return true;
    }

    /// <summary>Whether position <paramref name="at"/> (a key's opening quote) is directly inside the outer object.</summary>
    private static bool IsAtDepthOne(ReadOnlySpan<byte> record, int at)
    {
        var depth = 0;
        var i = 0;
        while (i < at)
        {
            var next = record[i..at].IndexOfAny("\"{}[]"u8);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (record[i] != (byte)'"')
            {
                depth += record[i] is (byte)'{' or (byte)'[' ? 1 : -1;
                i++;
                continue;
            }

            // Skip the string, escapes included; one that runs past the key means the key is inside it.
            i++;
            while (true)
            {
                var stop = record[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (stop < 0 || i + stop >= at)
                {
                    return false;
                }

                i += stop;
                if (record[i] == (byte)'\\')
                {
                    i += 2;
                    continue;
                }

                i++;
                break;
            }
        }

        return depth == 1;
    }

    private static int SkipSpace(ReadOnlySpan<byte> record, int i)
    {
        while (i < record.Length && record[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
