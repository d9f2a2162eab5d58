using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

/// <summary>Reads hash tiles from log_tiles on one connection (and transaction, when inside one).</summary>
internal sealed class SqliteTileReader(SqliteConnection connection, Func<SqliteTransaction?> transaction) : ITileReader
{
    private SqliteCommand? command;

    public IReadOnlyList<byte[]> ReadTiles(IReadOnlyList<TileId> tiles)
    {
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = "SELECT hashes FROM log_tiles WHERE level = $level AND idx = $idx";
            command.Parameters.Add("$level", SqliteType.Integer);
            command.Parameters.Add("$idx", SqliteType.Integer);
        }

        command.Transaction = transaction();
        var rows = new byte[tiles.Count][];
        for (var i = 0; i < tiles.Count; i++)
        {
            command.Parameters[0].Value = tiles[i].Level;
            command.Parameters[1].Value = checked((long)tiles[i].Index);
            rows[i] = command.ExecuteScalar() as byte[]
                ?? throw new InvalidDataException($"{tiles[i]} is missing from log_tiles: the database is damaged; run 'resettrail log verify'");
        }

        return rows;
    }
}
