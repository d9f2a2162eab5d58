namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>Reads the stored hashes of perfect subtrees, in the order asked.</summary>
public interface INodeReader
{
    /// <summary>
    /// Writes the hash of each node into <paramref name="hashes"/>, 32 bytes each, in the order of
    /// <paramref name="nodes"/>. Every node asked for is a perfect subtree of a tree the log has
    /// committed, so a missing node is a storage fault and is thrown, not returned.
    /// </summary>
    void ReadNodes(IReadOnlyList<NodeId> nodes, Span<byte> hashes);
}

public static class NodeReaderExtensions
{
    /// <summary>The hashes of <paramref name="nodes"/> as separate arrays, for callers off the hot path.</summary>
    public static IReadOnlyList<byte[]> ReadNodes(this INodeReader reader, IReadOnlyList<NodeId> nodes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(nodes);
        var buffer = new byte[nodes.Count * Rfc6962.HashSize];
        reader.ReadNodes(nodes, buffer);
        return [.. Enumerable.Range(0, nodes.Count).Select(i => buffer.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize).ToArray())];
    }
}
