using Npgsql;
using NpgsqlTypes;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Postgres.Notifications;

namespace ResetTrail.Storage.Postgres.Inbox;

/// <summary>
/// Real-time deliveries in the shared database (migration 0004_server_stores), committed before the sender is
/// answered. Every server's worker reads the same pending rows; processing is idempotent, so two servers that both
/// process a delivery store its events once.
/// </summary>
public sealed class PostgresInbox(NpgsqlDataSource dataSource) : IInbox
{
    public IReadOnlyList<long> Accept(IReadOnlyList<InboxDelivery> deliveries, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return [];
        }

        // One statement for the whole batch (arrays unnested in order) and the announcement, one implicit transaction:
        // the servers listening hear of the deliveries when they are committed (ADR 0049).
        using var connection = dataSource.OpenConnection();
        using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO inbox (channel, source, peer, received_at, body)
            SELECT channel, source, peer, $4, body FROM unnest($1::text[], $2::text[], $3::text[], $5::bytea[]) WITH ORDINALITY AS d(channel, source, peer, body, n)
            ORDER BY n RETURNING id
            """);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Channel)] });
        insert.Parameters.Add(new NpgsqlParameter { Value = deliveries.Select(d => d.Source).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = deliveries.Select(d => d.Peer).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = receivedAt.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. deliveries.Select(d => d.Body)] });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresChannels.Notify(PostgresChannels.Inbox)));
        var ids = new List<long>(deliveries.Count);
        using var rows = batch.ExecuteReader();
        while (rows.Read())
        {
            ids.Add(rows.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    public long Accept(InboxDelivery delivery, DateTimeOffset receivedAt) => Accept([delivery], receivedAt)[0];

    public IReadOnlyList<InboxItem> Pending(int limit)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Statement.Command(connection,
            "SELECT id, channel, source, peer, received_at, body FROM inbox WHERE processed_at IS NULL ORDER BY id LIMIT $1", limit);
        using var rows = command.ExecuteReader();
        var items = new List<InboxItem>();
        while (rows.Read())
        {
            items.Add(new InboxItem(rows.GetInt64(0), rows.GetString(1), Statement.Text(rows, 2), Statement.Text(rows, 3),
                rows.GetFieldValue<DateTimeOffset>(4), rows.GetFieldValue<byte[]>(5)));
        }

        return items;
    }

    public void Complete(IReadOnlyList<InboxCompletion> done, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(done);
        // One statement for the batch (arrays unnested side by side), one commit.
        Statement.Execute(dataSource, """
            UPDATE inbox SET processed_at = $2, events = d.events, problems = d.problems
            FROM unnest($1::bigint[], $3::integer[], $4::integer[]) AS d(id, events, problems) WHERE inbox.id = d.id
            """, done.Select(d => d.Id).ToArray(), at, done.Select(d => d.Events).ToArray(), done.Select(d => d.Problems).ToArray());
    }

    public long PendingCount() => (long)Statement.Scalar(dataSource, "SELECT count(*) FROM inbox WHERE processed_at IS NULL")!;

    public int Purge(DateTimeOffset before) =>
        Statement.Execute(dataSource, "DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < $1", before);
}
