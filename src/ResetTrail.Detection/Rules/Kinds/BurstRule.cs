using System.Globalization;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// At least <see cref="DetectionRule.Threshold"/> distinct values (targets, countries) per key (an agent, a caller,
/// a user) within <see cref="DetectionRule.Window"/>. After alerting the key starts over, so the next alert needs
/// a new burst. The observations live in a <see cref="BurstStore"/> shared with the other instances of the same
/// base rule; this instance's window is its view of it: not older than its window, not exempted by its allow-list,
/// after its last alert on the key, and at most the newest <c>maxPerKey</c> of those.
/// </summary>
internal sealed class BurstRule : DetectionRule
{
    private readonly IReadOnlyList<ChangeKind>? kinds;
    private readonly bool signals;
    private readonly Func<Observation, DetectionConfig, bool> matches;
    private readonly Func<Observation, string?> key;
    private readonly Func<Observation, string?> value;
    private readonly string counted;
    private readonly string keyName;
    private readonly int maxPerKey;
    private readonly BurstStore store;
    private readonly int member;
    private readonly ulong bit;

    /// <summary>The condition alerts state, the same for every alert of this instance: made at the first.</summary>
    private string? threshold;

    public BurstRule(RuleInfo info, RuleSettings settings, RuleDefaults defaults, IReadOnlyList<ChangeKind>? kinds, bool signals,
        Func<Observation, DetectionConfig, bool> matches, Func<Observation, string?> key, Func<Observation, string?> value,
        string counted, string keyName, RuleBuild build)
        : base(info, settings, defaults)
    {
        this.kinds = kinds;
        this.signals = signals;
        this.matches = matches;
        this.key = key;
        this.value = value;
        this.counted = counted;
        this.keyName = keyName;
        maxPerKey = build.MaxPerKey;
        store = build.Share(Info, () => new BurstStore(build.MaxKeys, build.MaxPerKey, build.Stats));
        member = store.Join(this);
        bit = 1UL << member;
    }

    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => signals;

    public bool IsAllowed(Observation o) => Allowed(o);

    public override void Observe(Observation o, RuleContext context)
    {
        if (!matches(o, context.Config) || key(o) is not { } k || value(o) is not { } v)
        {
            return;
        }

        var window = store.Append(k, o, v);
        if (window is null || (window.Entries.Last.AllowedBy & bit) != 0 || window.DistinctValues < Threshold)
        {
            return;
        }

        if (!Reaches(window, o.Time - Window))
        {
            return;
        }

        // This instance's view, oldest first: the first observation of each distinct value is the evidence.
        var entries = window.Entries;
        var firstPerValue = new List<Observation>();
        var seen = store.Scratch;
        seen.Clear();
        for (var i = ViewStart(window, o.Time - Window); i < entries.Count; i++)
        {
            var entry = entries[i];
            if ((entry.AllowedBy & bit) == 0 && seen.Add(entry.Slot))
            {
                firstPerValue.Add(entry.Observation);
            }
        }

        var distinct = seen.Count;
        var start = firstPerValue[0].Time;
        threshold ??= string.Create(CultureInfo.InvariantCulture, $"at least {Threshold} distinct {counted} per {keyName} within {Format.Duration(Window)}");
        var summary = string.Create(CultureInfo.InvariantCulture, $"{keyName} {k}: {distinct} distinct {counted} between {Format.Time(start)} and {Format.Time(o.Time)}");
        context.Raise(this, k, firstPerValue, start, threshold, summary);
        window.StartOver(member, window.Entries.Last.Sequence);
    }

    public override void Expire(DateTimeOffset watermark, RuleContext context) => store.Evict(watermark);

    /// <summary>Whether this instance's view holds at least <see cref="DetectionRule.Threshold"/> distinct values.</summary>
    private bool Reaches(BurstStore.KeyWindow window, DateTimeOffset since)
    {
        var after = window.StartedOver(member);
        var entries = window.Entries;
        if ((window.AllowedByAny & bit) == 0)
        {
            // Nothing held is exempt for this instance: its view is a suffix of the window, from the newest of three
            // bounds (its window, its last alert, its cap), and a value counts when its newest entry is in it.
            var from = Math.Max(window.FirstAtOrAfter(since), entries.Count - maxPerKey);
            if (from >= entries.Count)
            {
                return false;
            }

            var first = Math.Max(entries[from].Sequence, after == long.MinValue ? long.MinValue : after + 1);
            return window.DistinctSince(first) >= Threshold;
        }

        var seen = store.Scratch;
        seen.Clear();
        var taken = 0;
        for (var i = entries.Count - 1; i >= 0 && taken < maxPerKey; i--)
        {
            var entry = entries[i];
            if (entry.Sequence <= after || entry.Time < since)
            {
                break;
            }

            if ((entry.AllowedBy & bit) != 0)
            {
                continue;
            }

            taken++;
            if (seen.Add(entry.Slot) && seen.Count >= Threshold)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where this instance's view starts in the key's window: walking back from the newest entry, the oldest one still
    /// in its window, after its last alert on the key, among the newest <c>maxPerKey</c> it does not exempt.
    /// </summary>
    private int ViewStart(BurstStore.KeyWindow window, DateTimeOffset since)
    {
        var after = window.StartedOver(member);
        var entries = window.Entries;
        var start = entries.Count;
        var taken = 0;
        for (var i = entries.Count - 1; i >= 0 && taken < maxPerKey; i--)
        {
            var entry = entries[i];
            if (entry.Sequence <= after || entry.Time < since)
            {
                break;
            }

            start = i;
            if ((entry.AllowedBy & bit) == 0)
            {
                taken++;
            }
        }

        return start;
    }
}
