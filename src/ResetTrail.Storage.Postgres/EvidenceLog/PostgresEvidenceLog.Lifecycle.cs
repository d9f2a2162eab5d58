using Npgsql;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>
    /// Creates the log in a database: the schema (migrations), the origin, the signing key (generated into
    /// <paramref name="keyPath"/> unless a key is already there) and the checkpoint for size 0.
    /// </summary>
    public static Result<PostgresEvidenceLog> Initialize(string database, string origin, string keyPath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (origin.Length == 0 || origin.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            return Result<PostgresEvidenceLog>.Fail($"origin '{origin}' must be non-empty with no spaces or '+', e.g. example.com/resettrail");
        }

        var opened = PostgresDatabase.DataSource(database);
        if (!opened.IsSuccess)
        {
            return Result<PostgresEvidenceLog>.Fail(opened.Error);
        }

        using (var dataSource = opened.Value)
        {
            Migrations.Apply(dataSource, time);
            var existing = ReadMeta(dataSource, "origin");
            if (existing is not null)
            {
                return Result<PostgresEvidenceLog>.Fail($"{PostgresDatabase.Redacted(database)} already holds a log with origin '{existing}'; use it, or init another database");
            }

            var generated = !File.Exists(keyPath);
            var signer = generated ? Result<NoteSigner>.Ok(NoteSigner.Generate(origin)) : SigningKeyFile.Read(keyPath);
            if (!signer.IsSuccess)
            {
                return Result<PostgresEvidenceLog>.Fail(signer.Error);
            }

            using var key = signer.Value;
            if (key.Name != origin)
            {
                return Result<PostgresEvidenceLog>.Fail($"the key in '{keyPath}' is named '{key.Name}', not the origin '{origin}'");
            }

            // A key made here is written before the log uses it, and never dropped for a file another process wrote
            // meanwhile: then the write refuses (IOException) and nothing of the log has been written yet.
            if (generated)
            {
                SigningKeyFile.Write(keyPath, key);
            }

            var empty = new Checkpoint(origin, 0, Rfc6962.EmptyRoot.ToArray());
            using var connection = dataSource.OpenConnection();
            using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    // Two initialisers at once: the second waits here and then fails on log_meta's key.
                    new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({SequencerLockKey})"),
                    LogWriteScope.Statement("INSERT INTO log_meta (key, value) VALUES ('origin', $1)", new NpgsqlParameter<string> { TypedValue = origin }),
                    AddKey(key.Verifier, time),
                    InsertCheckpoint(new StoredCheckpoint(0, empty.RootHash, empty.Sign(key), time.GetUtcNow())),
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            try
            {
                batch.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return Result<PostgresEvidenceLog>.Fail($"{PostgresDatabase.Redacted(database)} already holds a log; use it, or init another database");
            }
        }

        return Open(database, keyPath, time);
    }

    /// <summary>Opens an initialised log. Without a key path it is read-only: proofs and audits work, appends do not.</summary>
    public static Result<PostgresEvidenceLog> Open(string database, string? keyPath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var opened = PostgresDatabase.DataSource(database);
        if (!opened.IsSuccess)
        {
            return Result<PostgresEvidenceLog>.Fail(opened.Error);
        }

        var dataSource = opened.Value;
        try
        {
            Migrations.Apply(dataSource, time);
            var origin = ReadMeta(dataSource, "origin");
            if (origin is null)
            {
                dataSource.Dispose();
                return Result<PostgresEvidenceLog>.Fail($"{PostgresDatabase.Redacted(database)} holds no log; run: resettrail log init --db URL --key FILE --origin ORIGIN");
            }

            NoteSigner? signer = null;
            if (keyPath is not null)
            {
                var undurable = NonDurableSetting(dataSource);
                var read = undurable is null ? SigningKeyFile.Read(keyPath) : Result<NoteSigner>.Fail(undurable);
                if (!read.IsSuccess)
                {
                    dataSource.Dispose();
                    return Result<PostgresEvidenceLog>.Fail(read.Error);
                }

                signer = read.Value;
            }

            var log = new PostgresEvidenceLog(dataSource, PostgresDatabase.Redacted(database), origin, signer, time);
            if (signer is not null && signer.Verifier.ToString() != log.Verifier.ToString())
            {
                log.Dispose();
                return Result<PostgresEvidenceLog>.Fail($"the key in '{keyPath}' is not the log's current signing key ({log.Verifier})");
            }

            return log;
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replaces the signing key. The current tree is re-signed by both keys (the handover checkpoint), the old public
    /// key stays in log_keys so older checkpoints keep verifying, and the new private key is written to <paramref name="newKeyPath"/>.
    /// </summary>
    public VerifierKey RotateKey(string newKeyPath)
    {
        var oldKey = signer ?? throw new InvalidOperationException("rotating the key needs the current signing key");
        using var newKey = NoteSigner.Generate(Origin);
        SigningKeyFile.Write(newKeyPath, newKey);
        WithinAppend(scope =>
        {
            var latest = scope.Size;
            using var read = scope.Command($"{CheckpointColumns} WHERE size = $1");
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)latest) });
            var current = ReadCheckpointRows(read).Single();
            var handover = new Checkpoint(Origin, latest, current.RootHash).Sign(oldKey, newKey);
            scope.Queue("UPDATE log_keys SET retired_at = $1 WHERE retired_at IS NULL", new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
            scope.Queue(AddKey(newKey.Verifier, time));
            scope.Queue("UPDATE log_checkpoints SET note = $1 WHERE size = $2",
                new NpgsqlParameter<string> { TypedValue = handover }, new NpgsqlParameter<long> { TypedValue = checked((long)latest) });
            return latest;
        });
        sequencerState = null;
        verifiers = LoadVerifiers(DataSource);
        return newKey.Verifier;
    }

    /// <summary>Why commits on this database would not be durable, or null when they are.</summary>
    private static string? NonDurableSetting(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT current_setting('fsync'), current_setting('synchronous_commit')", connection);
        using var row = command.ExecuteReader();
        row.Read();
        var (fsync, synchronousCommit) = (row.GetString(0), row.GetString(1));
        return fsync == "off"
            ? "the PostgreSQL server runs with fsync=off: evidence would not survive a crash; turn fsync on before appending"
            : synchronousCommit == "off"
                ? "synchronous_commit is off for this connection: a commit could return before it is durable; set it to on (or remote_apply with a synchronous standby) for the ResetTrail role or database"
                : null;
    }

    private static string? ReadMeta(NpgsqlDataSource dataSource, string key)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT value FROM log_meta WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return command.ExecuteScalar() as string;
    }

    private static NpgsqlBatchCommand AddKey(VerifierKey key, TimeProvider time) => LogWriteScope.Statement(
        "INSERT INTO log_keys (vkey, added_at) VALUES ($1, $2)",
        new NpgsqlParameter<string> { TypedValue = key.ToString() },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
}
