namespace ResetTrail.Bench.Harness;

/// <summary>
/// Evidence-record-sized entries: 100 bytes, the size the figures are quoted for. The first 8 bytes
/// are the entry's number, so entries built by <see cref="Make"/> are distinct.
/// </summary>
internal static class Entries
{
    public const int Size = 100;

    public static byte[] Make(ulong number, SplitMix64 random)
    {
        var entry = new byte[Size];
        BitConverter.TryWriteBytes(entry, number);
        random.Fill(entry.AsSpan(8));
        return entry;
    }

    public static byte[][] Pool(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        return [.. Enumerable.Range(0, count).Select(i => Make((ulong)i, random))];
    }
}
