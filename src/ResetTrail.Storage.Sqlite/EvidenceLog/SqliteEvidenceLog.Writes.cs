using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

public sealed partial class SqliteEvidenceLog
{
    private SqliteCommand? insertEntry;
    private SqliteCommand? upsertTile;

    internal void InsertEntries(SqliteTransaction transaction, ulong firstIndex, IReadOnlyList<byte[]> entries, TileAppender appender)
    {
        if (insertEntry is null)
        {
            insertEntry = writer.CreateCommand();
            insertEntry.CommandText = "INSERT INTO log_entries (idx, entry) VALUES ($idx, $entry)";
            insertEntry.Parameters.Add("$idx", SqliteType.Integer);
            insertEntry.Parameters.Add("$entry", SqliteType.Blob);
        }

        insertEntry.Transaction = transaction;
        Span<byte> leaf = stackalloc byte[Rfc6962.HashSize];
        for (var i = 0; i < entries.Count; i++)
        {
            insertEntry.Parameters[0].Value = checked((long)firstIndex + i);
            insertEntry.Parameters[1].Value = entries[i];
            insertEntry.ExecuteNonQuery();
            Rfc6962.HashLeaf(entries[i], leaf);
            appender.Append(leaf);
        }
    }

    private void WriteTiles(SqliteTransaction transaction, IReadOnlyList<(TileId Tile, byte[] BottomRow)> tiles)
    {
        if (upsertTile is null)
        {
            upsertTile = writer.CreateCommand();
            upsertTile.CommandText = "INSERT OR REPLACE INTO log_tiles (level, idx, hashes) VALUES ($level, $idx, $hashes)";
            upsertTile.Parameters.Add("$level", SqliteType.Integer);
            upsertTile.Parameters.Add("$idx", SqliteType.Integer);
            upsertTile.Parameters.Add("$hashes", SqliteType.Blob);
        }

        upsertTile.Transaction = transaction;
        foreach (var (tile, row) in tiles)
        {
            upsertTile.Parameters[0].Value = tile.Level;
            upsertTile.Parameters[1].Value = checked((long)tile.Index);
            upsertTile.Parameters[2].Value = row;
            upsertTile.ExecuteNonQuery();
        }
    }

    private void InsertCheckpoint(SqliteTransaction transaction, StoredCheckpoint checkpoint) =>
        InsertCheckpoint(writer, transaction, checkpoint);

    private static void InsertCheckpoint(SqliteConnection connection, SqliteTransaction transaction, StoredCheckpoint checkpoint)
    {
        var command = connection.Prepared(transaction, "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES ($size, $root, $note, $at)");
        command.Parameters.AddWithValue("$size", checked((long)checkpoint.Size));
        command.Parameters.AddWithValue("$root", checkpoint.RootHash);
        command.Parameters.AddWithValue("$note", checkpoint.SignedNote);
        command.Parameters.AddWithValue("$at", checkpoint.SignedAt.ToString("O"));
        command.ExecuteNonQuery();
    }
}
