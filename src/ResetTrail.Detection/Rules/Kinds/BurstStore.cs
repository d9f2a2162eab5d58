using System.Runtime.InteropServices;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// The windows every instance of one burst rule reads (ADR 0044): per key, the matching observations of the
/// longest member window, each with its counted value and which members' allow-lists exempt it. An observation is
/// stored once however many instances read it; each instance reads its own view (its window, its allow-list, what
/// it has not alerted on yet). Bounded like <see cref="KeyedWindows"/>: at most <c>maxPerKey</c> per key and
/// <c>maxKeys</c> keys, counted when hit.
/// </summary>
internal sealed class BurstStore(int maxKeys, int maxPerKey, EngineStats stats) : IFull
{
    /// <summary>Members are told apart by one bit of <see cref="Entry.AllowedBy"/>.</summary>
    public const int MaxMembers = 64;

    private readonly List<BurstRule> members = [];
    private readonly Dictionary<string, KeyWindow> keys = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Time, string Key)> arrivals = new();
    private TimeSpan longest;
    private long sequence;
    private Observation? lastObservation;
    private KeyWindow? lastWindow;
    private DateTimeOffset lastEvicted = DateTimeOffset.MinValue;

    public bool IsFull => members.Count >= MaxMembers;

    /// <summary>
    /// One stored observation: its value and the value's slot in its key's window (equal values, equal slots), its place
    /// in arrival order, and a bit per member whose allow-list exempts it.
    /// </summary>
    public readonly record struct Entry(Observation Observation, string Value, int Slot, long Sequence, ulong AllowedBy)
    {
        /// <summary>The observation's time, kept beside it so window searches read the window's array only.</summary>
        public DateTimeOffset Time { get; } = Observation.Time;
    }

    /// <summary>A slot set the members reuse to count distinct values without hashing them (one thread: the engine's).</summary>
    public SlotSet Scratch { get; } = new();

    public int Join(BurstRule member)
    {
        members.Add(member);
        longest = longest > member.Window ? longest : member.Window;
        return members.Count - 1;
    }

    /// <summary>
    /// Stores <paramref name="o"/> under <paramref name="key"/> unless a member already did for this observation, and
    /// returns the key's window (null when the key cap refused a new key).
    /// </summary>
    public KeyWindow? Append(string key, Observation o, string value)
    {
        if (ReferenceEquals(o, lastObservation))
        {
            return lastWindow;
        }

        lastObservation = o;
        lastWindow = null;
        if (!keys.TryGetValue(key, out var window))
        {
            if (keys.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return null;
            }

            window = new KeyWindow();
            keys[key] = window;
        }

        window.TrimBefore(o.Time - longest);
        if (window.Entries.Count >= maxPerKey)
        {
            stats.StateCapHits++;
            window.RemoveOldest();
        }

        var allowedBy = 0UL;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].IsAllowed(o))
            {
                allowedBy |= 1UL << i;
            }
        }

        window.Add(o, value, ++sequence, allowedBy);
        arrivals.Enqueue((o.Time, key));
        lastWindow = window;
        return window;
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
            if (!keys.TryGetValue(oldest.Key, out var window))
            {
                continue;
            }

            window.TrimBefore(since);
            if (window.Entries.Count == 0)
            {
                keys.Remove(oldest.Key);
                if (ReferenceEquals(window, lastWindow))
                {
                    lastWindow = null;
                    lastObservation = null;
                }
            }
        }
    }

    /// <summary>
    /// One key's entries, oldest first, and per value how many of them carry it (an upper bound on any member's distinct
    /// count) and its slot: a small number free while no entry holds the value, so slots stay below the entries held.
    /// </summary>
    public sealed class KeyWindow
    {
        private readonly Dictionary<string, (int Count, int Slot)> values = new(StringComparer.Ordinal);
        private readonly Stack<int> freeSlots = new();
        private long[] latest = new long[8];
        private long[]? startedOver;

        public WindowDeque<Entry> Entries { get; } = new();

        /// <summary>Every member whose allow-list exempts some entry held (or held before: it only grows while the key lives).</summary>
        public ulong AllowedByAny { get; private set; }

        /// <summary>
        /// How many distinct values have an entry at or after <paramref name="sequence"/>: a value's newest entry
        /// decides, so this visits the values, not the entries.
        /// </summary>
        public int DistinctSince(long sequence)
        {
            var count = 0;
            var slots = values.Count + freeSlots.Count;
            for (var slot = 0; slot < slots; slot++)
            {
                if (latest[slot] >= sequence)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The index of the first entry at or after <paramref name="since"/> (entries are in time order), or Count.</summary>
        public int FirstAtOrAfter(DateTimeOffset since)
        {
            int low = 0, high = Entries.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (Entries[middle].Time < since)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>
        /// The sequence number of the newest entry member <paramref name="member"/> last alerted on in this key, or
        /// <see cref="long.MinValue"/>: its view starts after it. The mark lives as long as the key's window; a window
        /// made again later holds only entries numbered after any mark the old one had.
        /// </summary>
        public long StartedOver(int member) => startedOver is { } marks && member < marks.Length ? marks[member] : long.MinValue;

        /// <summary>Member <paramref name="member"/> alerted on everything up to <paramref name="sequence"/>.</summary>
        public void StartOver(int member, long sequence)
        {
            if (startedOver is null || member >= startedOver.Length)
            {
                var grown = new long[member + 1];
                Array.Fill(grown, long.MinValue);
                startedOver?.CopyTo(grown, 0);
                startedOver = grown;
            }

            startedOver[member] = sequence;
        }

        /// <summary>Distinct values held; no member's view, a part of these entries, can count more.</summary>
        public int DistinctValues => values.Count;

        public void Add(Observation o, string value, long sequence, ulong allowedBy)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(values, value, out var exists);
            if (!exists)
            {
                held.Slot = freeSlots.TryPop(out var free) ? free : values.Count - 1;
            }

            held.Count++;
            if (held.Slot >= latest.Length)
            {
                Array.Resize(ref latest, latest.Length * 2);
            }

            latest[held.Slot] = sequence;
            AllowedByAny |= allowedBy;
            Entries.Add(new Entry(o, value, held.Slot, sequence, allowedBy));
        }

        public void TrimBefore(DateTimeOffset since)
        {
            while (Entries.Count > 0 && Entries.First.Time < since)
            {
                RemoveOldest();
            }
        }

        public void RemoveOldest()
        {
            var value = Entries.First.Value;
            Entries.RemoveFirst();
            ref var held = ref CollectionsMarshal.GetValueRefOrNullRef(values, value);
            if (--held.Count == 0)
            {
                freeSlots.Push(held.Slot);
                values.Remove(value);
            }
        }
    }
}
