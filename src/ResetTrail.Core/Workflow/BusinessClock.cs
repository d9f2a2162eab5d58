using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Whether an instant falls inside a site's business hours, in the site's own time zone. Hours whose end is not
/// later than their start run overnight: a shift belongs to the day it starts on, so a Friday 22:00-06:00 shift
/// covers Saturday 03:00 and a Sunday-night shift that is not listed does not cover Monday 03:00.
/// </summary>
public static class BusinessClock
{
    public static bool IsWithin(BusinessHours hours, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (hours.Start < hours.End)
        {
            return hours.Days.Contains(local.DayOfWeek) && time >= hours.Start && time < hours.End;
        }

        var previousDay = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (hours.Days.Contains(local.DayOfWeek) && time >= hours.Start)
            || (hours.Days.Contains(previousDay) && time < hours.End);
    }
}
