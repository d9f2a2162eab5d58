using System.Globalization;
using System.Text.RegularExpressions;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>
/// Durations in a policy file: a whole number and one unit, <c>30m</c>, <c>4h</c>, <c>7d</c>, or <c>0</c> for
/// none. One unit per value keeps them unambiguous to read aloud ("is P1M a month or a minute?"); 36 hours is
/// <c>36h</c>. Evidence and JSON output use ISO 8601 (PT36H) instead, which machines read.
/// </summary>
internal static partial class Durations
{
    /// <summary>Ten years: longer than any retention or review period a desk needs, short enough to catch a typo'd digit.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3660);

    public const string Syntax = "a whole number and a unit: 30m, 4h, 7d (or 0 for none)";

    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = text.StartsWith('P') ? $"'{text}' is ISO 8601; write {Syntax}" : $"'{text}' is not a duration; write {Syntax}";
            return false;
        }

        var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups[2].Value switch
        {
            "m" => amount,
            "h" => amount * 60,
            _ => amount * 60 * 24,
        };
        if (minutes > Max.TotalMinutes)
        {
            error = $"'{text}' is longer than the {Max.Days}d a policy may set";
            return false;
        }

        value = TimeSpan.FromMinutes(minutes);
        return true;
    }

    /// <summary>The policy-file spelling of a duration, in its largest whole unit.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        { Ticks: 0 } => "0",
        { TotalDays: var d } when d == Math.Floor(d) => $"{(long)d}d",
        { TotalHours: var h } when h == Math.Floor(h) => $"{(long)h}h",
        _ => $"{(long)value.TotalMinutes}m",
    };

    [GeneratedRegex("^([1-9][0-9]{0,6})([mhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
