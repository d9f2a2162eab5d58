using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// A change outside the business hours of the target's site. The site is the one the target's case named (case
/// signals are remembered per target, bounded), else the first <c>accounts:</c> rule matching the target, else the
/// first site. Hours are checked in the site's own time zone (<see cref="BusinessClock"/>).
/// </summary>
internal sealed class HoursRule(
    RuleInfo info,
    RuleSettings settings,
    IReadOnlyList<ChangeKind> kinds,
    Func<Observation, bool> matches,
    string what,
    int maxKeys) : DetectionRule(info, settings, RuleDefaults.None)
{
    private readonly Dictionary<string, string> sites = new(StringComparer.Ordinal);

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => true;

    public override void Observe(Observation o, RuleContext context)
    {
        if (o.Signal is { Site: { } named } && (sites.Count < maxKeys || sites.ContainsKey(o.Target)))
        {
            sites[o.Target] = named;
        }

        if (Allowed(o) || !matches(o))
        {
            return;
        }

        var hours = context.Config.SiteOf(o.Target, sites.GetValueOrDefault(o.Target));
        if (hours is null || BusinessClock.IsWithin(hours, o.Time))
        {
            return;
        }

        var local = TimeZoneInfo.ConvertTime(o.Time, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));
        var days = string.Join(",", hours.Days.Select(d => d.ToString()[..3]));
        context.Raise(this, o.Target, [o], o.Time,
            $"inside {hours.Site} hours {days} {hours.Start:HH\\:mm}-{hours.End:HH\\:mm} {hours.TimeZone}",
            $"{what} on {o.Target} at {local:ddd HH\\:mm} {hours.TimeZone} ({Format.Time(o.Time)}), outside {hours.Site} business hours");
    }
}
