using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// A trigger not answered on the same key within <see cref="DetectionRule.Window"/> (an MFA deactivation not
/// re-activated in 12h; a temporary access pass with no case). An answer up to <c>lookBack</c> before the trigger
/// also counts (the case opened before the pass was issued). Decided when the watermark passes the deadline, so
/// the alert's time is the trigger's and a replay decides the same way.
/// </summary>
internal sealed class AbsenceRule(
    RuleInfo info,
    RuleSettings settings,
    RuleDefaults defaults,
    IReadOnlyList<ChangeKind>? kinds,
    bool signals,
    Step trigger,
    Step answer,
    TimeSpan lookBack,
    string describe,
    int maxKeys,
    int maxPerKey,
    EngineStats stats) : DetectionRule(info, settings, defaults)
{
    private readonly KeyedWindows pending = new(maxKeys, maxPerKey, stats);
    private readonly KeyedWindows answers = new(maxKeys, maxPerKey, stats);
    private readonly PriorityQueue<(string Key, Observation Trigger), DateTimeOffset> deadlines = new();

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => signals;

    public override void Observe(Observation o, RuleContext context)
    {
        if (answer.Matches(o, context.Config) && answer.Key(o) is { } answered)
        {
            pending.Remove(answered);
            if (lookBack > TimeSpan.Zero)
            {
                answers.Add(answered, o);
            }
        }

        if (Allowed(o) || !trigger.Matches(o, context.Config) || trigger.Key(o) is not { } key)
        {
            return;
        }

        if (lookBack > TimeSpan.Zero && answers.Latest(key, o.Time - lookBack, DateTimeOffset.MaxValue) is not null)
        {
            return;
        }

        if (pending.Add(key, o))
        {
            deadlines.Enqueue((key, o), o.Time + Window);
        }
    }

    /// <summary>The condition alerts state, the same for every alert of this instance: made at the first.</summary>
    private string? threshold;

    public override void Expire(DateTimeOffset watermark, RuleContext context)
    {
        while (deadlines.TryPeek(out var item, out var deadline) && deadline < watermark)
        {
            deadlines.Dequeue();
            if (pending.Contains(item.Key, item.Trigger))
            {
                threshold ??= $"{trigger.Name} without {answer.Name} on the same {describe} within {Format.Duration(Window)}"
                    + (lookBack > TimeSpan.Zero ? $" (or {Format.Duration(lookBack)} before)" : string.Empty);
                var summary = $"{describe} {item.Key}: {trigger.Name} at {Format.Time(item.Trigger.Time)}, no {answer.Name} by {Format.Time(deadline)}";
                context.Raise(this, item.Key, [item.Trigger], item.Trigger.Time, threshold, summary);
            }
        }

        pending.Evict(watermark - Window);
        answers.Evict(watermark - lookBack);
    }
}
