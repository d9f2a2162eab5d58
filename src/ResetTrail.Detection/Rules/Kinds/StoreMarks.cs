namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// One member's marks in a <see cref="SequenceStore"/>: per key, the store's number when the member last alerted on it
/// (its view of the key starts after) and that time. A mark is forgotten once everything kept before it has left the
/// member's window.
/// </summary>
internal sealed class StoreMarks
{
    private readonly Dictionary<string, (long Number, DateTimeOffset Time)> marks = new(StringComparer.Ordinal);

    /// <summary>The number the member's view of <paramref name="key"/> starts after; <see cref="long.MinValue"/> when unmarked.</summary>
    public long After(string key) => marks.TryGetValue(key, out var mark) ? mark.Number : long.MinValue;

    public void Set(string key, long number, DateTimeOffset time) => marks[key] = (number, time);

    /// <summary>Forgets the marks set before <paramref name="since"/> (the start of the member's window).</summary>
    public void Forget(DateTimeOffset since)
    {
        foreach (var (key, mark) in marks)
        {
            if (mark.Time < since)
            {
                marks.Remove(key); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }
    }
}
