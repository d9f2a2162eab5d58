namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>Reads the stored hashes of perfect subtrees, in the order asked.</summary>
public interface INodeReader
{
    /// <summary>
    /// Returns the hash of each node, in the order of <paramref name="nodes"/>. Every node asked for
    /// is a perfect subtree of a tree the log has committed, so a missing node is a storage fault
    /// and is thrown, not returned.
    /// </summary>
    IReadOnlyList<byte[]> ReadNodes(IReadOnlyList<NodeId> nodes);
}
