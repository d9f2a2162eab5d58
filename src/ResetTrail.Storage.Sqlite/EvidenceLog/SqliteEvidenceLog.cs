using System.Globalization;
using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Auditing;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

/// <summary>
/// The evidence log in one SQLite file. The sequencer is SQLite's own write lock: every append runs in
/// a BEGIN IMMEDIATE transaction that reads the current size, writes the entries, their hash tiles and
/// a signed checkpoint, and commits (WAL, synchronous=FULL) before it returns. Appenders in other
/// threads or processes wait for the lock, so indices are gapless and linear.
/// </summary>
public sealed partial class SqliteEvidenceLog : IEvidenceLog
{
    /// <summary>Entries are evidence records, not artifacts; artifacts are stored by hash elsewhere.</summary>
    public const int MaxEntryBytes = EntryLimit.MaxBytes;

    private readonly SqliteConnection writer;
    private readonly SqliteConnection reader;
    private readonly NoteSigner? signer;
    private readonly TimeProvider time;
    // One gate per database file in this process: writers queue here instead of sleeping in SQLite's busy
    // handler, which polls with growing pauses and leaves the disk idle between commits. Other processes still
    // meet SQLite's own write lock.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileSequencer> Sequencers = new(StringComparer.Ordinal);
    private readonly Lock writeGate;
    private readonly GroupCommitQueue groupCommit;
    private readonly Lock readGate = new();
    private readonly TileNodeReader nodes;
    private readonly ReadConnectionPool reads;
    private SqliteTransaction? writeTransaction;
    private TileAppender? sequencerState;
    private List<VerifierKey> verifiers;
    private long knownSize; // the largest committed size this process has seen; the log only grows
    private int disposed;

    private SqliteEvidenceLog(string path, string origin, NoteSigner? signer, TimeProvider time)
    {
        Path = path;
        Origin = origin;
        var sequencer = Sequencers.GetOrAdd(System.IO.Path.GetFullPath(path), _ => new FileSequencer(new Lock(), new GroupCommitQueue()));
        writeGate = sequencer.Gate;
        groupCommit = sequencer.Queue;
        this.signer = signer;
        this.time = time;
        writer = SqliteDatabase.Open(path, create: false);
        reader = SqliteDatabase.Open(path, create: false);
        nodes = new TileNodeReader(new SqliteTileReader(reader, () => null));
        verifiers = LoadVerifiers(reader);
        reads = ReadConnectionPool.Hold(path);
    }

    public string Path { get; }

    public string Origin { get; }

    public VerifierKey Verifier => verifiers[^1];

    public IReadOnlyList<VerifierKey> AllVerifiers() => [.. verifiers];

    public AppendResult Append(IReadOnlyList<byte[]> entries)
    {
        EntryLimit.CheckBatch(entries, nameof(entries));

        var (first, checkpoint) = WithinAppend(scope =>
        {
            var first = scope.Size;
            scope.AppendBatch(entries);
            return first;
        });
        return new AppendResult(first, entries.Count, checkpoint ?? throw new InvalidOperationException("an append produced no checkpoint"));
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the sequencer's transaction: it may read and write other tables
    /// on <see cref="LogWriteScope.Connection"/> and append entries. When it appended anything, the hash
    /// tiles and a signed checkpoint are written and everything commits together; when it appended nothing, no
    /// checkpoint is signed (a refused step writes nothing; a cache rebuild writes only caches). If anything
    /// throws, nothing is written: evidence and the state it records change together or not at all.
    /// </summary>
    internal (T Result, StoredCheckpoint? Checkpoint) WithinAppend<T>(Func<LogWriteScope, T> work)
    {
        var key = signer ?? throw new InvalidOperationException("this log was opened without its signing key; appends need it");
        lock (writeGate)
        {
            var appender = sequencerState;
            sequencerState = null; // Only a committed state may be reused.
            using var transaction = writer.BeginTransaction(deferred: false);
            writeTransaction = transaction;
            try
            {
                var size = ReadLatestSize(writer, transaction);
                if (appender is null || appender.Size != size)
                {
                    var local = new SqliteTileReader(writer, () => writeTransaction);
                    appender = TileAppender.Resume(size, new TileNodeReader(local), local);
                }

                var scope = new LogWriteScope(this, writer, transaction, appender);
                var result = work(scope);
                if (appender.Size == size)
                {
                    // No evidence: only caches derived from the log may have changed (a rebuild).
                    transaction.Commit();
                    sequencerState = appender;
                    return (result, null);
                }

                WriteTiles(transaction, appender.TakeChangedTiles());
                var checkpoint = SignCheckpoint(key, appender);
                InsertCheckpoint(transaction, checkpoint);
                transaction.Commit();
                sequencerState = appender;
                Observe(appender.Size);
                return (result, checkpoint);
            }
            finally
            {
                writeTransaction = null;
            }
        }
    }

    /// <summary>
    /// <see cref="WithinAppend{T}"/> with group commit: steps from concurrent callers that arrive while a commit is
    /// in flight share the next transaction (see <see cref="GroupCommitQueue"/>). The checkpoint returned is the
    /// group's, which covers this step's entries and may cover others' after them.
    /// </summary>
    internal (T Result, StoredCheckpoint? Checkpoint) WithinGroupedAppend<T>(Func<LogWriteScope, T> work) => groupCommit.Run(this, work);

    internal int GroupCommitWaiting => groupCommit.Waiting;

    /// <summary>Commits a group of steps in one transaction, or each alone when the group fails.</summary>
    internal void CommitGroup(IReadOnlyList<IGroupedStep> group)
    {
        if (group.Count > 1)
        {
            StoredCheckpoint? checkpoint = null;
            var committed = false;
            try
            {
                (_, checkpoint) = WithinAppend(scope =>
                {
                    foreach (var step in group)
                    {
                        step.RunInGroup(scope);
                    }

                    return 0;
                });
                committed = true;
            }
#pragma warning disable CA1031 // Nothing was written; each step runs again alone below and reports its own failure.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            if (committed)
            {
                foreach (var step in group)
                {
                    step.Complete(checkpoint);
                }

                return;
            }
        }

        foreach (var step in group)
        {
            step.RunAlone(this);
        }
    }

    public StoredCheckpoint LatestCheckpoint() =>
        ReadCheckpoints("SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size DESC LIMIT 1", null).Single();

    public Result<StoredCheckpoint> CheckpointAt(ulong size)
    {
        var found = ReadCheckpoints("SELECT size, root, note, signed_at FROM log_checkpoints WHERE size = $size", checked((long)size)).SingleOrDefault();
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

        return Result<IReadOnlyList<byte[]>>.Ok(BuildProof(ProofPlan.Inclusion(index, treeSize)));
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

        return Result<IReadOnlyList<byte[]>>.Ok(BuildProof(ProofPlan.Consistency(size1, size2)));
    }

    public IEnumerable<LogEntry> ReadEntries(ulong fromIndex, ulong toIndex)
    {
        using var read = reads.Rent();
        var command = read.Connection.Prepared(null, "SELECT idx, entry FROM log_entries WHERE idx >= $from AND idx < $to ORDER BY idx");
        command.Parameters.AddWithValue("$from", checked((long)Math.Min(fromIndex, long.MaxValue)));
        command.Parameters.AddWithValue("$to", (long)Math.Min(toIndex, long.MaxValue));
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return new LogEntry((ulong)rows.GetInt64(0), (byte[])rows[1]);
        }
    }

    public AuditReport Audit(IReadOnlyCollection<VerifierKey>? trustedKeys = null, IProgress<ulong>? progress = null)
    {
        using var connection = SqliteDatabase.Open(Path, create: false);
        using var snapshot = connection.BeginTransaction(deferred: true);
        return LogAuditor.Audit(new AuditSource(this, trustedKeys ?? AllVerifiers(), connection, snapshot), progress);
    }

    /// <summary>A pooled read-only connection to this log's file, for stores that read beside it.</summary>
    internal PooledRead Read() => reads.Rent();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return; // A second release would let go of another log's hold on the read pool.
        }

        // Readers close first: the last connection to close checkpoints the WAL, which a read-only one cannot.
        reads.Release();
        writer.Dispose();
        reader.Dispose();
        signer?.Dispose();
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

    private ProofHashes BuildProof(ProofPlan plan)
    {
        lock (readGate)
        {
            return plan.Build(nodes);
        }
    }

    private StoredCheckpoint SignCheckpoint(NoteSigner key, TileAppender appender)
    {
        var root = appender.Root();
        var note = new Checkpoint(Origin, appender.Size, root).Sign(key);
        return new StoredCheckpoint(appender.Size, root, note, time.GetUtcNow());
    }

    private static ulong ReadLatestSize(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.Prepared(transaction, "SELECT size FROM log_checkpoints ORDER BY size DESC LIMIT 1");
        return command.ExecuteScalar() is long size
            ? (ulong)size
            : throw new InvalidDataException("the log has no checkpoint, not even for size 0; it was not initialised by 'resettrail log init'");
    }

    private List<StoredCheckpoint> ReadCheckpoints(string sql, long? size)
    {
        using var read = reads.Rent();
        var command = read.Connection.Prepared(null, sql);
        if (size is not null)
        {
            command.Parameters.AddWithValue("$size", size.Value);
        }

        return ReadCheckpointRows(command);
    }

    private static List<StoredCheckpoint> ReadCheckpointRows(SqliteCommand command)
    {
        var result = new List<StoredCheckpoint>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            result.Add(ReadCheckpointRow(rows));
        }

        return result;
    }

    private static StoredCheckpoint ReadCheckpointRow(SqliteDataReader row) => new(
        (ulong)row.GetInt64(0),
        (byte[])row[1],
        row.GetString(2),
        DateTimeOffset.Parse(row.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    private static List<VerifierKey> LoadVerifiers(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT vkey FROM log_keys ORDER BY id";
        var keys = new List<VerifierKey>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var parsed = VerifierKey.Parse(rows.GetString(0));
            keys.Add(parsed.IsSuccess ? parsed.Value : throw new InvalidDataException($"log_keys holds a bad verifier key: {parsed.Error}"));
        }

        return keys.Count > 0 ? keys : throw new InvalidDataException("the log has no verifier key; it was not initialised by 'resettrail log init'");
    }

    private sealed record FileSequencer(Lock Gate, GroupCommitQueue Queue);
}
