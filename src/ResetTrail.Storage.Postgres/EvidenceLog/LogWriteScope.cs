using ResetTrail.EvidenceLog.Storage;
using Npgsql;
using NpgsqlTypes;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

/// <summary>
/// The inside of one sequencer transaction. Appends get their index and leaf hash at once; their rows, the
/// statements other tables queued, the hash tiles, the signed checkpoint and COMMIT then go to the server in one
/// batch, so a step costs one round trip after the lock (two when a large batch goes by binary COPY first).
/// </summary>
internal sealed class LogWriteScope(NpgsqlConnection connection, TileAppender appender)
{
    /// <summary>From this many entries on, rows go by binary COPY rather than one array insert.</summary>
    public const int CopyThreshold = 1024;

    private readonly ulong first = appender.Size;
    private readonly List<byte[]> pending = [];
    private readonly List<NpgsqlBatchCommand> queued = [];

    /// <summary>The open connection, inside the transaction, for reads.</summary>
    public NpgsqlConnection Connection { get; } = connection;

    /// <summary>The log's size including what this transaction appended so far.</summary>
    public ulong Size => appender.Size;

    public bool Appended => pending.Count > 0;

    /// <summary>Appends one entry and returns its index.</summary>
    public ulong Append(byte[] entry)
    {
        EntryLimit.CheckOne(entry, nameof(entry));

        var index = appender.Size;
        Span<byte> leaf = stackalloc byte[Rfc6962.HashSize];
        Rfc6962.HashLeaf(entry, leaf);
        appender.Append(leaf);
        pending.Add(entry);
        return index;
    }

    public void AppendBatch(IReadOnlyList<byte[]> entries)
    {
        foreach (var entry in entries)
        {
            Append(entry);
        }
    }

    /// <summary>Queues a write to run, in order, in the committing batch.</summary>
    public void Queue(string sql, params NpgsqlParameter[] parameters) => queued.Add(Statement(sql, parameters));

    public void Queue(NpgsqlBatchCommand command) => queued.Add(command);

    public NpgsqlCommand Command(string sql) => new(sql, Connection);

    /// <summary>
    /// Writes everything this transaction holds, then the tiles and checkpoint given, and commits. A
    /// <paramref name="prelude"/> (BEGIN, the lock, a guard) goes first in the same batch, for a one-round-trip append
    /// of fewer than <see cref="CopyThreshold"/> entries.
    /// </summary>
    public void Commit(IReadOnlyList<(TileId Tile, byte[] BottomRow)> tiles, Action<NpgsqlBatch>? checkpoint, IReadOnlyList<NpgsqlBatchCommand>? prelude = null)
    {
        using var batch = new NpgsqlBatch(Connection);
        foreach (var command in prelude ?? [])
        {
            batch.BatchCommands.Add(command);
        }

        if (pending.Count >= CopyThreshold)
        {
            if (prelude is not null)
            {
                throw new InvalidOperationException("a COPY cannot follow a prelude in one batch; append fewer entries per pipelined commit");
            }

            Copy();
        }
        else if (pending.Count > 0)
        {
            var indices = new long[pending.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = checked((long)first + i);
            }

            batch.BatchCommands.Add(Statement(
                "INSERT INTO log_entries (idx, entry) SELECT * FROM unnest($1::bigint[], $2::bytea[])",
                new NpgsqlParameter<long[]> { TypedValue = indices },
                new NpgsqlParameter { Value = pending.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea }));
        }

        foreach (var command in queued)
        {
            batch.BatchCommands.Add(command);
        }

        if (tiles.Count > 0)
        {
            batch.BatchCommands.Add(Statement(
                """
                INSERT INTO log_tiles (level, idx, hashes) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bytea[])
                ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes
                """,
                new NpgsqlParameter<int[]> { TypedValue = [.. tiles.Select(t => t.Tile.Level)] },
                new NpgsqlParameter<long[]> { TypedValue = [.. tiles.Select(t => checked((long)t.Tile.Index))] },
                new NpgsqlParameter { Value = tiles.Select(t => t.BottomRow).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea }));
        }

        checkpoint?.Invoke(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        batch.ExecuteNonQuery();
    }

    public static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private void Copy()
    {
        using var import = Connection.BeginBinaryImport("COPY log_entries (idx, entry) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < pending.Count; i++)
        {
            import.StartRow();
            import.Write(checked((long)first + i), NpgsqlDbType.Bigint);
            import.Write(pending[i], NpgsqlDbType.Bytea);
        }

        import.Complete();
    }
}
