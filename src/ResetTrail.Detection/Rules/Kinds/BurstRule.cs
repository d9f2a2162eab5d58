using System.Globalization;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// At least <see cref="DetectionRule.Threshold"/> distinct values (targets, countries) per key (an agent, a caller,
/// a user) within <see cref="DetectionRule.Window"/>. After alerting the key starts over, so the next alert needs
/// a new burst.
/// </summary>
internal sealed class BurstRule(
    RuleInfo info,
    RuleSettings settings,
    RuleDefaults defaults,
    IReadOnlyList<ChangeKind>? kinds,
    bool signals,
    Func<Observation, DetectionConfig, bool> matches,
    Func<Observation, string?> key,
    Func<Observation, string?> value,
    string counted,
    string keyName,
    int maxKeys,
    int maxPerKey,
    EngineStats stats) : DetectionRule(info, settings, defaults)
{
    private readonly KeyedWindows state = new(maxKeys, maxPerKey, stats);

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => signals;

    public override void Observe(Observation o, RuleContext context)
    {
        if (Allowed(o) || !matches(o, context.Config) || key(o) is not { } k || value(o) is null)
        {
            return;
        }

        state.Trim(k, o.Time - Window);
        if (!state.Add(k, o))
        {
            return;
        }

        var window = state.Get(k);
        var distinct = window.Select(value).Distinct(StringComparer.Ordinal).Count();
        if (distinct < Threshold)
        {
            return;
        }

        var firstPerValue = window.GroupBy(value, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var threshold = string.Create(CultureInfo.InvariantCulture, $"at least {Threshold} distinct {counted} per {keyName} within {Format.Duration(Window)}");
        var summary = string.Create(CultureInfo.InvariantCulture, $"{keyName} {k}: {distinct} distinct {counted} between {Format.Time(window[0].Time)} and {Format.Time(o.Time)}");
        context.Raise(this, k, firstPerValue, window[0].Time, threshold, summary);
        state.Remove(k);
    }

    public override void Expire(DateTimeOffset watermark, RuleContext context) => state.Evict(watermark - Window);
}
