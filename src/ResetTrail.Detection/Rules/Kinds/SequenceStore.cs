using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// What every instance of one sequence rule remembers (ADR 0045, as <see cref="BurstStore"/> for bursts): per step and
/// key, the observations instances kept for that step within the longest member window, each stored once with a bit
/// per member that kept it (a member does not keep what its allow-list exempts, nor the event that completed its
/// sequence) and a sequence number. Each member reads its own view: its bit, its window, after it last completed on
/// the key. Bounded like <see cref="KeyedWindows"/>: at most <c>maxPerKey</c> per step and key and <c>maxKeys</c> keys
/// per step, counted when hit.
/// </summary>
internal sealed class SequenceStore(int stepCount, int maxKeys, int maxPerKey, EngineStats stats) : IFull
{
    public const int MaxMembers = 64;

    private readonly Dictionary<string, WindowDeque<Entry>>[] steps =
        [.. Enumerable.Range(0, stepCount).Select(_ => new Dictionary<string, WindowDeque<Entry>>(StringComparer.Ordinal))];

    private readonly Queue<(DateTimeOffset Time, int Step, string Key, WindowDeque<Entry> Window)> arrivals = new();
    private int members;
    private TimeSpan longest;
    private DateTimeOffset lastEvicted = DateTimeOffset.MinValue;
    private Observation? current; // the observation the newest entries belong to
    private long beforeCurrent; // the sequence number before its first entry

    public bool IsFull => members >= MaxMembers;

    /// <summary>The highest sequence number given so far: everything stored now is at or below it.</summary>
    public long Sequence { get; private set; }

    /// <summary>One kept observation, its place in arrival order, and a bit per member that kept it.</summary>
    public readonly record struct Entry(Observation Observation, long Number, ulong Members);

    /// <summary>
    /// The mark a member sets when it alerts on <paramref name="o"/>: everything stored before <paramref name="o"/> is
    /// behind it, and entries of <paramref name="o"/> itself (another member may have stored one already, which this
    /// member then joins) stay in front.
    /// </summary>
    public long MarkBefore(Observation o) => ReferenceEquals(o, current) ? beforeCurrent : Sequence;

    /// <summary>Joins a member with its window; returns its bit.</summary>
    public ulong Join(TimeSpan window)
    {
        longest = longest > window ? longest : window;
        return 1UL << members++;
    }

    /// <summary>Member <paramref name="bit"/> keeps <paramref name="o"/> for step <paramref name="step"/> of <paramref name="key"/>.</summary>
    public void Keep(int step, string key, Observation o, ulong bit)
    {
        var keys = steps[step];
        if (!keys.TryGetValue(key, out var window))
        {
            if (keys.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return;
            }

            window = new WindowDeque<Entry>();
            keys[key] = window;
        }
        else if (window.Count > 0 && ReferenceEquals(window.Last.Observation, o))
        {
            // Members run one after another on each observation: another one kept it already.
            window.SetLast(window.Last with { Members = window.Last.Members | bit });
            return;
        }
        else if (window.Count >= maxPerKey)
        {
            stats.StateCapHits++;
            window.RemoveFirst();
        }

        if (!ReferenceEquals(o, current))
        {
            current = o;
            beforeCurrent = Sequence;
        }

        window.Add(new Entry(o, ++Sequence, bit));
        arrivals.Enqueue((o.Time, step, key, window));
    }

    /// <summary>
    /// The newest observation member <paramref name="bit"/> kept for <paramref name="step"/> of <paramref name="key"/>,
    /// numbered after <paramref name="after"/>, at or between the two times, other than <paramref name="except"/>.
    /// </summary>
    public Observation? Latest(int step, string key, ulong bit, long after, DateTimeOffset notBefore, DateTimeOffset notAfter, Observation except)
    {
        if (!steps[step].TryGetValue(key, out var window))
        {
            return null;
        }

        for (var i = window.Count - 1; i >= 0; i--)
        {
            var entry = window[i];
            if (entry.Number <= after || entry.Observation.Time < notBefore)
            {
                return null;
            }

            if ((entry.Members & bit) != 0 && entry.Observation.Time <= notAfter && !ReferenceEquals(entry.Observation, except))
            {
                return entry.Observation;
            }
        }

        return null;
    }

    /// <summary>Drops what is older than the longest member window before <paramref name="watermark"/>; once per watermark.</summary>
    public void Evict(DateTimeOffset watermark)
    {
        if (watermark <= lastEvicted)
        {
            return;
        }

        lastEvicted = watermark;
        var since = watermark - longest;
        while (arrivals.TryPeek(out var oldest) && oldest.Time < since)
        {
            arrivals.Dequeue();
            var window = oldest.Window;
            while (window.Count > 0 && window.First.Observation.Time < since)
            {
                window.RemoveFirst();
            }

            if (window.Count == 0 && steps[oldest.Step].TryGetValue(oldest.Key, out var current) && ReferenceEquals(current, window))
            {
                steps[oldest.Step].Remove(oldest.Key);
            }
        }
    }
}
