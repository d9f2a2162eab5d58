using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// A rule's state: per key, the observations of the last window. Bounded twice: at most <c>maxPerKey</c> per key
/// (the oldest goes) and at most <c>maxKeys</c> keys (a new key is refused until eviction frees room); each time a
/// bound bites it is counted in <see cref="EngineStats.StateCapHits"/>. Eviction visits only what has aged out: the
/// keys are remembered in the order observations arrived (event-time order), so a sweep pops from the front of that
/// order instead of walking every key.
/// </summary>
internal sealed class KeyedWindows(int maxKeys, int maxPerKey, EngineStats stats)
{
    private readonly Dictionary<string, WindowDeque<Observation>> keys = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Time, string Key, WindowDeque<Observation> Window)> arrivals = new();

    public bool Add(string key, Observation o)
    {
        if (!keys.TryGetValue(key, out var list))
        {
            if (keys.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return false;
            }

            list = new WindowDeque<Observation>();
            keys[key] = list;
        }
        else if (list.Count >= maxPerKey)
        {
            stats.StateCapHits++;
            list.RemoveFirst();
        }

        list.Add(o);
        arrivals.Enqueue((o.Time, key, list));
        return true;
    }

    /// <summary>
    /// The newest observation of <paramref name="key"/> at or between <paramref name="notBefore"/> and
    /// <paramref name="notAfter"/> other than <paramref name="except"/>, or null.
    /// </summary>
    public Observation? Latest(string key, DateTimeOffset notBefore, DateTimeOffset notAfter, Observation? except = null)
    {
        if (!keys.TryGetValue(key, out var list))
        {
            return null;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            var p = list[i];
            if (p.Time <= notAfter && p.Time >= notBefore && !ReferenceEquals(p, except))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="o"/> is still held under <paramref name="key"/>.</summary>
    public bool Contains(string key, Observation o)
    {
        if (!keys.TryGetValue(key, out var list))
        {
            return false;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(list[i], o))
            {
                return true;
            }
        }

        return false;
    }

    public void Remove(string key) => keys.Remove(key);

    /// <summary>Drops every observation older than <paramref name="since"/>, and keys left empty.</summary>
    public void Evict(DateTimeOffset since)
    {
        while (arrivals.TryPeek(out var oldest) && oldest.Time < since)
        {
            arrivals.Dequeue();

            // The window the observation went into; a window since removed (emptied, or cleared by Remove) is trimmed
            // to no effect, and only an emptied window costs a lookup of its key.
            var list = oldest.Window;
            while (list.Count > 0 && list.First.Time < since)
            {
                list.RemoveFirst();
            }

            if (list.Count == 0 && keys.TryGetValue(oldest.Key, out var current) && ReferenceEquals(current, list))
            {
                keys.Remove(oldest.Key);
            }
        }
    }
}
