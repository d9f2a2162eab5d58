using Microsoft.Data.Sqlite;

namespace ResetTrail.Storage.Sqlite;

/// <summary>
/// Versioned schema changes, applied in order under the write lock, each recorded once. Later
/// subsystems append their own; an applied migration is never edited.
/// </summary>
internal static class Migrations
{
    internal static readonly (string Id, string Sql)[] All =
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
        ("0002_cases", """
            CREATE TABLE case_index (case_id TEXT PRIMARY KEY, state TEXT NOT NULL, directory TEXT NOT NULL, target TEXT NOT NULL,
                                     kind TEXT NOT NULL, channel TEXT NOT NULL, tier TEXT NOT NULL, initiator TEXT NOT NULL,
                                     ticket TEXT NOT NULL, opened_at TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX case_index_state ON case_index (state, opened_at);
            CREATE INDEX case_index_target ON case_index (directory, target);
            CREATE TABLE case_entries (case_id TEXT NOT NULL, seq INTEGER NOT NULL, log_index INTEGER NOT NULL,
                                       PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
            CREATE TABLE verification_failures (log_index INTEGER PRIMARY KEY, directory TEXT NOT NULL, target TEXT NOT NULL, at TEXT NOT NULL);
            CREATE INDEX verification_failures_target ON verification_failures (directory, target, at);
            CREATE TABLE policy_versions (hash TEXT PRIMARY KEY, version TEXT NOT NULL, source TEXT NOT NULL, log_index INTEGER NOT NULL,
                                          published_at TEXT NOT NULL) WITHOUT ROWID;
            """),
        ("0003_identity_events", """
            CREATE TABLE identity_events (source TEXT NOT NULL, event_id TEXT NOT NULL, time TEXT NOT NULL, kind TEXT NOT NULL,
                                          target TEXT NOT NULL, actor TEXT, ocsf TEXT NOT NULL,
                                          PRIMARY KEY (source, event_id)) WITHOUT ROWID;
            CREATE INDEX identity_events_time ON identity_events (time);
            """),
        // API tokens for automation: only the SHA-256 of a token is stored; the token itself is shown once.
        ("0004_api_tokens", """
            CREATE TABLE api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash BLOB NOT NULL UNIQUE, roles TEXT NOT NULL,
                                     created_by TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT,
                                     revoked_by TEXT) WITHOUT ROWID;
            """),
        // Local accounts (ADR 0012). totp_secret is AES-GCM ciphertext under the key in FILE.secrets.key, never clear.
        ("0005_accounts", """
            CREATE TABLE accounts (login TEXT PRIMARY KEY, display_name TEXT NOT NULL, roles TEXT NOT NULL, password_hash TEXT NOT NULL,
                                   totp_secret BLOB, totp_confirmed INTEGER NOT NULL DEFAULT 0, last_totp_step INTEGER,
                                   disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
                                   failures INTEGER NOT NULL DEFAULT 0, window_start TEXT, locks INTEGER NOT NULL DEFAULT 0,
                                   locked_until TEXT) WITHOUT ROWID;
            """),
        // Detection's alert outbox: one row per alert and sink (unique, so a replay queues nothing twice) and the
        // detector's read position, written in the same transaction. Times are Unix milliseconds.
        ("0007_alert_outbox", """
            CREATE TABLE alert_outbox (id INTEGER PRIMARY KEY, sink TEXT NOT NULL, alert_id TEXT NOT NULL, alert TEXT NOT NULL,
                                       created_at INTEGER NOT NULL, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL,
                                       last_error TEXT, delivered_at INTEGER, UNIQUE (sink, alert_id));
            CREATE INDEX alert_outbox_due ON alert_outbox (sink, delivered_at, due_at);
            CREATE TABLE detector_progress (stream TEXT PRIMARY KEY, position TEXT NOT NULL) WITHOUT ROWID;
            """),
        // Real-time ingestion (issue 6): what webhooks and syslog delivered, durable before the sender is answered,
        // processed afterwards. Bodies are kept until processed and purged after the retention the server sets.
        ("0008_inbox", """
            CREATE TABLE inbox (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, source TEXT, peer TEXT, received_at TEXT NOT NULL,
                                body BLOB NOT NULL, processed_at TEXT, events INTEGER, problems INTEGER);
            CREATE INDEX inbox_pending ON inbox (id) WHERE processed_at IS NULL;
            """),
        // Which cases changed since a log index: what the server's case snapshot (dashboard, findings) refolds.
        ("0009_case_entries_by_log_index", """
            CREATE INDEX case_entries_log_index ON case_entries (log_index);
            """),
        // Identity events as an ordinary (rowid) table: rows of a few kilobytes of OCSF are appended instead of
        // inserted at random places of a tree clustered by event id, which made ingest read and write its pages over
        // and over (ADR 0045's notes: 30 page reads and writes per event). (source, event_id) stays unique.
        ("0010_identity_events_appended", """
            CREATE TABLE identity_events_appended (source TEXT NOT NULL, event_id TEXT NOT NULL, time TEXT NOT NULL, kind TEXT NOT NULL,
                                                   target TEXT NOT NULL, actor TEXT, ocsf TEXT NOT NULL, UNIQUE (source, event_id));
            INSERT INTO identity_events_appended (source, event_id, time, kind, target, actor, ocsf)
                SELECT source, event_id, time, kind, target, actor, ocsf FROM identity_events ORDER BY time, source, event_id;
            DROP TABLE identity_events;
            ALTER TABLE identity_events_appended RENAME TO identity_events;
            CREATE INDEX identity_events_time ON identity_events (time);
            """),
    ];

    public static void Apply(SqliteConnection connection, TimeProvider time) => Apply(connection, time, All.Length);

    /// <summary>Applies the first <paramref name="count"/> migrations not applied yet (tests build older schemas with it).</summary>
    internal static void Apply(SqliteConnection connection, TimeProvider time, int count)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) WITHOUT ROWID;", transaction);
        foreach (var (id, sql) in All.Take(count))
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
