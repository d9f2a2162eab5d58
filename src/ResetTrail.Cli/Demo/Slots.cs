namespace ResetTrail.Cli.Demo;

/// <summary>When a case opens, at which site, and what the demo makes of it.</summary>
internal sealed record Slot(int Number, DateTimeOffset At, string Site, Scenario Scenario);

/// <summary>
/// Spreads the cases over the past days: on weekdays mostly in the site's morning (so business-hours rules can
/// run their course the same day), some in the evening, a few at weekends; a handful opened in the last hours
/// are still in flight at the end.
/// </summary>
internal static class Slots
{
    /// <summary>The sample policy's sites and their time zones.</summary>
    private static readonly Dictionary<string, string> Zones = new(StringComparer.Ordinal)
    {
        ["london"] = "Europe/London",
        ["new-york"] = "America/New_York",
        ["singapore"] = "Asia/Singapore",
    };

    /// <summary>Long enough for every deadline the sample policy sets (24h at most) to pass before now.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromDays(3);

    public static IReadOnlyList<Slot> Plan(DateTimeOffset now, int days, int casesPerDay, DemoRandom random)
    {
        var slots = new List<(DateTimeOffset At, string Site)>();
        for (var back = days - 1; back >= 0; back--)
        {
            var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-back);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var i = 0; i < (weekend ? Math.Max(1, casesPerDay / 4) : casesPerDay); i++)
            {
                var site = random.Weighted(Roster.Sites);
                var local = weekend ? random.Fraction(9, 20)
                    : random.Chance(0.88) ? random.Fraction(9, 12)
                    : random.Fraction(18.5, 22);
                slots.Add((Local(day, local, site), site));
            }
        }

        var ordered = slots.Where(s => s.At >= now - TimeSpan.FromDays(days) && s.At < now - TimeSpan.FromMinutes(30)).OrderBy(s => s.At).ToList();
        var scenarios = Assign(ordered.Select(s => s.At).ToList(), now, random);
        var result = ordered.Select((s, i) => (s.At, s.Site, Scenario: scenarios[i]))
            .Select(s => s.Scenario.Emergency() ? s with { At = Evening(s.At, s.Site, random) } : s)
            .Where(s => s.At < now)
            .ToList();

        // Cases opened in the last hours that nobody has finished yet.
        for (var i = 0; i < Math.Max(2, casesPerDay / 3); i++)
        {
            result.Add((now - random.Minutes(10, 300), random.Weighted(Roster.Sites), Scenario.InFlight));
        }

        return [.. result.OrderBy(s => s.At).Select((s, i) => new Slot(i, s.At, s.Site, s.Scenario))];
    }

    public static TimeZoneInfo Zone(string site) => TimeZoneInfo.FindSystemTimeZoneById(Zones[site]);

    /// <summary>The scenarios: each promised one spread over the settled part of the month, the rest by weight.</summary>
    private static Scenario[] Assign(List<DateTimeOffset> times, DateTimeOffset now, DemoRandom random)
    {
        var scenarios = times.Select(_ => random.Weighted(Scenarios.Weights)).ToArray();
        var settled = times.Count(t => t < now - Settled);
        var step = Math.Max(1, settled / Scenarios.EachAtLeastOnce.Count);
        var places = Enumerable.Range(0, Scenarios.EachAtLeastOnce.Count).Select(k => k * step)
            .Where(p => p < settled).Concat(Enumerable.Range(0, times.Count)).Distinct().Take(Scenarios.EachAtLeastOnce.Count).ToList();
        for (var k = 0; k < places.Count; k++)
        {
            scenarios[places[k]] = Scenarios.EachAtLeastOnce[k];
        }

        return scenarios;
    }

    /// <summary>The emergency path is for out of hours: the same day's evening at the site.</summary>
    private static DateTimeOffset Evening(DateTimeOffset at, string site, DemoRandom random) =>
        Local(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone(site)).DateTime), random.Fraction(19, 22), site);

    private static DateTimeOffset Local(DateOnly day, double hour, string site)
    {
        var zone = Zone(site);
        var local = day.ToDateTime(TimeOnly.MinValue).AddHours(hour);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
