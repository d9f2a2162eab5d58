using Npgsql;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>How many appends of this handle committed in one round trip (for tests and the bench's notes).</summary>
    internal long PipelinedCommits { get; private set; }

    /// <summary>
    /// An append in one round trip when this process made the last commit: the tree it kept predicts the committed
    /// size, so BEGIN, the sequencer lock, a guard that the committed size is still that, the entries, the tiles, the
    /// signed checkpoint and COMMIT go in one batch. If another process appended in between, the guard fails, the
    /// transaction rolls back with nothing written, and the caller takes the two-round-trip path. Null: not taken.
    /// Tried only while this handle's guesses hold: with other writers active, a wrong guess would cost the lock twice.
    /// </summary>
    private AppendResult? TryAppendPipelined(IReadOnlyList<byte[]> entries)
    {
        if (signer is not { } key || entries.Count >= LogWriteScope.CopyThreshold)
        {
            return null;
        }

        lock (writeGate)
        {
            if (!guessHeld || sequencerState is not { } appender)
            {
                return null;
            }

            sequencerState = null; // Only a committed state may be reused.
            var expected = appender.Size;
            using var connection = DataSource.OpenConnection();
            var guard = LogWriteScope.Statement(
                "SELECT 1 / (max(size) = $1)::integer FROM log_checkpoints", new NpgsqlParameter<long> { TypedValue = checked((long)expected) });
            var committed = false;
            try
            {
                var scope = new LogWriteScope(connection, appender);
                scope.AppendBatch(entries);
                var tiles = appender.TakeChangedTiles();
                var checkpoint = SignCheckpoint(key, appender);
                scope.Commit(tiles, batch => batch.BatchCommands.Add(InsertCheckpoint(checkpoint)),
                    [new NpgsqlBatchCommand("BEGIN"), new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({SequencerLockKey})"), guard]);
                committed = true;
                PipelinedCommits++;
                sequencerState = appender;
                Observe(appender.Size);
                return new AppendResult(expected, entries.Count, checkpoint);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DivisionByZero)
            {
                // The guard is the batch's only division: 1 / 0 when the committed size is not the one predicted.
                guessHeld = false;
                return null; // Another process appended since our last commit; the appender is dropped and re-read.
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
}
