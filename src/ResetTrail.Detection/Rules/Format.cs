using System.Globalization;

namespace ResetTrail.Detection.Rules;

/// <summary>Times and durations as alerts write them: UTC, ISO 8601 to the second; durations in one unit (30m, 12h, 7d).</summary>
internal static class Format
{
    public static string Time(DateTimeOffset t) => string.Create(20, t.UtcDateTime, static (chars, utc) =>
    {
        // The standard sortable format ("s", yyyy-MM-ddTHH:mm:ss) has a fast path a custom pattern lacks.
        utc.TryFormat(chars, out _, "s", CultureInfo.InvariantCulture);
        chars[19] = 'Z';
    });

    public static string Duration(TimeSpan d) => d switch
    {
        { Ticks: 0 } => "0",
        { TotalDays: var x } when x == Math.Floor(x) => string.Create(CultureInfo.InvariantCulture, $"{(long)x}d"),
        { TotalHours: var x } when x == Math.Floor(x) => string.Create(CultureInfo.InvariantCulture, $"{(long)x}h"),
        { TotalMinutes: var x } when x == Math.Floor(x) => string.Create(CultureInfo.InvariantCulture, $"{(long)x}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalSeconds}s"),
    };
}
