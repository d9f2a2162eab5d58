namespace ResetTrail.EvidenceLog.Tests.Merkle;

/// <summary>
/// Which leaves and older sizes the cross-checks try in a tree: the edges always, plus a few chosen
/// by a generator seeded with the size, so every run checks the same cases.
/// </summary>
internal static class Sample
{
    public static SortedSet<int> Indices(int size)
    {
        var random = new Random(TreeSizes.Seed + size);
        return [0, size - 1, size / 2, random.Next(size), random.Next(size), random.Next(size)];
    }

    /// <summary>Older tree sizes m with 1 ≤ m ≤ size.</summary>
    public static SortedSet<int> OldSizes(int size)
    {
        var random = new Random(TreeSizes.Seed - size);
        return [1, size, Math.Max(1, size - 1), Math.Max(1, size / 2), random.Next(1, size + 1), random.Next(1, size + 1), random.Next(1, size + 1)];
    }
}
