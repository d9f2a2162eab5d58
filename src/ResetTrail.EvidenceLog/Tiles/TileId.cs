using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tiles;

/// <summary>
/// A C2SP tlog-tiles hash tile: tile level L holds the hashes of tree level 8·L, up to 256 of them,
/// tile index N holding positions [256·N, 256·N + 256) on that level. Level 0 tiles hold leaf hashes.
/// </summary>
public readonly record struct TileId(int Level, ulong Index)
{
    public const int Height = 8;
    public const int Width = 1 << Height;

    /// <summary>The tile that stores the node, and the node's position in the tile's bottom row.</summary>
    public static (TileId Tile, int Offset, int Span) Locate(NodeId node)
    {
        var levelInTile = node.Level % Height;
        var bottomIndex = node.Index << levelInTile;
        return (new TileId(node.Level / Height, bottomIndex / Width), (int)(bottomIndex % Width), 1 << levelInTile);
    }

    /// <summary>The number of stored hashes the tile has in a tree of <paramref name="treeSize"/> leaves (0 to 256).</summary>
    public int WidthAt(ulong treeSize)
    {
        var onLevel = treeSize >> (Level * Height);
        var before = Index * Width;
        return onLevel <= before ? 0 : (int)Math.Min(Width, onLevel - before);
    }

    public override string ToString() => $"tile {Level}/{Index}";
}
