namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// A set of small non-negative numbers (a key window's value slots), cleared in O(1): each slot remembers the
/// generation that last added it. Lets a burst rule count distinct values without hashing strings.
/// </summary>
internal sealed class SlotSet
{
    private int[] marks = new int[64];
    private int generation = 1;

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        if (++generation == int.MaxValue)
        {
            Array.Clear(marks);
            generation = 1;
        }
    }

    /// <summary>Adds <paramref name="slot"/>; false when it was already in the set.</summary>
    public bool Add(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (slot >= marks.Length)
        {
            Array.Resize(ref marks, Math.Max(slot + 1, marks.Length * 2));
        }

        if (marks[slot] == generation)
        {
            return false;
        }

        marks[slot] = generation;
        Count++;
        return true;
    }
}
