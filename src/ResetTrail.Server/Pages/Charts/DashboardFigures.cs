using System.Globalization;
using ResetTrail.Core;
using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Reconciliation;

namespace ResetTrail.Server.Pages.Charts;

/// <summary>The dashboard's numbers, from the cases (replayed from evidence) and the reconciliation findings.</summary>
public sealed class DashboardFigures
{
    public const int Days = 14;

    private static readonly (string Label, TimeSpan Upper)[] ValidationBuckets =
    [
        ("under 15 min", TimeSpan.FromMinutes(15)),
        ("15-60 min", TimeSpan.FromHours(1)),
        ("1-4 h", TimeSpan.FromHours(4)),
        ("4-24 h", TimeSpan.FromDays(1)),
        ("over 24 h", TimeSpan.MaxValue),
    ];

    public DashboardFigures(IReadOnlyList<ResetCase> cases, Reconciliation reconciliation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(reconciliation);
        var executed = cases.Where(c => c.Execution is not null).ToList();
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - Days);
        var days = Enumerable.Range(0, Days).Select(firstDay.AddDays).ToList();
        var labels = days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        ByTier = PerDay("Resets per day by tier", "tier", executed, days, labels, c => WireName.Of(c.Decision.Tier));
        ByKind = PerDay("Resets per day by kind", "kind", executed, days, labels, c => WireName.Of(c.Kind));
        ByChannel = PerDay("Resets per day by channel", "channel", executed, days, labels, c => WireName.Of(c.Channel));

        ExecutedCases = executed.Count;
        CompleteCases = executed.Count(c => c.ControlFailures(now).Count == 0 && (c.Execution!.IdpEventId is not null || c.IdpEvents.Count > 0));
        Reconciled = reconciliation.Summary;

        var owners = reconciliation.Findings.GroupBy(f => f.Owner).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        FindingsByOwner = new ChartData(
            "Findings by owner",
            $"Reconciliation findings per owning team: {string.Join(", ", owners.Select(g => $"{g.Key} {g.Count()}"))}.",
            "owner",
            [.. owners.Select(g => g.Key)],
            [new ChartSeries("findings", [.. owners.Select(g => (long)g.Count())])]);

        var durations = executed
            .Where(c => c.CompletedTasks.Count > 0)
            .Select(c => c.CompletedTasks.Min(t => t.At) - c.Execution!.At)
            .Order()
            .ToList();
        MedianValidation = durations.Count == 0 ? null : durations[durations.Count / 2];
        var buckets = ValidationBuckets.Select((b, i) => (long)durations.Count(d => d < b.Upper && (i == 0 || d >= ValidationBuckets[i - 1].Upper))).ToList();
        ExecutionToValidation = new ChartData(
            "Time from execution to validation",
            $"How long after the reset its first post-reset task was recorded, for {durations.Count} executed case(s): " +
            string.Join(", ", ValidationBuckets.Select((b, i) => $"{b.Label} {buckets[i]}")) + ".",
            "time",
            [.. ValidationBuckets.Select(b => b.Label)],
            [new ChartSeries("cases", buckets)]);
    }

    public ChartData ByTier { get; }

    public ChartData ByKind { get; }

    public ChartData ByChannel { get; }

    public ChartData FindingsByOwner { get; }

    public ChartData ExecutionToValidation { get; }

    public int ExecutedCases { get; }

    /// <summary>Executed cases with their IdP event linked and no control failure (tasks and reviews in time).</summary>
    public int CompleteCases { get; }

    public ReconcileSummary Reconciled { get; }

    public TimeSpan? MedianValidation { get; }

    public static string Percent(long part, long whole) =>
        whole == 0 ? "no data" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static ChartData PerDay(string title, string dimension, List<ResetCase> executed, List<DateOnly> days, List<string> labels, Func<ResetCase, string> key)
    {
        var names = executed.Select(key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var series = names.Select(name => new ChartSeries(name, [.. days.Select(day =>
            (long)executed.Count(c => key(c) == name && DateOnly.FromDateTime(c.Execution!.At.UtcDateTime) == day))])).ToList();
        var total = series.Sum(s => s.Values.Sum());
        return new ChartData(
            title,
            $"Resets executed per day over the last {days.Count} days ({labels[0]} to {labels[^1]}, UTC), stacked by {dimension}: " +
            (total == 0 ? "none." : string.Join(", ", series.Select(s => $"{s.Name} {s.Values.Sum()}")) + "."),
            "day",
            labels,
            series);
    }
}
