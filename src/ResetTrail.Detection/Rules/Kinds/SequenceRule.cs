using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>One step of a sequence: what matches it and the key that joins it to the other steps (target, actor, host+session).</summary>
internal sealed record Step(string Name, Func<Observation, DetectionConfig, bool> Matches, Func<Observation, string?> Key);

/// <summary>
/// Steps on the same key, in order (or, with <c>anyOrder</c>, two steps either way round), all within
/// <see cref="DetectionRule.Window"/> of the first. State per key: the observations of each step still inside the
/// window; a partial sequence older than the window is evicted. The instances of one base rule keep that state in one
/// <see cref="SequenceStore"/>, each reading its own view; a completed sequence clears the key for its instance only.
/// </summary>
internal sealed class SequenceRule : DetectionRule
{
    private readonly IReadOnlyList<Step> steps;
    private readonly bool anyOrder;
    private readonly string describe;
    private readonly SequenceStore store;
    private readonly ulong bit;

    /// <summary>Per key, where this instance's view starts after it last completed on it.</summary>
    private readonly StoreMarks completed = new();

    public SequenceRule(RuleInfo info, RuleSettings settings, RuleDefaults defaults, IReadOnlyList<ChangeKind>? kinds, bool signals,
        IReadOnlyList<Step> steps, bool anyOrder, string describe, RuleBuild build)
        : base(info, settings, defaults)
    {
        Kinds = kinds;
        WantsSignals = signals;
        this.steps = steps;
        this.anyOrder = anyOrder;
        this.describe = describe;
        store = build.Share(Info, () => new SequenceStore(steps.Count, build.MaxKeys, build.MaxPerKey, build.Stats));
        bit = store.Join(Window);
    }

    public override IReadOnlyList<ChangeKind>? Kinds { get; }

    /// <summary>The condition alerts state, the same for every alert of this instance: made at the first.</summary>
    private string? threshold;

    public override bool WantsSignals { get; }

    public override void Observe(Observation o, RuleContext context)
    {
        if (Allowed(o))
        {
            return;
        }

        // Last step first, so one event matching two steps cannot complete a sequence with itself.
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var step = steps[i];
            if (!step.Matches(o, context.Config) || step.Key(o) is not { } key)
            {
                continue;
            }

            if (Completes(i, key, o) is { } chain)
            {
                threshold ??= $"{string.Join(" then ", steps.Select(s => s.Name))} on one {describe} within {Format.Duration(Window)}"
                    + (anyOrder ? " (either order)" : string.Empty);
                var summary = $"{describe} {key}: " + string.Join(", ", chain.Zip(Names(chain)).Select(p => $"{p.Second} at {Format.Time(p.First.Time)}"));
                context.Raise(this, key, chain, chain.Min(c => c.Time), threshold, summary);
                completed.Set(key, store.Sequence, o.Time);
                return;
            }

            if (anyOrder || i < steps.Count - 1)
            {
                store.Keep(i, key, o, bit);
            }
        }
    }

    public override void Expire(DateTimeOffset watermark, RuleContext context)
    {
        store.Evict(watermark);

        // What was kept before a completion is older than it: once that is out of the window, so is the mark.
        completed.Forget(watermark - Window);
    }

    private List<string> Names(List<Observation> chain) => [.. chain.Select((_, i) => steps[Math.Min(i, steps.Count - 1)].Name)];

    /// <summary>The chain ending (or, any order, closing) with <paramref name="o"/> at step <paramref name="i"/>, if the earlier steps are all held.</summary>
    private List<Observation>? Completes(int i, string key, Observation o)
    {
        var after = completed.After(key);
        if (anyOrder && steps.Count == 2)
        {
            var other = store.Latest(1 - i, key, bit, after, o.Time - Window, DateTimeOffset.MaxValue, o);
            return other is null ? null : i == 1 ? [other, o] : [o, other];
        }

        if (i != steps.Count - 1)
        {
            return null;
        }

        var chain = new List<Observation> { o };
        var limit = o.Time;
        for (var j = i - 1; j >= 0; j--)
        {
            var previous = store.Latest(j, key, bit, after, o.Time - Window, limit, o);
            if (previous is null)
            {
                return null;
            }

            chain.Insert(0, previous);
            limit = previous.Time;
        }

        return chain;
    }
}
