using Npgsql;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Auditing;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

/// <summary>
/// The evidence log in a PostgreSQL database that several processes share. The sequencer is a transaction-scoped
/// advisory lock: every append runs BEGIN, pg_advisory_xact_lock, reads the committed size, writes the entries, their
/// hash tiles and a signed checkpoint, and COMMITs; the lock is released by the commit or rollback (or by PostgreSQL
/// when the session dies), so appenders anywhere get one gapless, linear order and a crashed one blocks no one.
/// </summary>
public sealed partial class PostgresEvidenceLog : IEvidenceLog
{
    /// <summary>Entries are evidence records, not artifacts; the same limit as the SQLite store.</summary>
    public const int MaxEntryBytes = EntryLimit.MaxBytes;

    /// <summary>The advisory lock key of the sequencer ("RTLOGSEQ" in ASCII); advisory locks are per database.</summary>
    internal const long SequencerLockKey = 0x52544C4F47534551;

    private const string CheckpointColumns = "SELECT size, root, note, signed_at FROM log_checkpoints";

    private readonly NoteSigner? signer;
    private readonly TimeProvider time;
    // In this process appenders queue here rather than at the advisory lock, and the sequencer's in-memory tree
    // (sequencerState) is reused while no other process appended.
    private readonly Lock writeGate = new();
    private readonly TileNodeReader nodes;
    private TileAppender? sequencerState;
    private List<VerifierKey> verifiers;
    private long knownSize; // the largest committed size this process has seen; the log only grows
    private bool guessHeld; // whether the last sequenced commit found the size this handle's tree predicted

    private PostgresEvidenceLog(NpgsqlDataSource dataSource, string database, string origin, NoteSigner? signer, TimeProvider time)
    {
        DataSource = dataSource;
        Database = database;
        Origin = origin;
        this.signer = signer;
        this.time = time;
        nodes = new TileNodeReader(new PostgresTileReader(dataSource));
        verifiers = LoadVerifiers(dataSource);
    }

    /// <summary>The database as named to open it, without its password.</summary>
    public string Database { get; }

    public string Origin { get; }

    public VerifierKey Verifier => verifiers[^1];

    /// <summary>The connection pool the log and the stores beside it share.</summary>
    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<VerifierKey> AllVerifiers() => [.. verifiers];

    public AppendResult Append(IReadOnlyList<byte[]> entries)
    {
        EntryLimit.CheckBatch(entries, nameof(entries));
        if (TryAppendPipelined(entries) is { } pipelined)
        {
            return pipelined;
        }

        var (first, checkpoint) = WithinAppend(scope =>
        {
            var first = scope.Size;
            scope.AppendBatch(entries);
            return first;
        });
        return new AppendResult(first, entries.Count, checkpoint ?? throw new InvalidOperationException("an append produced no checkpoint"));
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the sequencer's transaction. When it appended anything, the tiles and a
    /// signed checkpoint are written and everything commits together; when it appended nothing, only what it queued
    /// commits and no checkpoint is signed. If anything throws, the transaction is rolled back: nothing is written.
    /// </summary>
    internal (T Result, StoredCheckpoint? Checkpoint) WithinAppend<T>(Func<LogWriteScope, T> work)
    {
        var key = signer ?? throw new InvalidOperationException("this log was opened without its signing key; appends need it");
        lock (writeGate)
        {
            var appender = sequencerState;
            sequencerState = null; // Only a committed state may be reused.
            using var connection = DataSource.OpenConnection();
            var committed = false;
            try
            {
                var size = BeginSequenced(connection);
                guessHeld = appender is not null && appender.Size == size;
                if (appender is null || appender.Size != size)
                {
                    var local = new PostgresTileReader(connection);
                    appender = TileAppender.Resume(size, new TileNodeReader(local), local);
                }

                var scope = new LogWriteScope(connection, appender);
                var result = work(scope);
                StoredCheckpoint? checkpoint = null;
                if (scope.Appended)
                {
                    var tiles = appender.TakeChangedTiles();
                    checkpoint = SignCheckpoint(key, appender);
                    scope.Commit(tiles, batch => batch.BatchCommands.Add(InsertCheckpoint(checkpoint)));
                }
                else
                {
                    scope.Commit([], null);
                }

                committed = true;
                sequencerState = appender;
                Observe(appender.Size);
                return (result, checkpoint);
            }
            finally
            {
                if (!committed)
                {
                    Rollback(connection);
                }
            }
        }
    }

    public StoredCheckpoint LatestCheckpoint() =>
        ReadCheckpoints($"{CheckpointColumns} ORDER BY size DESC LIMIT 1", null).SingleOrDefault()
        ?? throw new InvalidDataException("the log has no checkpoint, not even for size 0; it was not initialised by 'resettrail log init'");

    public Result<StoredCheckpoint> CheckpointAt(ulong size)
    {
        var found = ReadCheckpoints($"{CheckpointColumns} WHERE size = $1", checked((long)size)).SingleOrDefault();
        if (found is not null)
        {
            return found;
        }

        var latest = LatestCheckpoint().Size;
        return Result<StoredCheckpoint>.Fail(size > latest
            ? $"the log has {latest} entries; there is no checkpoint at size {size}"
            : $"no checkpoint was signed at size {size}; checkpoints exist only at the sizes appends ended on (see 'resettrail log checkpoint')");
    }

    public Result<IReadOnlyList<byte[]>> InclusionProof(ulong index, ulong treeSize)
    {
        if (!IsCommitted(treeSize, out var latest))
        {
            return Result<IReadOnlyList<byte[]>>.Fail($"tree size {treeSize} is beyond the log's size {latest}");
        }

        if (index >= treeSize)
        {
            return Result<IReadOnlyList<byte[]>>.Fail($"index {index} is not in a tree of {treeSize} entries");
        }

        return Result<IReadOnlyList<byte[]>>.Ok(ProofPlan.Inclusion(index, treeSize).Build(nodes));
    }

    public Result<IReadOnlyList<byte[]>> ConsistencyProof(ulong size1, ulong size2)
    {
        if (!IsCommitted(size2, out var latest))
        {
            return Result<IReadOnlyList<byte[]>>.Fail($"tree size {size2} is beyond the log's size {latest}");
        }

        if (size1 == 0 || size1 > size2)
        {
            return Result<IReadOnlyList<byte[]>>.Fail($"a consistency proof needs 0 < from <= to; got from {size1}, to {size2}");
        }

        return Result<IReadOnlyList<byte[]>>.Ok(ProofPlan.Consistency(size1, size2).Build(nodes));
    }

    public IEnumerable<LogEntry> ReadEntries(ulong fromIndex, ulong toIndex)
    {
        using var connection = DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT idx, entry FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)Math.Min(fromIndex, long.MaxValue) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)Math.Min(toIndex, long.MaxValue) });
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return new LogEntry((ulong)rows.GetInt64(0), rows.GetFieldValue<byte[]>(1));
        }
    }

    public AuditReport Audit(IReadOnlyCollection<VerifierKey>? trustedKeys = null, IProgress<ulong>? progress = null)
    {
        using var snapshot = SharedSnapshot.Open(DataSource, readers: 3);
        return LogAuditor.Audit(new AuditSource(this, trustedKeys ?? AllVerifiers(), snapshot), progress);
    }

    public void Dispose()
    {
        DataSource.Dispose();
        signer?.Dispose();
    }

    /// <summary>BEGIN, the sequencer lock, and the committed size: one round trip.</summary>
    private static ulong BeginSequenced(NpgsqlConnection connection)
    {
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({SequencerLockKey})"),
                // A statement after the lock: under READ COMMITTED it reads with a snapshot taken once the lock is held.
                new NpgsqlBatchCommand("SELECT size FROM log_checkpoints ORDER BY size DESC LIMIT 1"),
            },
        };
        using var reader = batch.ExecuteReader();
        do
        {
            if (reader.FieldCount == 1 && reader.GetName(0) == "size")
            {
                return reader.Read()
                    ? (ulong)reader.GetInt64(0)
                    : throw new InvalidDataException("the log has no checkpoint, not even for size 0; it was not initialised by 'resettrail log init'");
            }
        }
        while (reader.NextResult());

        throw new InvalidOperationException("the sequencer query returned no size");
    }

    private static void Rollback(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return; // A broken connection's transaction dies with its session.
        }

        try
        {
            Migrations.Execute(connection, "ROLLBACK");
        }
        catch (NpgsqlException)
        {
            // The session is gone or going; PostgreSQL rolls back what it did not commit.
        }
    }

    /// <summary>
    /// Whether a tree of <paramref name="size"/> leaves has been committed. Sizes only grow, so a size at
    /// or below one seen before needs no query; a larger one is read again (another process may have appended).
    /// </summary>
    private bool IsCommitted(ulong size, out ulong latest)
    {
        latest = (ulong)Interlocked.Read(ref knownSize);
        if (size <= latest)
        {
            return true;
        }

        latest = LatestCheckpoint().Size;
        Observe(latest);
        return size <= latest;
    }

    private void Observe(ulong size)
    {
        var seen = Interlocked.Read(ref knownSize);
        while ((long)size > seen)
        {
            var prior = Interlocked.CompareExchange(ref knownSize, (long)size, seen);
            if (prior == seen)
            {
                return;
            }

            seen = prior;
        }
    }

    private StoredCheckpoint SignCheckpoint(NoteSigner key, TileAppender appender)
    {
        var root = appender.Root();
        var note = new Checkpoint(Origin, appender.Size, root).Sign(key);
        return new StoredCheckpoint(appender.Size, root, note, time.GetUtcNow());
    }

    private static NpgsqlBatchCommand InsertCheckpoint(StoredCheckpoint checkpoint) => LogWriteScope.Statement(
        "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES ($1, $2, $3, $4)",
        new NpgsqlParameter<long> { TypedValue = checked((long)checkpoint.Size) },
        new NpgsqlParameter<byte[]> { TypedValue = checkpoint.RootHash },
        new NpgsqlParameter<string> { TypedValue = checkpoint.SignedNote },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = checkpoint.SignedAt.ToUniversalTime() });

    private List<StoredCheckpoint> ReadCheckpoints(string sql, long? size)
    {
        using var connection = DataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        if (size is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size.Value });
        }

        return ReadCheckpointRows(command);
    }

    private static List<StoredCheckpoint> ReadCheckpointRows(NpgsqlCommand command)
    {
        var result = new List<StoredCheckpoint>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            result.Add(ReadCheckpointRow(rows));
        }

        return result;
    }

    private static StoredCheckpoint ReadCheckpointRow(NpgsqlDataReader row) => new(
        (ulong)row.GetInt64(0), row.GetFieldValue<byte[]>(1), row.GetString(2), row.GetFieldValue<DateTimeOffset>(3));

    private static List<VerifierKey> LoadVerifiers(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT vkey FROM log_keys ORDER BY id", connection);
        var keys = new List<VerifierKey>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var parsed = VerifierKey.Parse(rows.GetString(0));
            keys.Add(parsed.IsSuccess ? parsed.Value : throw new InvalidDataException($"log_keys holds a bad verifier key: {parsed.Error}"));
        }

        return keys.Count > 0 ? keys : throw new InvalidDataException("the log has no verifier key; it was not initialised by 'resettrail log init'");
    }
}
