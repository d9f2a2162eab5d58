using Npgsql;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Storage.Postgres.Alerts;

/// <summary>
/// The alert outbox in the shared database (migration 0004_server_stores): one row per alert and sink, unique on
/// (sink, alert id), the detector's position written in the same transaction. Several servers drain the same queues:
/// <see cref="NextDue"/> claims an item (FOR UPDATE SKIP LOCKED, then moves its due time past a lease), so another
/// server does not send it at the same time; if the claiming server dies, the item is due again when the lease ends.
/// </summary>
public sealed class PostgresAlertOutbox(NpgsqlDataSource dataSource, TimeProvider time) : IAlertOutbox
{
    /// <summary>How long a claimed item stays with the server that claimed it before another may take it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public void Enqueue(IReadOnlyList<Alert> alerts, IReadOnlyList<string> sinks, string stream, string position)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(sinks);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var now = time.GetUtcNow();
        foreach (var alert in alerts)
        {
            var body = AlertJson.Text(AlertJson.Plain(alert));
            foreach (var sink in sinks)
            {
                Statement.Execute(connection, """
                    INSERT INTO alert_outbox (sink, alert_id, alert, created_at, due_at, attempts)
                    VALUES ($1, $2, $3, $4, $4, 0) ON CONFLICT (sink, alert_id) DO NOTHING
                    """, sink, alert.Id, body, now);
            }
        }

        Statement.Execute(connection, """
            INSERT INTO detector_progress (stream, position) VALUES ($1, $2)
            ON CONFLICT (stream) DO UPDATE SET position = excluded.position
            """, stream, position);
        transaction.Commit();
    }

    public string? Position(string stream) => Statement.Scalar(dataSource, "SELECT position FROM detector_progress WHERE stream = $1", stream) as string;

    public OutboxItem? NextDue(string sink, DateTimeOffset now)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Statement.Command(connection, """
            UPDATE alert_outbox SET due_at = $3 WHERE id = (
                SELECT id FROM alert_outbox WHERE sink = $1 AND delivered_at IS NULL AND due_at <= $2
                ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, alert, attempts
            """, sink, now, now + Lease);
        using var row = command.ExecuteReader();
        return row.Read() ? new OutboxItem(row.GetInt64(0), sink, AlertJson.Read(System.Text.Encoding.UTF8.GetBytes(row.GetString(1))), row.GetInt32(2)) : null;
    }

    public void Delivered(long id, DateTimeOffset at) =>
        Statement.Execute(dataSource, "UPDATE alert_outbox SET delivered_at = $2, attempts = attempts + 1 WHERE id = $1", id, at);

    public void Failed(long id, DateTimeOffset retryAt, string reason) =>
        Statement.Execute(dataSource, "UPDATE alert_outbox SET due_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1", id, retryAt, reason);

    public IReadOnlyList<Alert> Recent(int limit)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Statement.Command(connection, """
            SELECT alert FROM alert_outbox WHERE id IN (SELECT min(id) FROM alert_outbox GROUP BY alert_id) ORDER BY id DESC LIMIT $1
            """, limit);
        using var row = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (row.Read())
        {
            alerts.Add(AlertJson.Read(System.Text.Encoding.UTF8.GetBytes(row.GetString(0))));
        }

        return alerts;
    }

    public long Pending(string sink) => (long)Statement.Scalar(dataSource, "SELECT count(*) FROM alert_outbox WHERE sink = $1 AND delivered_at IS NULL", sink)!;
}
