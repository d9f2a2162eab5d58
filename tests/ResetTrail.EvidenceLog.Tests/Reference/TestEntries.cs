namespace ResetTrail.EvidenceLog.Tests.Reference;

/// <summary>Seeded log entries: the same bytes on every run, so a failure can be replayed.</summary>
internal static class TestEntries
{
    public static List<byte[]> Random(int count, int seed)
    {
        var random = new Random(seed);
        var entries = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = new byte[random.Next(0, 48)];
            random.NextBytes(entry);
            entries.Add(entry);
        }

        return entries;
    }
}
