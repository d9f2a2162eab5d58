using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules;

/// <summary>What a rule reaches while it runs: the configuration, the counters, and the way to raise an alert.</summary>
internal sealed class RuleContext(DetectionConfig config, EngineStats stats, AlertGate gate, IDetectionOutput output)
{
    /// <summary>Evidence an alert carries, at most: a burst of a thousand resets is summarised by its first events.</summary>
    public const int MaxEvidence = 50;

    public DetectionConfig Config { get; } = config;

    public EngineStats Stats { get; } = stats;

    public void Raise(DetectionRule rule, string subject, IReadOnlyList<Observation> evidence, DateTimeOffset windowStart, string threshold, string summary)
    {
        var shown = evidence.Count > MaxEvidence ? [.. evidence.Take(MaxEvidence)] : evidence;
        var items = shown.Select(o => o.ToEvidence()).ToList();
        var last = evidence.Max(o => o.Time);
        var alert = new Alert
        {
            Id = AlertIds.Of(rule.Info.Id, subject, items),
            Rule = rule.Info,
            Subject = subject,
            Time = last,
            WindowStart = windowStart,
            WindowEnd = last,
            Threshold = threshold,
            Summary = summary,
            Evidence = items,
        };
        if (gate.Admit(alert, rule.Throttle ?? Config.Throttle, out var suppressed))
        {
            Stats.Alerts++;
            output.Alert(alert with { Suppressed = suppressed });
        }
    }
}
