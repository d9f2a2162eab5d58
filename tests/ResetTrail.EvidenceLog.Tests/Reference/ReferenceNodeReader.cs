using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tests.Reference;

/// <summary>
/// Answers perfect-node reads by computing each node literally as MTH of the leaves it covers, and
/// refuses any node that is not inside the committed tree, which a proof plan must never ask for.
/// </summary>
internal sealed class ReferenceNodeReader(ReferenceMerkleTree tree, int size) : INodeReader
{
    public List<NodeId> Asked { get; } = [];

    public void ReadNodes(IReadOnlyList<NodeId> nodes, Span<byte> hashes)
    {
        Asked.AddRange(nodes);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.EndLeaf > (ulong)size)
            {
                throw new InvalidOperationException($"{node} is not inside a tree of {size} leaves");
            }

            tree.Mth((int)node.FirstLeaf, (int)node.EndLeaf).CopyTo(hashes.Slice(i * 32, 32));
        }
    }
}
