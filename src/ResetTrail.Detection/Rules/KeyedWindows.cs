using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// A rule's state: per key, the observations of the last window. Bounded twice: at most <c>maxPerKey</c> per key
/// (the oldest goes) and at most <c>maxKeys</c> keys (a new key is refused until eviction frees room); each time a
/// bound bites it is counted in <see cref="EngineStats.StateCapHits"/>.
/// </summary>
internal sealed class KeyedWindows(int maxKeys, int maxPerKey, EngineStats stats)
{
    private readonly Dictionary<string, List<Observation>> keys = new(StringComparer.Ordinal);

    public int KeyCount => keys.Count;

    public bool Add(string key, Observation o)
    {
        if (!keys.TryGetValue(key, out var list))
        {
            if (keys.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return false;
            }

            list = [];
            keys[key] = list;
        }
        else if (list.Count >= maxPerKey)
        {
            stats.StateCapHits++;
            list.RemoveAt(0);
        }

        list.Add(o);
        return true;
    }

    public IReadOnlyList<Observation> Get(string key) => keys.TryGetValue(key, out var list) ? list : [];

    public void Remove(string key) => keys.Remove(key);

    /// <summary>Drops observations of <paramref name="key"/> older than <paramref name="since"/>.</summary>
    public void Trim(string key, DateTimeOffset since)
    {
        if (keys.TryGetValue(key, out var list))
        {
            Trim(list, since);
            if (list.Count == 0)
            {
                keys.Remove(key);
            }
        }
    }

    /// <summary>Drops every observation older than <paramref name="since"/>, and keys left empty.</summary>
    public void Evict(DateTimeOffset since)
    {
        List<string>? empty = null;
        foreach (var (key, list) in keys)
        {
            Trim(list, since);
            if (list.Count == 0)
            {
                (empty ??= []).Add(key);
            }
        }

        foreach (var key in empty ?? [])
        {
            keys.Remove(key);
        }
    }

    private static void Trim(List<Observation> list, DateTimeOffset since)
    {
        var old = 0;
        while (old < list.Count && list[old].Time < since)
        {
            old++;
        }

        if (old > 0)
        {
            list.RemoveRange(0, old);
        }
    }
}
