using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Engine;

/// <summary>
/// Deduplicates (an alert id seen within the dedup window is dropped) and throttles (one alert per rule and subject
/// per throttle period; the next one says how many were held back). Periods run on event time, so a replay of the
/// same input gives the same alerts. Both memories are bounded by expiry.
/// </summary>
internal sealed class AlertGate(TimeSpan dedupWindow, EngineStats stats)
{
    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Time)> seenOrder = new();
    private readonly Dictionary<(string Rule, string Subject), (DateTimeOffset Until, int Suppressed)> throttled = [];

    public bool Admit(Alert alert, TimeSpan throttle, out int suppressed)
    {
        suppressed = 0;
        if (seen.ContainsKey(alert.Id))
        {
            stats.Deduplicated++;
            return false;
        }

        seen[alert.Id] = alert.Time;
        seenOrder.Enqueue((alert.Id, alert.Time));
        var key = (alert.Rule.Id, alert.Subject);
        if (throttled.TryGetValue(key, out var state) && alert.Time < state.Until)
        {
            throttled[key] = state with { Suppressed = state.Suppressed + 1 };
            stats.Throttled++;
            return false;
        }

        suppressed = state.Suppressed;
        throttled[key] = (alert.Time + throttle, 0);
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
