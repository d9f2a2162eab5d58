using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tests.Reference;

/// <summary>
/// Answers perfect-node reads by computing each node literally as MTH of the leaves it covers, and
/// refuses any node that is not inside the committed tree, which a proof plan must never ask for.
/// </summary>
internal sealed class ReferenceNodeReader(ReferenceMerkleTree tree, int size) : INodeReader
{
    public List<NodeId> Asked { get; } = [];

    public IReadOnlyList<byte[]> ReadNodes(IReadOnlyList<NodeId> nodes)
    {
        Asked.AddRange(nodes);
        return nodes.Select(node =>
        {
            if (node.EndLeaf > (ulong)size)
            {
                throw new InvalidOperationException($"{node} is not inside a tree of {size} leaves");
            }

            return tree.Mth((int)node.FirstLeaf, (int)node.EndLeaf);
        }).ToList();
    }
}
