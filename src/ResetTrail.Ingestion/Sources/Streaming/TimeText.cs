using System.Globalization;

namespace ResetTrail.Ingestion.Sources.Streaming;

/// <summary>
/// Timestamps as logs write them: ISO 8601 with 'T' or a space, up to nine fractional digits (Windows writes
/// 100 ns ticks plus two zeros, Google's exports nanoseconds), Z or an offset. A time without a zone is read in the
/// zone the caller says the writer used (UTC for the exports here, which normalise to UTC).
/// </summary>
internal static class TimeText
{
    public static DateTimeOffset? Parse(string? text, TimeSpan offsetWhenNoZone = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim().Replace(',', '.');
        if (s.Length > 10 && s[10] == ' ')
        {
            s = string.Concat(s.AsSpan(0, 10), "T", s.AsSpan(11));
        }

        // Keep at most seven fractional digits: .NET's resolution, and what its parser accepts.
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                s = string.Concat(s.AsSpan(0, dot + 8), s.AsSpan(end));
            }
        }

        var hasZone = s.EndsWith('Z') || (s.Length > 19 && s.AsSpan(19).IndexOfAny('+', '-') >= 0);
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        return hasZone
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), offsetWhenNoZone).ToUniversalTime();
    }
}
