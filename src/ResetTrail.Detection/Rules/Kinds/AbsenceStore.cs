using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// What every instance of one absence rule remembers (ADR 0048, as <see cref="SequenceStore"/> for sequences): the
/// triggers still unanswered per key, each stored once with a bit per member that waits on it (a member does not wait
/// on what its allow-list exempts); the answers of the look-back, which no member's settings change; and every
/// trigger in arrival order, which each member walks with a cursor as its own deadline (trigger time plus its window)
/// passes. An answer clears its key for every member, as it did for each alone. Bounded like
/// <see cref="KeyedWindows"/>: at most <c>maxPerKey</c> triggers per key and <c>maxKeys</c> keys, counted when hit.
/// </summary>
internal sealed class AbsenceStore(int maxKeys, int maxPerKey, EngineStats stats) : IFull
{
    public const int MaxMembers = 64;

    private readonly Dictionary<string, WindowDeque<Entry>> pending = new(StringComparer.Ordinal);
    private readonly WindowDeque<(string Key, Observation Trigger)> triggers = new();
    private int members;
    private TimeSpan longest;
    private long firstTrigger; // the arrival number of triggers[0]
    private Observation? answered; // the last observation whose answer every member has seen
    private DateTimeOffset currentSweep = DateTimeOffset.MinValue;
    private DateTimeOffset previousSweep = DateTimeOffset.MinValue;

    public bool IsFull => members >= MaxMembers;

    /// <summary>Answers kept for the look-back (an answer shortly before the trigger also counts).</summary>
    public KeyedWindows Answers { get; } = new(maxKeys, maxPerKey, stats);

    /// <summary>The arrival number the next trigger gets: a new member's cursor starts there.</summary>
    public long NextTrigger => firstTrigger + triggers.Count;

    private readonly record struct Entry(Observation Trigger, ulong Members);

    /// <summary>Joins a member with its window; returns its bit.</summary>
    public ulong Join(TimeSpan window)
    {
        longest = longest > window ? longest : window;
        return 1UL << members++;
    }

    /// <summary>
    /// Whether <paramref name="o"/> is new to the answer bookkeeping: the first member to see an observation clears
    /// (and, with a look-back, remembers) the key it answers; the others find it done.
    /// </summary>
    public bool FirstToAnswer(Observation o)
    {
        if (ReferenceEquals(o, answered))
        {
            return false;
        }

        answered = o;
        return true;
    }

    /// <summary>An answer on <paramref name="key"/>: no member waits on its triggers any more.</summary>
    public void Answer(string key) => pending.Remove(key);

    /// <summary>Member <paramref name="bit"/> waits on trigger <paramref name="o"/> of <paramref name="key"/>; false when the key cap refused it.</summary>
    public bool Wait(string key, Observation o, ulong bit)
    {
        if (!pending.TryGetValue(key, out var window))
        {
            if (pending.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return false;
            }

            window = new WindowDeque<Entry>();
            pending[key] = window;
        }
        else if (window.Count > 0 && ReferenceEquals(window.Last.Trigger, o))
        {
            // Members run one after another on each observation: another one waits on it already.
            window.SetLast(window.Last with { Members = window.Last.Members | bit });
            return true;
        }
        else if (window.Count >= maxPerKey)
        {
            stats.StateCapHits++;
            window.RemoveFirst();
        }

        window.Add(new Entry(o, bit));
        triggers.Add((key, o));
        return true;
    }

    /// <summary>
    /// The trigger numbered <paramref name="number"/>, or false once the member has read every trigger. A number
    /// already dropped (<see cref="Sweep"/> never drops one a member has not passed) moves up to the first kept.
    /// </summary>
    public bool TryTrigger(ref long number, out string key, out Observation trigger)
    {
        number = Math.Max(number, firstTrigger);
        var index = number - firstTrigger;
        if (index >= triggers.Count)
        {
            (key, trigger) = (string.Empty, null!);
            return false;
        }

        (key, trigger) = triggers[(int)index];
        return true;
    }

    /// <summary>Whether member <paramref name="bit"/> still waits on <paramref name="trigger"/> of <paramref name="key"/> (no answer came).</summary>
    public bool Waits(string key, Observation trigger, ulong bit)
    {
        if (!pending.TryGetValue(key, out var window))
        {
            return false;
        }

        for (var i = window.Count - 1; i >= 0; i--)
        {
            var entry = window[i];
            if (ReferenceEquals(entry.Trigger, trigger))
            {
                return (entry.Members & bit) != 0;
            }
        }

        return false;
    }

    /// <summary>
    /// Drops what every member has decided. Members expire one after another at each sweep, so a trigger goes only
    /// once it is older than the longest window before the <em>previous</em> sweep: every member's deadline for it had
    /// passed then, and each decided it in that sweep or an earlier one.
    /// </summary>
    public void Sweep(DateTimeOffset watermark, TimeSpan lookBack)
    {
        if (watermark <= currentSweep)
        {
            return;
        }

        previousSweep = currentSweep;
        currentSweep = watermark;
        Answers.Evict(watermark - lookBack);
        if (previousSweep == DateTimeOffset.MinValue)
        {
            return;
        }

        var since = previousSweep - longest;
        while (triggers.Count > 0 && triggers.First.Trigger.Time < since)
        {
            var key = triggers.First.Key;
            triggers.RemoveFirst();
            firstTrigger++;
            if (pending.TryGetValue(key, out var window))
            {
                while (window.Count > 0 && window.First.Trigger.Time < since)
                {
                    window.RemoveFirst();
                }

                if (window.Count == 0)
                {
                    pending.Remove(key);
                }
            }
        }
    }
}
