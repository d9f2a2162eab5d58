using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// Remembers, per user, the networks (IP), countries and devices (user agent) their successful sign-ins came from
/// (at most <c>maxPerKey</c> values each, oldest forgotten), and alerts when a sequence ends in a sign-in or access
/// from one never seen for that user. <c>prefix</c> steps (a reset, a new factor) must come first within the
/// window; with none, any matching access from a new context alerts. A user with no history yet is not alerted
/// on (everything would be new); the history is still built. The histories do not depend on a rule's settings,
/// so every instance of one base rule reads the same <see cref="ContextHistories"/> (ADR 0044), and the prefix steps
/// they hold are kept in one <see cref="SequenceStore"/>, each instance reading its own view (ADR 0048). <c>kinds</c>
/// must include <see cref="ChangeKind.SignIn"/>: the histories learn from sign-ins.
/// </summary>
internal sealed class NewContextRule : DetectionRule
{
    private readonly IReadOnlyList<ChangeKind> kinds;
    private readonly IReadOnlyList<Step> prefix;
    private readonly Step final;
    private readonly string describe;
    private readonly ContextHistories histories;
    private readonly SequenceStore partial;
    private readonly ulong bit;

    /// <summary>Per key, where this instance's view starts after it last alerted on it.</summary>
    private readonly StoreMarks alerted = new();

    /// <summary>The condition alerts state, the same for every alert of this instance: made at the first.</summary>
    private string? threshold;

    public NewContextRule(RuleInfo info, RuleSettings settings, RuleDefaults defaults, IReadOnlyList<ChangeKind> kinds,
        IReadOnlyList<Step> prefix, Step final, string describe, RuleBuild build)
        : base(info, settings, defaults)
    {
        this.kinds = kinds;
        this.prefix = prefix;
        this.final = final;
        this.describe = describe;
        histories = build.Share(Info, () => new ContextHistories(build.MaxKeys, build.MaxPerKey, build.Stats));
        partial = build.Share(Info, () => new SequenceStore(prefix.Count, build.MaxKeys, build.MaxPerKey, build.Stats));
        bit = partial.Join(Window);
    }

    /// <summary>Both the network and the device must be new (the admin-console rule: "new device and new IP"), not any one of them.</summary>
    public bool RequireAll { get; init; }

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => prefix.Count > 0;

    public override void Observe(Observation o, RuleContext context)
    {
        histories.Before(o);
        if (Allowed(o))
        {
            histories.After(o);
            return;
        }

        if (final.Matches(o, context.Config) && final.Key(o) is { } key && Chain(key, o) is { } chain
            && histories.Novelty(key, o.Event!) is { Count: > 0 } novel
            && (!RequireAll || (novel.Any(n => n.StartsWith("network", StringComparison.Ordinal)) && novel.Contains("device"))))
        {
            chain.Add(o);
            threshold ??= $"{string.Join(" then ", prefix.Select(p => p.Name).Append(final.Name))} on one {describe} within {Format.Duration(Window)}, from a network, country or device not seen for them";
            context.Raise(this, key, chain, chain[0].Time, threshold,
                $"{describe} {key}: {final.Name} at {Format.Time(o.Time)} from new {string.Join(", ", novel)}");
            alerted.Set(key, partial.MarkBefore(o), o.Time);
        }

        for (var i = prefix.Count - 1; i >= 0; i--)
        {
            if (prefix[i].Matches(o, context.Config) && prefix[i].Key(o) is { } k && (i == 0 || Chain(k, o, i) is not null))
            {
                partial.Keep(i, k, o, bit);
            }
        }

        histories.After(o);
    }

    public override void Expire(DateTimeOffset watermark, RuleContext context)
    {
        partial.Evict(watermark);

        // What this instance kept before an alert is older than it: once that is out of its window, so is the mark.
        alerted.Forget(watermark - Window);
    }

    private List<Observation>? Chain(string key, Observation o, int upTo = -1)
    {
        var count = upTo < 0 ? prefix.Count : upTo;
        var after = alerted.After(key);
        var chain = new List<Observation>();
        var limit = o.Time;
        for (var j = count - 1; j >= 0; j--)
        {
            var previous = partial.Latest(j, key, bit, after, o.Time - Window, limit, o);
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
