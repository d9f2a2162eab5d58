using Microsoft.Data.Sqlite;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Storage.Sqlite.Alerts;

/// <summary>
/// The alert outbox in the product's SQLite file (migration 0007_alert_outbox). One row per alert and sink, unique on
/// (sink, alert id), so enqueueing the same alert again (a replay after a crash) queues nothing twice; the detector's
/// position is written in the same transaction. Safe for one writer and several delivery loops in one process
/// (a lock serialises use of the connection).
/// </summary>
public sealed class SqliteAlertOutbox : IAlertOutbox, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    private readonly TimeProvider time;

    private SqliteAlertOutbox(SqliteConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
    }

    public static SqliteAlertOutbox Open(string path, TimeProvider time)
    {
        var connection = SqliteDatabase.Open(path, create: true);
        try
        {
            Migrations.Apply(connection, time);
            return new SqliteAlertOutbox(connection, time);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Enqueue(IReadOnlyList<Alert> alerts, IReadOnlyList<string> sinks, string stream, string position)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(sinks);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var alert in alerts)
            {
                var body = AlertJson.Text(AlertJson.Plain(alert));
                foreach (var sink in sinks)
                {
                    Run(transaction, """
                        INSERT INTO alert_outbox (sink, alert_id, alert, created_at, due_at, attempts)
                        VALUES ($sink, $id, $alert, $now, $now, 0) ON CONFLICT (sink, alert_id) DO NOTHING
                        """, ("$sink", sink), ("$id", alert.Id), ("$alert", body), ("$now", now));
                }
            }

            Run(transaction, """
                INSERT INTO detector_progress (stream, position) VALUES ($stream, $position)
                ON CONFLICT (stream) DO UPDATE SET position = excluded.position
                """, ("$stream", stream), ("$position", position));
            transaction.Commit();
        }
    }

    public string? Position(string stream)
    {
        lock (gate)
        {
            using var command = Command(null, "SELECT position FROM detector_progress WHERE stream = $stream", ("$stream", stream));
            return command.ExecuteScalar() as string;
        }
    }

    public OutboxItem? NextDue(string sink, DateTimeOffset now)
    {
        lock (gate)
        {
            // Due items first by when they are due, then by queue order: a retried alert does not jump the queue forever.
            using var command = Command(null, """
                SELECT id, alert, attempts FROM alert_outbox
                WHERE sink = $sink AND delivered_at IS NULL AND due_at <= $now ORDER BY due_at, id LIMIT 1
                """, ("$sink", sink), ("$now", now.ToUnixTimeMilliseconds()));
            using var row = command.ExecuteReader();
            return row.Read() ? new OutboxItem(row.GetInt64(0), sink, AlertJson.Read(System.Text.Encoding.UTF8.GetBytes(row.GetString(1))), row.GetInt32(2)) : null;
        }
    }

    public void Delivered(long id, DateTimeOffset at)
    {
        lock (gate)
        {
            using var command = Command(null, "UPDATE alert_outbox SET delivered_at = $at, attempts = attempts + 1 WHERE id = $id", ("$id", id), ("$at", at.ToUnixTimeMilliseconds()));
            command.ExecuteNonQuery();
        }
    }

    public void Failed(long id, DateTimeOffset retryAt, string reason)
    {
        lock (gate)
        {
            using var command = Command(null, "UPDATE alert_outbox SET due_at = $due, attempts = attempts + 1, last_error = $error WHERE id = $id",
                ("$id", id), ("$due", retryAt.ToUnixTimeMilliseconds()), ("$error", reason));
            command.ExecuteNonQuery();
        }
    }

    public long Pending(string sink)
    {
        lock (gate)
        {
            using var command = Command(null, "SELECT count(*) FROM alert_outbox WHERE sink = $sink AND delivered_at IS NULL", ("$sink", sink));
            return (long)command.ExecuteScalar()!;
        }
    }

    public IReadOnlyList<Alert> Recent(int limit)
    {
        lock (gate)
        {
            using var command = Command(null, """
                SELECT alert FROM alert_outbox WHERE id IN (SELECT min(id) FROM alert_outbox GROUP BY alert_id) ORDER BY id DESC LIMIT $limit
                """, ("$limit", limit));
            using var row = command.ExecuteReader();
            var alerts = new List<Alert>();
            while (row.Read())
            {
                alerts.Add(AlertJson.Read(System.Text.Encoding.UTF8.GetBytes(row.GetString(0))));
            }

            return alerts;
        }
    }

    public void Dispose() => connection.Dispose();

    private void Run(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
