namespace ResetTrail.Core.Policy.Model;

/// <summary>A site's business hours: local days, start and end in its IANA time zone; end is exclusive.</summary>
internal sealed record Site(string Name, string TimeZone, IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, int Line);
