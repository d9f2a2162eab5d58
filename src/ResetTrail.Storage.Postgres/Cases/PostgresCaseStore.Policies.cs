using System.Text.Json.Nodes;
using Npgsql;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Postgres.EvidenceLog;

namespace ResetTrail.Storage.Postgres.Cases;

public sealed partial class PostgresCaseStore
{
    /// <summary>Cache writes sent to the server per batch while rebuilding.</summary>
    private const int RebuildBatch = 1000;

    public PublishedPolicy Publish(byte[] policyText, string hash, string version, string source, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policyText);
        var record = new EvidenceRecord(EvidenceType.PolicyPublished, null, now, actor, new JsonObject
        {
            ["hash"] = hash,
            ["version"] = version,
            ["source"] = source,
            ["text"] = Convert.ToBase64String(policyText),
        });
        var (published, _) = Log.WithinAppend(scope =>
        {
            var index = scope.Append(record.ToCanonicalBytes());
            scope.Queue(IndexPolicy(hash, version, source, index, now));
            return new PublishedPolicy(hash, version, source, policyText, index, now);
        });
        return published;
    }

    public PublishedPolicy? ActivePolicy() => ReadPolicy("SELECT log_index FROM policy_versions ORDER BY log_index DESC LIMIT 1", null);

    public PublishedPolicy? PolicyByHash(string hash) => ReadPolicy("SELECT log_index FROM policy_versions WHERE hash = $1", hash);

    /// <summary>
    /// Rebuilds every case cache from the log alone, in one sequencer transaction: the proof that the tables beside
    /// the log hold nothing the log does not.
    /// </summary>
    public int RebuildIndexes()
    {
        var (count, _) = Log.WithinAppend(scope =>
        {
            Migrations.Execute(scope.Connection, "TRUNCATE case_index, case_entries, verification_failures, policy_versions");
            var cases = new Dictionary<string, ResetCase>(StringComparer.Ordinal);
            var pending = new List<NpgsqlBatchCommand>();
            foreach (var (index, record) in ReadEvidence(scope.Connection))
            {
                if (record.Type == EvidenceType.PolicyPublished)
                {
                    var data = record.Data;
                    pending.Add(IndexPolicy(Text(data, "hash"), Text(data, "version"), Text(data, "source"), index, record.At));
                }
                else if (record.CaseId is { } id)
                {
                    var updated = cases.TryGetValue(id, out var existing) ? existing.Apply(record) : ResetCase.FromOpened(record);
                    cases[id] = updated;
                    pending.AddRange(Index(updated, record, index));
                }

                if (pending.Count >= RebuildBatch)
                {
                    Send(scope.Connection, pending);
                }
            }

            Send(scope.Connection, pending);
            return cases.Count;
        });
        return count;
    }

    private static List<(ulong Index, EvidenceRecord Record)> ReadEvidence(NpgsqlConnection connection)
    {
        using var read = new NpgsqlCommand("SELECT idx, entry FROM log_entries ORDER BY idx", connection);
        var rows = new List<(ulong, EvidenceRecord)>();
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            if (EvidenceRecord.TryParse(reader.GetFieldValue<byte[]>(1)) is { } record)
            {
                rows.Add(((ulong)reader.GetInt64(0), record));
            }
        }

        return rows;
    }

    private static void Send(NpgsqlConnection connection, List<NpgsqlBatchCommand> commands)
    {
        if (commands.Count == 0)
        {
            return;
        }

        using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
        commands.Clear();
    }

    private PublishedPolicy? ReadPolicy(string sql, string? hash)
    {
        long index;
        using (var connection = Log.DataSource.OpenConnection())
        using (var command = new NpgsqlCommand(sql, connection))
        {
            if (hash is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
            }

            if (command.ExecuteScalar() is not long found)
            {
                return null;
            }

            index = found;
        }

        var entry = Log.ReadEntries((ulong)index, (ulong)index + 1).Single();
        var record = EvidenceRecord.TryParse(entry.Data) ?? throw new InvalidDataException($"log entry {index} is not a policy version");
        var data = record.Data;
        return new PublishedPolicy(Text(data, "hash"), Text(data, "version"), Text(data, "source"),
            Convert.FromBase64String(Text(data, "text")), (ulong)index, record.At);
    }

    private static NpgsqlBatchCommand IndexPolicy(string hash, string version, string source, ulong index, DateTimeOffset at) => LogWriteScope.Statement(
        """
        INSERT INTO policy_versions (hash, version, source, log_index, published_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (hash) DO UPDATE SET log_index = excluded.log_index, published_at = excluded.published_at
        """,
        new NpgsqlParameter<string> { TypedValue = hash },
        new NpgsqlParameter<string> { TypedValue = version },
        new NpgsqlParameter<string> { TypedValue = source },
        new NpgsqlParameter<long> { TypedValue = checked((long)index) },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });

    private static string Text(JsonObject data, string name) =>
        data[name]?.GetValue<string>() ?? throw new InvalidDataException($"policy entry lacks {name}");
}
