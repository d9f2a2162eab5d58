using System.Globalization;
using System.Text.RegularExpressions;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>The time shapes help desks write. A time with no UTC offset is refused rather than read as local.</summary>
internal static partial class TicketTime
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>ISO 8601 with an offset or Z; Jira's "-0800" (no colon) is accepted too.</summary>
    public static bool TryParseIso(string text, out DateTimeOffset time)
    {
        var s = JiraOffset().Replace(text.Trim(), "$1:$2");
        return DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && HasOffset().IsMatch(s);
    }

    /// <summary>ServiceNow's stored value: "yyyy-MM-dd HH:mm:ss", always UTC in the Table API's value form.</summary>
    public static bool TryParseServiceNow(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        || TryParseIso(text, out time);

    /// <summary>A mapping's custom format in a given zone (times that carry their own offset keep it).</summary>
    public static bool TryParse(string text, string format, TimeZoneInfo zone, out DateTimeOffset time)
    {
        time = default;
        if (format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal))
        {
            return DateTimeOffset.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }

        // A local time that the zone skips (spring forward) is refused; an ambiguous one takes the zone's standard offset.
        if (!DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || zone.IsInvalidTime(local))
        {
            return false;
        }

        time = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    [GeneratedRegex(@"([+-]\d\d)(\d\d)$")]
    private static partial Regex JiraOffset();

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
