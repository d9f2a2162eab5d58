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
        IReadOnlyList<Observation> shown = evidence.Count > MaxEvidence ? [.. evidence.Take(MaxEvidence)] : evidence;
        var last = evidence[0].Time;
        for (var i = 1; i < evidence.Count; i++)
        {
            last = evidence[i].Time > last ? evidence[i].Time : last;
        }

        // The gate decides on the id, rule, subject and time: a held-back alert is never built.
        var id = AlertIds.Digest(rule.Info.Id, subject, shown, static o => o.EvidenceSource, static o => o.EvidenceId);
        if (!gate.Admit(id, rule.Info.Id, subject, last, rule.Throttle ?? Config.Throttle, out var suppressed))
        {
            return;
        }

        var items = new AlertEvidence[shown.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = shown[i].ToEvidence();
        }

        Stats.Alerts++;
        output.Alert(new Alert
        {
            Id = AlertIds.Format(id),
            Rule = rule.Info,
            Subject = subject,
            Time = last,
            WindowStart = windowStart,
            WindowEnd = last,
            Threshold = threshold,
            Summary = summary,
            Evidence = items,
            Suppressed = suppressed,
        });
    }
}
