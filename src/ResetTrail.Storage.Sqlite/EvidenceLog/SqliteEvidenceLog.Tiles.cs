using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

public sealed partial class SqliteEvidenceLog
{
    /// <summary>
    /// The first <paramref name="width"/> hashes of a stored hash tile, as C2SP tlog-tiles serves them, or null
    /// when the log does not hold that many yet. A stored tile only grows, so a prefix of it never changes.
    /// </summary>
    public byte[]? ReadTile(TileId tile, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, TileId.Width);
        using var read = reads.Rent();
        var command = read.Connection.Prepared(null, "SELECT hashes FROM log_tiles WHERE level = $level AND idx = $idx");
        command.Parameters.AddWithValue("$level", tile.Level);
        command.Parameters.AddWithValue("$idx", checked((long)tile.Index));
        var bytes = width * ResetTrail.EvidenceLog.Merkle.Rfc6962.HashSize;
        return command.ExecuteScalar() is byte[] stored && stored.Length >= bytes ? stored[..bytes] : null;
    }
}
