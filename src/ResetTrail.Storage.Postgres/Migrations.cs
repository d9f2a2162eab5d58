using Npgsql;

namespace ResetTrail.Storage.Postgres;

/// <summary>
/// Versioned schema changes for PostgreSQL, applied in order at open, each in its own transaction and recorded once
/// in schema_migrations. Every opener first takes a session advisory lock, so servers starting together apply each
/// migration exactly once and the others wait, then find it recorded. An applied migration is never edited; later
/// subsystems append their own.
/// </summary>
public static class Migrations
{
    /// <summary>The advisory lock key that serialises migrations ("RTMIGRAT" in ASCII).</summary>
    internal const long LockKey = 0x52544D4947524154;

    internal static readonly (string Id, string Sql)[] All =
    [
        ("0001_evidence_log", """
            CREATE TABLE log_meta (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE log_entries (idx bigint PRIMARY KEY CHECK (idx >= 0), entry bytea NOT NULL);
            CREATE TABLE log_tiles (level integer NOT NULL, idx bigint NOT NULL, hashes bytea NOT NULL, PRIMARY KEY (level, idx));
            CREATE TABLE log_checkpoints (size bigint PRIMARY KEY CHECK (size >= 0), root bytea NOT NULL, note text NOT NULL,
                                          signed_at timestamptz NOT NULL);
            CREATE TABLE log_keys (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, vkey text NOT NULL UNIQUE,
                                   added_at timestamptz NOT NULL, retired_at timestamptz);
            """),
        ("0002_cases", """
            CREATE TABLE case_index (case_id text PRIMARY KEY, state text NOT NULL, directory text NOT NULL, target text NOT NULL,
                                     kind text NOT NULL, channel text NOT NULL, tier text NOT NULL, initiator text NOT NULL,
                                     ticket text NOT NULL, opened_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
            CREATE INDEX case_index_state ON case_index (state, opened_at);
            CREATE INDEX case_index_target ON case_index (directory, target);
            CREATE INDEX case_index_opened ON case_index (opened_at DESC, case_id);
            CREATE TABLE case_entries (case_id text NOT NULL, seq integer NOT NULL, log_index bigint NOT NULL, PRIMARY KEY (case_id, seq));
            CREATE TABLE verification_failures (log_index bigint PRIMARY KEY, directory text NOT NULL, target text NOT NULL,
                                                at timestamptz NOT NULL);
            CREATE INDEX verification_failures_target ON verification_failures (directory, target, at);
            CREATE TABLE policy_versions (hash text PRIMARY KEY, version text NOT NULL, source text NOT NULL, log_index bigint NOT NULL,
                                          published_at timestamptz NOT NULL);
            """),
        ("0003_identity_events", """
            CREATE TABLE identity_events (source text NOT NULL, event_id text NOT NULL, time timestamptz NOT NULL, kind text NOT NULL,
                                          target text NOT NULL, actor text, ocsf jsonb NOT NULL, PRIMARY KEY (source, event_id));
            CREATE INDEX identity_events_time ON identity_events (time, source, event_id);
            """),
        // What a server keeps beside the log (ADR 0043): API tokens (hashes only), local accounts (TOTP secrets sealed
        // with the account secrets key), the real-time inbox, and detection's alert outbox with its read positions.
        ("0004_server_stores", """
            CREATE TABLE api_tokens (id text PRIMARY KEY, name text NOT NULL, hash bytea NOT NULL UNIQUE, roles text[] NOT NULL,
                                     created_by text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz,
                                     revoked_at timestamptz, revoked_by text);
            CREATE INDEX api_tokens_name ON api_tokens (name) WHERE revoked_at IS NULL;
            CREATE TABLE accounts (login text PRIMARY KEY, display_name text NOT NULL, roles text[] NOT NULL, password_hash text NOT NULL,
                                   totp_secret bytea, totp_confirmed boolean NOT NULL DEFAULT false, last_totp_step bigint,
                                   disabled boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL,
                                   failures integer NOT NULL DEFAULT 0, window_start timestamptz, locks integer NOT NULL DEFAULT 0,
                                   locked_until timestamptz);
            CREATE TABLE inbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, channel text NOT NULL, source text, peer text,
                                received_at timestamptz NOT NULL, body bytea NOT NULL, processed_at timestamptz, events integer,
                                problems integer);
            CREATE INDEX inbox_pending ON inbox (id) WHERE processed_at IS NULL;
            CREATE TABLE alert_outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sink text NOT NULL, alert_id text NOT NULL,
                                       alert text NOT NULL, created_at timestamptz NOT NULL, due_at timestamptz NOT NULL,
                                       attempts integer NOT NULL, last_error text, delivered_at timestamptz, UNIQUE (sink, alert_id));
            CREATE INDEX alert_outbox_due ON alert_outbox (sink, due_at, id) WHERE delivered_at IS NULL;
            CREATE TABLE detector_progress (stream text PRIMARY KEY, position text NOT NULL);
            """),
        // Which cases changed since a log index: what the server's case snapshot (dashboard, findings) refolds.
        ("0005_case_entries_by_log_index", """
            CREATE INDEX case_entries_log_index ON case_entries (log_index);
            """),
    ];

    /// <summary>The newest migration this build knows.</summary>
    public static string Latest => All[^1].Id;

    /// <summary>Applies what is missing; returns the migrations applied now (empty when the schema was current).</summary>
    public static IReadOnlyList<string> Apply(NpgsqlDataSource dataSource, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);
        using var connection = dataSource.OpenConnection();
        // A session lock, not a transaction one: it spans the per-migration transactions below, and PostgreSQL
        // releases it if this process dies, so a crashed opener never blocks the next.
        Execute(connection, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL)");
            var applied = AppliedIds(connection);
            var now = new List<string>();
            foreach (var (id, sql) in All)
            {
                if (applied.Contains(id))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, sql);
                using var record = new NpgsqlCommand("INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)", connection);
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
                record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
                record.ExecuteNonQuery();
                transaction.Commit();
                now.Add(id);
            }

            return now;
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    /// <summary>The newest applied migration, or null on a database never migrated.</summary>
    public static string? Current(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        using var connection = dataSource.OpenConnection();
        using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (exists.ExecuteScalar() is not true)
        {
            return null;
        }

        using var command = new NpgsqlCommand("SELECT max(id) FROM schema_migrations", connection);
        return command.ExecuteScalar() as string;
    }

    private static HashSet<string> AppliedIds(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT id FROM schema_migrations", connection);
        using var rows = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
        }

        return ids;
    }

    internal static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
