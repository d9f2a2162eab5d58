using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

public sealed partial class SqliteEvidenceLog
{
    /// <summary>
    /// Creates the log in a new or existing database file: the schema, the origin, the signing key
    /// (generated into <paramref name="keyPath"/> unless a key is already there) and the checkpoint for size 0.
    /// </summary>
    public static Result<SqliteEvidenceLog> Initialize(string path, string origin, string keyPath, TimeProvider time)
    {
        if (!KeyIdIsValid(origin))
        {
            return Result<SqliteEvidenceLog>.Fail($"origin '{origin}' must be non-empty with no spaces or '+', e.g. example.com/resettrail");
        }

        using (var connection = SqliteDatabase.Open(path, create: true))
        {
            Migrations.Apply(connection, time);
            var existing = ReadMeta(connection, "origin");
            if (existing is not null)
            {
                return Result<SqliteEvidenceLog>.Fail($"'{path}' already holds a log with origin '{existing}'; use it, or init another file");
            }

            var generated = !File.Exists(keyPath);
            var signer = generated ? Result<NoteSigner>.Ok(NoteSigner.Generate(origin)) : SigningKeyFile.Read(keyPath);
            if (!signer.IsSuccess)
            {
                return Result<SqliteEvidenceLog>.Fail(signer.Error);
            }

            using var key = signer.Value;
            if (key.Name != origin)
            {
                return Result<SqliteEvidenceLog>.Fail($"the key in '{keyPath}' is named '{key.Name}', not the origin '{origin}'");
            }

            // A key made here is written before the log uses it, and never dropped for a file another process wrote
            // meanwhile: then the write refuses (IOException) and nothing of the log has been written yet.
            if (generated)
            {
                SigningKeyFile.Write(keyPath, key);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            WriteMeta(connection, transaction, "origin", origin);
            AddKey(connection, transaction, key.Verifier, time);
            var empty = new Checkpoint(origin, 0, Rfc6962.EmptyRoot.ToArray());
            InsertCheckpoint(connection, transaction, new StoredCheckpoint(0, empty.RootHash, empty.Sign(key), time.GetUtcNow()));
            transaction.Commit();
        }

        return Open(path, keyPath, time);
    }

    /// <summary>Opens an initialised log. Without a key path it is read-only: proofs and audits work, appends do not.</summary>
    public static Result<SqliteEvidenceLog> Open(string path, string? keyPath, TimeProvider time)
    {
        if (!File.Exists(path))
        {
            return Result<SqliteEvidenceLog>.Fail($"no database at '{path}'; create one with: resettrail log init --db '{path}' --origin ORIGIN");
        }

        string? origin;
        try
        {
            using var connection = SqliteDatabase.Open(path, create: false);
            Migrations.Apply(connection, time);
            origin = ReadMeta(connection, "origin");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26)
        {
            return Result<SqliteEvidenceLog>.Fail($"'{path}' is not a SQLite database");
        }

        if (origin is null)
        {
            return Result<SqliteEvidenceLog>.Fail($"'{path}' holds no log; run: resettrail log init --db '{path}' --origin ORIGIN");
        }

        NoteSigner? signer = null;
        if (keyPath is not null)
        {
            var read = SigningKeyFile.Read(keyPath);
            if (!read.IsSuccess)
            {
                return Result<SqliteEvidenceLog>.Fail(read.Error);
            }

            signer = read.Value;
        }

        var log = new SqliteEvidenceLog(path, origin, signer, time);
        if (signer is not null && signer.Verifier.ToString() != log.Verifier.ToString())
        {
            log.Dispose();
            return Result<SqliteEvidenceLog>.Fail($"the key in '{keyPath}' is not the log's current signing key ({log.Verifier})");
        }

        return log;
    }

    /// <summary>
    /// Replaces the signing key. The current tree is re-signed by both keys (the handover checkpoint),
    /// the old public key stays in log_keys so older checkpoints keep verifying, and the new private key
    /// is written to <paramref name="newKeyPath"/>.
    /// </summary>
    public VerifierKey RotateKey(string newKeyPath)
    {
        var oldKey = signer ?? throw new InvalidOperationException("rotating the key needs the current signing key");
        using var newKey = NoteSigner.Generate(Origin);
        SigningKeyFile.Write(newKeyPath, newKey);
        lock (writeGate)
        {
            sequencerState = null;
            using var transaction = writer.BeginTransaction(deferred: false);
            var latest = ReadLatestSize(writer, transaction);
            using (var retire = writer.CreateCommand())
            {
                retire.Transaction = transaction;
                retire.CommandText = "UPDATE log_keys SET retired_at = $at WHERE retired_at IS NULL";
                retire.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
                retire.ExecuteNonQuery();
            }

            AddKey(writer, transaction, newKey.Verifier, time);
            var current = ReadCheckpointsIn(transaction, latest).Single();
            var handover = new Checkpoint(Origin, latest, current.RootHash).Sign(oldKey, newKey);
            using (var update = writer.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE log_checkpoints SET note = $note WHERE size = $size";
                update.Parameters.AddWithValue("$note", handover);
                update.Parameters.AddWithValue("$size", (long)latest);
                update.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        verifiers = LoadVerifiers(reader);
        return newKey.Verifier;
    }

    private List<StoredCheckpoint> ReadCheckpointsIn(SqliteTransaction transaction, ulong size)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT size, root, note, signed_at FROM log_checkpoints WHERE size = $size";
        command.Parameters.AddWithValue("$size", (long)size);
        return ReadCheckpointRows(command);
    }

    private static bool KeyIdIsValid(string origin) =>
        origin.Length > 0 && !origin.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    private static string? ReadMeta(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM log_meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private static void WriteMeta(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_meta (key, value) VALUES ($key, $value)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static void AddKey(SqliteConnection connection, SqliteTransaction transaction, VerifierKey key, TimeProvider time)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_keys (vkey, added_at) VALUES ($vkey, $at)";
        command.Parameters.AddWithValue("$vkey", key.ToString());
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
        command.ExecuteNonQuery();
    }
}
