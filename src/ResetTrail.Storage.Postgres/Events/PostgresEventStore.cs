using Npgsql;
using NpgsqlTypes;
using ResetTrail.Core;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Ocsf;

namespace ResetTrail.Storage.Postgres.Events;

/// <summary>
/// Normalised identity events in the shared database, keyed by their source and the source's own event id: ingesting
/// the same file twice stores nothing twice. Each batch goes by binary COPY into a temporary table and one
/// INSERT ... ON CONFLICT DO NOTHING from it. Events are context, not evidence: they are not in the log.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource) : IEventStore
{
    /// <summary>Rows per transaction: large enough to amortise the commit, small enough to bound memory.</summary>
    public const int BatchSize = 4096;

    /// <summary>Opens the store on a database named by URL or connection string (migrating it when needed).</summary>
    public static ResetTrail.EvidenceLog.Result<PostgresEventStore> Open(string database, TimeProvider time)
    {
        var opened = PostgresDatabase.DataSource(database);
        if (!opened.IsSuccess)
        {
            return ResetTrail.EvidenceLog.Result<PostgresEventStore>.Fail(opened.Error);
        }

        Migrations.Apply(opened.Value, time);
        return new PostgresEventStore(opened.Value);
    }

    /// <summary>Stores the events; returns how many were new and how many were already there.</summary>
    public (long Added, long AlreadyStored) Store(IEnumerable<IdentityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var connection = dataSource.OpenConnection();
        var added = 0L;
        var seen = 0L;
        foreach (var batch in events.Chunk(BatchSize))
        {
            using var transaction = connection.BeginTransaction();
            Migrations.Execute(connection, "CREATE TEMPORARY TABLE IF NOT EXISTS incoming_events (LIKE identity_events) ON COMMIT DELETE ROWS");
            using (var import = connection.BeginBinaryImport("COPY incoming_events (source, event_id, time, kind, target, actor, ocsf) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in batch)
                {
                    import.StartRow();
                    import.Write(e.Source, NpgsqlDbType.Text);
                    import.Write(e.SourceEventId, NpgsqlDbType.Text);
                    import.Write(e.Time.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    import.Write(WireName.Of(e.Kind), NpgsqlDbType.Text);
                    import.Write(e.Target.Key, NpgsqlDbType.Text);
                    if (e.Actor?.Key is { } actor)
                    {
                        import.Write(actor, NpgsqlDbType.Text);
                    }
                    else
                    {
                        import.WriteNull();
                    }

                    import.Write(OcsfWriter.ToText(e), NpgsqlDbType.Jsonb);
                }

                import.Complete();
            }

            // DISTINCT ON: a file may repeat an event; the first copy is kept, as a second ingest would.
            using var insert = new NpgsqlCommand(
                "INSERT INTO identity_events SELECT DISTINCT ON (source, event_id) * FROM incoming_events ON CONFLICT DO NOTHING", connection);
            added += insert.ExecuteNonQuery();
            seen += batch.Length;
            transaction.Commit();
        }

        return (added, seen - added);
    }

    /// <summary>Every stored event in time order, read back from its OCSF form (streamed).</summary>
    public IEnumerable<IdentityEvent> ReadAll() => ReadSince(DateTimeOffset.MinValue);

    public IEnumerable<IdentityEvent> ReadSince(DateTimeOffset since)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT source, ocsf::text FROM identity_events WHERE time >= $1 ORDER BY time, source, event_id", connection);
        command.Parameters.AddWithValue(since);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return OcsfReader.Read(rows.GetString(0), rows.GetString(1));
        }
    }

    public DateTimeOffset? Newest()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT max(time) FROM identity_events", connection);
        return command.ExecuteScalar() is DateTime time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
    }

    public long Count()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT count(*) FROM identity_events", connection);
        return (long)command.ExecuteScalar()!;
    }
}
