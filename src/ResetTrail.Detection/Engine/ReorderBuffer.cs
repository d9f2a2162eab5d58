namespace ResetTrail.Detection.Engine;

/// <summary>
/// Holds observations until the watermark (latest event time seen minus the allowed lateness) passes them, then
/// releases them in event-time order (arrival order among equal times). Bounded: when full, the oldest is released
/// early and counted.
/// </summary>
internal sealed class ReorderBuffer(TimeSpan lateness, int capacity, EngineStats stats)
{
    private readonly PriorityQueue<Observation, (DateTimeOffset Time, long Sequence)> queue = new();
    private long sequence;
    private DateTimeOffset latest = DateTimeOffset.MinValue;

    /// <summary>Everything at or before this has been released; later arrivals older than it are too late.</summary>
    public DateTimeOffset Watermark { get; private set; } = DateTimeOffset.MinValue;

    public int Count => queue.Count;

    /// <summary>False when the observation is older than the watermark (too late); otherwise buffered.</summary>
    public bool Add(Observation o)
    {
        if (o.Time < Watermark)
        {
            return false;
        }

        if (o.Time < latest)
        {
            stats.LateAccepted++;
        }
        else
        {
            latest = o.Time;
        }

        queue.Enqueue(o, (o.Time, sequence++));
        return true;
    }

    /// <summary>Time seen without an observation to hold (an event no rule reads): false when older than the watermark.</summary>
    public bool Advance(DateTimeOffset time)
    {
        if (time < Watermark)
        {
            return false;
        }

        if (time < latest)
        {
            stats.LateAccepted++;
        }
        else
        {
            latest = time;
        }

        return true;
    }

    /// <summary>Releases what the watermark has passed (and the oldest beyond capacity), in order.</summary>
    public void Release(Action<Observation> handle)
    {
        var mark = latest == DateTimeOffset.MinValue || latest - DateTimeOffset.MinValue < lateness ? DateTimeOffset.MinValue : latest - lateness;
        Drain(mark, handle);
    }

    /// <summary>Moves the watermark to <paramref name="mark"/> (a wall clock when input is idle) and releases what it passes.</summary>
    public void Drain(DateTimeOffset mark, Action<Observation> handle)
    {
        if (mark > Watermark)
        {
            Watermark = mark;
        }

        while (queue.TryPeek(out var o, out var key) && (key.Time <= Watermark || queue.Count > capacity))
        {
            queue.Dequeue();
            if (key.Time > Watermark)
            {
                stats.ForcedReleases++;
                Watermark = key.Time;
            }

            handle(o);
        }
    }

    /// <summary>End of input: releases everything; the watermark becomes the latest time seen.</summary>
    public void Flush(Action<Observation> handle) => Drain(latest, handle);
}
