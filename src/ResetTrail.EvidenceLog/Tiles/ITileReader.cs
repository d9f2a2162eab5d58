namespace ResetTrail.EvidenceLog.Tiles;

/// <summary>Reads stored hash tiles; each backend answers with its own native queries.</summary>
public interface ITileReader
{
    /// <summary>
    /// Returns the stored bottom row of each tile (any width the store holds). A tile the log should
    /// have but the store lacks is a storage fault and is thrown.
    /// </summary>
    IReadOnlyList<byte[]> ReadTiles(IReadOnlyList<TileId> tiles);
}
