using System.Globalization;

namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>
/// Timestamps as the logs write them: ISO 8601 ("2025-01-15T09:30:20.1234567Z"), and the forms that pipelines
/// leave behind ("2022-06-22 18:18:29.015", "2024-05-02 18:46:21.121000000", Office 365 "2022-12-12T17:28:35"
/// without a zone). A time without a zone is UTC: every one of these services logs in UTC.
/// </summary>
internal static class LogTime
{
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            TrimFraction(text.Trim()),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }

    // .NET parses at most 7 fractional digits (100 ns ticks); Panther writes nanoseconds.
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
