namespace ResetTrail.Ingestion.Events;

/// <summary>
/// Drops an event read again (same source and id, <see cref="EventKey"/>) in bounded memory: exactly for credential
/// changes, whose repeats would repeat findings (every key is kept: 8 bytes plus set overhead per change, a few MB per
/// hundred thousand), and within a sliding window of the last <c>window</c> other events, whose repeats only change
/// counts (a fixed ring and set, about 1.5 MB at the default 65,536). A repeat of a non-credential event further
/// back than the window is counted twice; ADR 0014 says why that trade is taken.
/// </summary>
public sealed class RepeatFilter
{
    public const int DefaultWindow = 1 << 16;

    private readonly HashSet<ulong> changes = [];
    private readonly HashSet<ulong> recent;
    private readonly ulong[] ring;
    private int next;
    private int filled;

    public RepeatFilter(int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ring = new ulong[window];
        recent = new HashSet<ulong>(window);
    }

    /// <summary>Whether this key was seen before (and, when not, remembers it).</summary>
    public bool IsRepeat(ulong key, bool credentialChange)
    {
        if (credentialChange)
        {
            return !changes.Add(key);
        }

        if (recent.Contains(key))
        {
            return true;
        }

        if (filled == ring.Length)
        {
            recent.Remove(ring[next]);
        }
        else
        {
            filled++;
        }

        ring[next] = key;
        recent.Add(key);
        next = (next + 1) % ring.Length;
        return false;
    }
}
