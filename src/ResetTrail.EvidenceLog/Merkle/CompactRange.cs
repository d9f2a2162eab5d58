namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// The right border of a growing tree: the roots of the perfect subtrees that cover [0, size),
/// largest first (one per set bit of size). Appending a leaf merges equal-sized neighbours, which
/// is how the log computes every new interior node exactly once, and the root folds the border
/// from the right.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> hashes = [];

    public ulong Size { get; private set; }

    public static CompactRange FromBorder(ulong size, IReadOnlyList<byte[]> borderHashes)
    {
        var range = new CompactRange();
        var border = BorderNodes(size);
        if (border.Count != borderHashes.Count)
        {
            throw new ArgumentException($"size {size} has {border.Count} border nodes, got {borderHashes.Count}", nameof(borderHashes));
        }

        range.hashes.AddRange(borderHashes.Select(h => (byte[])h.Clone()));
        range.Size = size;
        return range;
    }

    /// <summary>The perfect nodes whose hashes make up the border of a tree of <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<NodeId> BorderNodes(ulong size)
    {
        var nodes = new List<NodeId>();
        ProofPlan.Decompose(0, size, nodes);
        return nodes;
    }

    /// <summary>
    /// Appends one leaf hash. <paramref name="onNode"/> sees every perfect node that becomes complete,
    /// the leaf itself first, then each merged parent upwards; each hash array is its own and is
    /// never changed afterwards, so the callback may keep it.
    /// </summary>
    public void Append(ReadOnlySpan<byte> leafHash, Action<NodeId, byte[]>? onNode = null)
    {
        var hash = leafHash.ToArray();
        var index = Size;
        var level = 0;
        onNode?.Invoke(new NodeId(0, index), hash);
        while (((index >> level) & 1) == 1)
        {
            var left = hashes[^1];
            hashes.RemoveAt(hashes.Count - 1);
            hash = Rfc6962.HashChildren(left, hash);
            level++;
            onNode?.Invoke(new NodeId(level, index >> level), hash);
        }

        hashes.Add(hash);
        Size++;
    }

    public byte[] Root()
    {
        if (hashes.Count == 0)
        {
            return Rfc6962.EmptyRoot.ToArray();
        }

        var root = (byte[])hashes[^1].Clone();
        for (var i = hashes.Count - 2; i >= 0; i--)
        {
            Rfc6962.HashChildren(hashes[i], root, root);
        }

        return root;
    }

    public CompactRange Clone() => FromBorder(Size, hashes);
}
