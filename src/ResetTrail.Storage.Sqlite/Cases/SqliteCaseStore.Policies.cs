using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    private static readonly string[] CacheTables = ["case_index", "case_entries", "verification_failures", "policy_versions"];

    // Published versions by log index: an entry never changes once committed, and every opening asks for the active one.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, PublishedPolicy> policies = new();

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
            IndexPolicy(scope.Connection, scope.Transaction, hash, version, source, index, now);
            return new PublishedPolicy(hash, version, source, policyText, index, now);
        });
        return published;
    }

    public PublishedPolicy? ActivePolicy() => ReadPolicy("SELECT log_index FROM policy_versions ORDER BY log_index DESC LIMIT 1", null);

    public PublishedPolicy? PolicyByHash(string hash) => ReadPolicy("SELECT log_index FROM policy_versions WHERE hash = $hash", hash);

    /// <summary>
    /// Rebuilds every case cache from the log alone, in one transaction: the proof that the tables beside the
    /// log hold nothing the log does not.
    /// </summary>
    public int RebuildIndexes()
    {
        var (count, _) = Log.WithinAppend(scope =>
        {
            foreach (var table in CacheTables)
            {
                using var clear = scope.Command($"DELETE FROM {table}");
                clear.ExecuteNonQuery();
            }

            var cases = new Dictionary<string, ResetCase>(StringComparer.Ordinal);
            using var read = scope.Command("SELECT idx, entry FROM log_entries ORDER BY idx");
            var rows = new List<(ulong Index, EvidenceRecord Record)>();
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (EvidenceRecord.TryParse((byte[])reader[1]) is { } record)
                    {
                        rows.Add(((ulong)reader.GetInt64(0), record));
                    }
                }
            }

            foreach (var (index, record) in rows)
            {
                if (record.Type == EvidenceType.PolicyPublished)
                {
                    var data = record.Data;
                    IndexPolicy(scope.Connection, scope.Transaction, Text(data, "hash"), Text(data, "version"), Text(data, "source"), index, record.At);
                    continue;
                }

                if (record.CaseId is not { } id)
                {
                    continue;
                }

                var updated = cases.TryGetValue(id, out var existing) ? existing.Apply(record) : ResetCase.FromOpened(record);
                cases[id] = updated;
                Index(scope.Connection, scope.Transaction, updated, record, index);
            }

            return cases.Count;
        });
        folded.Clear();
        return count;
    }

    private PublishedPolicy? ReadPolicy(string sql, string? hash)
    {
        long index;
        using (var read = Log.Read())
        {
            var command = read.Connection.Prepared(null, sql);
            if (hash is not null)
            {
                command.Parameters.AddWithValue("$hash", hash);
            }

            if (command.ExecuteScalar() is not long found)
            {
                return null;
            }

            index = found;
        }

        if (policies.TryGetValue(index, out var known))
        {
            return known;
        }

        var entry = Log.ReadEntries((ulong)index, (ulong)index + 1).Single();
        var record = EvidenceRecord.TryParse(entry.Data) ?? throw new InvalidDataException($"log entry {index} is not a policy version");
        var data = record.Data;
        var policy = new PublishedPolicy(Text(data, "hash"), Text(data, "version"), Text(data, "source"),
            Convert.FromBase64String(Text(data, "text")), (ulong)index, record.At);
        if (policies.Count >= 64)
        {
            policies.Clear();
        }

        policies[index] = policy;
        return policy;
    }

    private static void IndexPolicy(SqliteConnection connection, SqliteTransaction transaction, string hash, string version, string source, ulong index, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO policy_versions (hash, version, source, log_index, published_at) VALUES ($hash, $version, $source, $index, $at)
            ON CONFLICT (hash) DO UPDATE SET log_index = excluded.log_index, published_at = excluded.published_at
            """;
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$index", checked((long)index));
        command.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(at));
        command.ExecuteNonQuery();
    }

    private static string Text(JsonObject data, string name) =>
        data[name]?.GetValue<string>() ?? throw new InvalidDataException($"policy entry lacks {name}");
}
