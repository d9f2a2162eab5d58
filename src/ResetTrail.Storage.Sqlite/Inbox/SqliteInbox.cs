using Microsoft.Data.Sqlite;
using ResetTrail.Core.Evidence;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.Storage.Sqlite.Inbox;

/// <summary>
/// What real-time channels (Okta Event Hooks, webhooks, syslog) delivered, committed durably before the sender is
/// answered, then processed in arrival order by a worker. An accepted delivery survives a crash: the worker finds it
/// still pending when the server starts again. Processing is idempotent (events are keyed by their source ids), so a
/// delivery processed again after a crash between processing and <see cref="Complete"/> changes nothing twice.
/// </summary>
public sealed class SqliteInbox : IInbox, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    public SqliteInbox(string databasePath)
    {
        connection = SqliteDatabase.Open(databasePath, create: false);
    }

    /// <summary>Commits the deliveries (one transaction, one fsync) and returns their ids.</summary>
    public IReadOnlyList<long> Accept(IReadOnlyList<InboxDelivery> deliveries, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var ids = new List<long>(deliveries.Count);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var insert = connection.Prepared(transaction, """
                INSERT INTO inbox (channel, source, peer, received_at, body) VALUES ($channel, $source, $peer, $at, $body) RETURNING id
                """);
            foreach (var delivery in deliveries)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$channel", delivery.Channel);
                insert.Parameters.AddWithValue("$source", (object?)delivery.Source ?? DBNull.Value);
                insert.Parameters.AddWithValue("$peer", (object?)delivery.Peer ?? DBNull.Value);
                insert.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(receivedAt));
                insert.Parameters.AddWithValue("$body", delivery.Body);
                ids.Add((long)insert.ExecuteScalar()!);
            }

            transaction.Commit();
        }

        return ids;
    }

    public long Accept(InboxDelivery delivery, DateTimeOffset receivedAt) => Accept([delivery], receivedAt)[0];

    /// <summary>The oldest deliveries not yet processed, in arrival order.</summary>
    public IReadOnlyList<InboxItem> Pending(int limit)
    {
        lock (gate)
        {
            var select = connection.Prepared(null, """
                SELECT id, channel, source, peer, received_at, body FROM inbox WHERE processed_at IS NULL ORDER BY id LIMIT $limit
                """);
            select.Parameters.AddWithValue("$limit", limit);
            var items = new List<InboxItem>();
            using var rows = select.ExecuteReader();
            while (rows.Read())
            {
                items.Add(new InboxItem(
                    rows.GetInt64(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2), rows.IsDBNull(3) ? null : rows.GetString(3),
                    EvidenceRecord.ParseTime(rows.GetString(4)), (byte[])rows[5]));
            }

            return items;
        }
    }

    /// <summary>Marks a delivery processed with what it yielded.</summary>
    public void Complete(IReadOnlyList<InboxCompletion> done, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(done);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var update = connection.Prepared(transaction, "UPDATE inbox SET processed_at = $at, events = $events, problems = $problems WHERE id = $id");
            foreach (var item in done)
            {
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(at));
                update.Parameters.AddWithValue("$events", item.Events);
                update.Parameters.AddWithValue("$problems", item.Problems);
                update.Parameters.AddWithValue("$id", item.Id);
                update.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public long PendingCount()
    {
        lock (gate)
        {
            var count = connection.Prepared(null, "SELECT count(*) FROM inbox WHERE processed_at IS NULL");
            return (long)count.ExecuteScalar()!;
        }
    }

    /// <summary>Deletes processed deliveries older than <paramref name="before"/>; pending ones are never purged.</summary>
    public int Purge(DateTimeOffset before)
    {
        lock (gate)
        {
            var delete = connection.Prepared(null, "DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < $before");
            delete.Parameters.AddWithValue("$before", EvidenceRecord.FormatTime(before));
            return delete.ExecuteNonQuery();
        }
    }

    public void Dispose() => connection.Dispose();
}
