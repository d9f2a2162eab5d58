using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// A trigger not answered on the same key within <see cref="DetectionRule.Window"/> (an MFA deactivation not
/// re-activated in 12h; a temporary access pass with no case). An answer up to <c>lookBack</c> before the trigger
/// also counts (the case opened before the pass was issued). Decided when the watermark passes the deadline, so
/// the alert's time is the trigger's and a replay decides the same way. The instances of one base rule keep their
/// triggers and answers in one <see cref="AbsenceStore"/>; each walks the triggers against its own deadline.
/// </summary>
internal sealed class AbsenceRule : DetectionRule
{
    private readonly IReadOnlyList<ChangeKind>? kinds;
    private readonly bool signals;
    private readonly Step trigger;
    private readonly Step answer;
    private readonly TimeSpan lookBack;
    private readonly string describe;
    private readonly AbsenceStore store;
    private readonly ulong bit;

    /// <summary>The arrival number of the next trigger this instance decides.</summary>
    private long cursor;

    /// <summary>The condition alerts state, the same for every alert of this instance: made at the first.</summary>
    private string? threshold;

    public AbsenceRule(RuleInfo info, RuleSettings settings, RuleDefaults defaults, IReadOnlyList<ChangeKind>? kinds, bool signals,
        Step trigger, Step answer, TimeSpan lookBack, string describe, RuleBuild build)
        : base(info, settings, defaults)
    {
        this.kinds = kinds;
        this.signals = signals;
        this.trigger = trigger;
        this.answer = answer;
        this.lookBack = lookBack;
        this.describe = describe;
        store = build.Share(Info, () => new AbsenceStore(build.MaxKeys, build.MaxPerKey, build.Stats));
        bit = store.Join(Window);
        cursor = store.NextTrigger;
    }

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => signals;

    public override void Observe(Observation o, RuleContext context)
    {
        if (store.FirstToAnswer(o) && answer.Matches(o, context.Config) && answer.Key(o) is { } answered)
        {
            store.Answer(answered);
            if (lookBack > TimeSpan.Zero)
            {
                store.Answers.Add(answered, o);
            }
        }

        if (Allowed(o) || !trigger.Matches(o, context.Config) || trigger.Key(o) is not { } key)
        {
            return;
        }

        if (lookBack > TimeSpan.Zero && store.Answers.Latest(key, o.Time - lookBack, DateTimeOffset.MaxValue) is not null)
        {
            return;
        }

        store.Wait(key, o, bit);
    }

    public override void Expire(DateTimeOffset watermark, RuleContext context)
    {
        while (store.TryTrigger(ref cursor, out var key, out var pending) && pending.Time + Window < watermark)
        {
            cursor++;
            if (store.Waits(key, pending, bit))
            {
                threshold ??= $"{trigger.Name} without {answer.Name} on the same {describe} within {Format.Duration(Window)}"
                    + (lookBack > TimeSpan.Zero ? $" (or {Format.Duration(lookBack)} before)" : string.Empty);
                var summary = $"{describe} {key}: {trigger.Name} at {Format.Time(pending.Time)}, no {answer.Name} by {Format.Time(pending.Time + Window)}";
                context.Raise(this, key, [pending], pending.Time, threshold, summary);
            }
        }

        store.Sweep(watermark, lookBack);
    }
}
