using ResetTrail.Core;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Ocsf;

namespace ResetTrail.Storage.Sqlite.Events;

/// <summary>
/// Normalised identity events kept in the product's database, keyed by their source and the source's own event id:
/// ingesting the same file twice stores nothing twice. Events are context, not evidence: they are not in the log.
/// </summary>
public sealed class SqliteEventStore(string databasePath) : IEventStore
{
    /// <summary>Rows per transaction: large enough to amortise the commit, small enough to bound memory.</summary>
    public const int BatchSize = 4096;

    /// <summary>Stores the events; returns how many were new and how many were already there.</summary>
    public (long Added, long AlreadyStored) Store(IEnumerable<IdentityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        var added = 0L;
        var seen = 0L;
        using var batch = events.Chunk(BatchSize).GetEnumerator();
        while (batch.MoveNext())
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var insert = connection.Prepared(transaction, """
                INSERT INTO identity_events (source, event_id, time, kind, target, actor, ocsf)
                VALUES ($source, $id, $time, $kind, $target, $actor, $ocsf) ON CONFLICT DO NOTHING
                """);
            foreach (var e in batch.Current)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$source", e.Source);
                insert.Parameters.AddWithValue("$id", e.SourceEventId);
                insert.Parameters.AddWithValue("$time", Core.Evidence.EvidenceRecord.FormatTime(e.Time));
                insert.Parameters.AddWithValue("$kind", WireName.Of(e.Kind));
                insert.Parameters.AddWithValue("$target", e.Target.Key);
                insert.Parameters.AddWithValue("$actor", (object?)e.Actor?.Key ?? DBNull.Value);
                insert.Parameters.AddWithValue("$ocsf", OcsfWriter.ToText(e));
                added += insert.ExecuteNonQuery();
                seen++;
            }

            transaction.Commit();
        }

        return (added, seen - added);
    }

    /// <summary>Every stored event in time order, read back from its OCSF form (streamed).</summary>
    public IEnumerable<IdentityEvent> ReadAll() => ReadSince(DateTimeOffset.MinValue);

    public IEnumerable<IdentityEvent> ReadSince(DateTimeOffset since)
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, ocsf FROM identity_events WHERE time >= $since ORDER BY time, source, event_id";
        command.Parameters.AddWithValue("$since", Core.Evidence.EvidenceRecord.FormatTime(since));
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return OcsfReader.Read(rows.GetString(0), rows.GetString(1));
        }
    }

    public DateTimeOffset? Newest()
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(time) FROM identity_events";
        return command.ExecuteScalar() is string time
            ? DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal)
            : null;
    }

    public long Count()
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM identity_events";
        return (long)command.ExecuteScalar()!;
    }
}
