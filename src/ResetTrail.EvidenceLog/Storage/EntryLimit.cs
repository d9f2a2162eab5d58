namespace ResetTrail.EvidenceLog.Storage;

/// <summary>
/// The size every backend allows an entry: entries are evidence records, not artifacts (artifacts are stored by hash
/// elsewhere). Checked before anything is written, with the same message on every backend.
/// </summary>
public static class EntryLimit
{
    public const int MaxBytes = 1 << 20;

    /// <summary>Refuses an empty batch or one holding an entry over the limit, naming the entry.</summary>
    public static void CheckBatch(IReadOnlyList<byte[]> entries, string parameter)
    {
        ArgumentNullException.ThrowIfNull(entries, parameter);
        if (entries.Count == 0)
        {
            throw new ArgumentException("nothing to append", parameter);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Length > MaxBytes)
            {
                throw new ArgumentException($"entry {i} has {entries[i].Length} bytes; the limit is {MaxBytes}", parameter);
            }
        }
    }

    /// <summary>Refuses one entry over the limit.</summary>
    public static void CheckOne(byte[] entry, string parameter)
    {
        ArgumentNullException.ThrowIfNull(entry, parameter);
        if (entry.Length > MaxBytes)
        {
            throw new ArgumentException($"an entry has {entry.Length} bytes; the limit is {MaxBytes}", parameter);
        }
    }
}
