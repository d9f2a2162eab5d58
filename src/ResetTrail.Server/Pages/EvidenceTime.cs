using System.Globalization;

namespace ResetTrail.Server.Pages;

/// <summary>Times on pages: UTC, to the second, as the evidence records them.</summary>
public static class EvidenceTime
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
