using System.Runtime.InteropServices;

namespace ResetTrail.Detection.Engine;

/// <summary>
/// Deduplicates (an alert id seen within the dedup window is dropped) and throttles (one alert per rule and subject
/// per throttle period; the next one says how many were held back). Periods run on event time, so a replay of the
/// same input gives the same alerts. Both memories are bounded by expiry. The dedup memory holds each id's 128 bits
/// (<see cref="Alerts.AlertIds.Digest"/>), not its text; a rule whose throttle is zero keeps no throttle memory, since
/// rules see observations in time order and a zero period never holds an alert back.
/// </summary>
internal sealed class AlertGate(TimeSpan dedupWindow, EngineStats stats)
{
    private readonly HashSet<UInt128> seen = [];
    private readonly Queue<(UInt128 Id, DateTimeOffset Time)> seenOrder = new();
    private readonly Dictionary<(string Rule, string Subject), (DateTimeOffset Until, int Suppressed)> throttled = [];

    /// <summary>Whether the alert whose id is <paramref name="id"/>, of <paramref name="ruleId"/> on <paramref name="subject"/> at <paramref name="time"/>, goes out.</summary>
    public bool Admit(UInt128 id, string ruleId, string subject, DateTimeOffset time, TimeSpan throttle, out int suppressed)
    {
        suppressed = 0;
        if (!seen.Add(id))
        {
            stats.Deduplicated++;
            return false;
        }

        seenOrder.Enqueue((id, time));
        if (throttle <= TimeSpan.Zero)
        {
            return true;
        }

        var key = (ruleId, subject);
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(throttled, key, out var known);
        if (known && time < state.Until)
        {
            state.Suppressed++;
            stats.Throttled++;
            return false;
        }

        suppressed = state.Suppressed;
        state = (time + throttle, 0);
        return true;
    }

    public void Expire(DateTimeOffset watermark)
    {
        while (seenOrder.TryPeek(out var oldest) && oldest.Time + dedupWindow < watermark)
        {
            seenOrder.Dequeue();
            seen.Remove(oldest.Id);
        }

        foreach (var key in throttled.Where(t => t.Value.Until < watermark && t.Value.Suppressed == 0).Select(t => t.Key).ToList())
        {
            throttled.Remove(key);
        }
    }
}
