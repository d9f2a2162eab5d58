namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// A perfect subtree of the log: the node at <paramref name="Level"/> (0 = leaves) and position
/// <paramref name="Index"/> on that level, covering leaves [Index·2^Level, (Index+1)·2^Level).
/// </summary>
public readonly record struct NodeId(int Level, ulong Index)
{
    public ulong FirstLeaf => Index << Level;

    public ulong EndLeaf => (Index + 1) << Level;

    public override string ToString() => $"node {Level}/{Index}";
}
