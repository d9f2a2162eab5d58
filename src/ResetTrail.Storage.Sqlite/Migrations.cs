using Microsoft.Data.Sqlite;

namespace ResetTrail.Storage.Sqlite;

/// <summary>
/// Versioned schema changes, applied in order under the write lock, each recorded once. Later
/// subsystems append their own; an applied migration is never edited.
/// </summary>
internal static class Migrations
{
    private static readonly (string Id, string Sql)[] All =
    [
        ("0001_evidence_log", """
            CREATE TABLE log_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE log_entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL);
            CREATE TABLE log_tiles (level INTEGER NOT NULL, idx INTEGER NOT NULL, hashes BLOB NOT NULL,
                                    PRIMARY KEY (level, idx)) WITHOUT ROWID;
            CREATE TABLE log_checkpoints (size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL,
                                          signed_at TEXT NOT NULL);
            CREATE TABLE log_keys (id INTEGER PRIMARY KEY, vkey TEXT NOT NULL UNIQUE, added_at TEXT NOT NULL, retired_at TEXT);
            """),
    ];

    public static void Apply(SqliteConnection connection, TimeProvider time)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) WITHOUT ROWID;", transaction);
        foreach (var (id, sql) in All)
        {
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT 1 FROM schema_migrations WHERE id = $id";
            check.Parameters.AddWithValue("$id", id);
            if (check.ExecuteScalar() is not null)
            {
                continue;
            }

            SqliteDatabase.Execute(connection, sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at)";
            record.Parameters.AddWithValue("$id", id);
            record.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
