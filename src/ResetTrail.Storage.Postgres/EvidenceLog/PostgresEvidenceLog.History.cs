using Npgsql;
using NpgsqlTypes;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>
    /// Replaces the checkpoint and key history with another store's, for a copy of an installation whose entries were
    /// re-appended here: afterwards every checkpoint the original published is here, byte for byte, signed by the keys
    /// that signed it. Refused unless the history ends at this log's size and root and its last key is this log's
    /// signing key; the caller audits the result against the original's keys.
    /// </summary>
    public void ImportHistory(IEnumerable<StoredCheckpoint> checkpoints, IReadOnlyList<KeyHistoryEntry> keys)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys[^1].Key.ToString() != Verifier.ToString())
        {
            throw new InvalidOperationException($"the imported key history must end with this log's signing key ({Verifier})");
        }

        WithinAppend(scope =>
        {
            var size = scope.Size;
            var current = LatestCheckpoint();
            Migrations.Execute(scope.Connection, "DELETE FROM log_checkpoints; DELETE FROM log_keys");
            StoredCheckpoint? last = null;
            using (var import = scope.Connection.BeginBinaryImport("COPY log_checkpoints (size, root, note, signed_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var checkpoint in checkpoints)
                {
                    import.StartRow();
                    import.Write(checked((long)checkpoint.Size), NpgsqlDbType.Bigint);
                    import.Write(checkpoint.RootHash, NpgsqlDbType.Bytea);
                    import.Write(checkpoint.SignedNote, NpgsqlDbType.Text);
                    import.Write(checkpoint.SignedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    last = checkpoint;
                }

                import.Complete();
            }

            if (last is null || last.Size != size || !last.RootHash.AsSpan().SequenceEqual(current.RootHash))
            {
                throw new InvalidOperationException($"the imported checkpoints end at size {last?.Size}, not at this log's size {size} and root");
            }

            foreach (var key in keys)
            {
                scope.Queue(
                    "INSERT INTO log_keys (vkey, added_at, retired_at) VALUES ($1, $2, $3)",
                    new NpgsqlParameter<string> { TypedValue = key.Key.ToString() },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = key.AddedAt.ToUniversalTime() },
                    new NpgsqlParameter { Value = key.RetiredAt?.ToUniversalTime() is { } retired ? retired : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            }

            return size;
        });
        verifiers = LoadVerifiers(DataSource);
    }
}
