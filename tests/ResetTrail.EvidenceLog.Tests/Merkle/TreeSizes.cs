namespace ResetTrail.EvidenceLog.Tests.Merkle;

/// <summary>
/// The tree sizes the randomized cross-checks run over: every size from 1 to 300, then sizes around
/// powers of two where the tree's shape changes.
/// </summary>
internal static class TreeSizes
{
    public const int Seed = 6962;

    public static readonly int[] Larger = [511, 512, 513, 1023, 1024, 1025, 4097];

    public static int Largest => Larger[^1];

    /// <summary>One list of entries shared by every size: a tree of size n is its first n entries.</summary>
    public static Reference.ReferenceMerkleTree Tree { get; } = new(Reference.TestEntries.Random(Largest, Seed));

    public static TheoryData<int> All()
    {
        var data = new TheoryData<int>();
        foreach (var size in Enumerable.Range(1, 300).Concat(Larger))
        {
            data.Add(size);
        }

        return data;
    }
}
