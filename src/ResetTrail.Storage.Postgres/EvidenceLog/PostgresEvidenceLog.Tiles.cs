using Npgsql;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>
    /// The first <paramref name="width"/> hashes of a stored hash tile, or null when the log does not hold that many
    /// yet. Only the prefix leaves the database (substring on bytea), not the whole 8 KiB tile.
    /// </summary>
    public byte[]? ReadTile(TileId tile, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, TileId.Width);
        var bytes = width * Rfc6962.HashSize;
        using var connection = DataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            "SELECT substring(hashes FROM 1 FOR $3) FROM log_tiles WHERE level = $1 AND idx = $2 AND length(hashes) >= $3", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Level });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)tile.Index) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = bytes });
        return command.ExecuteScalar() as byte[];
    }
}
