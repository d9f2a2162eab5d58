using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>Whether an instant falls inside a site's business hours, in the site's own time zone.</summary>
public static class BusinessClock
{
    public static bool IsWithin(BusinessHours hours, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return hours.Days.Contains(local.DayOfWeek) && time >= hours.Start && time < hours.End;
    }
}
