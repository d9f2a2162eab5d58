using System.Globalization;

namespace ResetTrail.Bench;

internal static class Format
{
    /// <summary>A rate with thousands separators and a unit, e.g. "12,345 entries/s".</summary>
    public static string Rate(double perSecond, string unit) =>
        perSecond >= 100
            ? string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0} {unit}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.0} {unit}/s");

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
