using Npgsql;
using NpgsqlTypes;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Notifications;

namespace ResetTrail.Storage.Postgres.Cases;

/// <summary>
/// Cases in the shared PostgreSQL database. The evidence log is the truth; case_index, case_entries,
/// verification_failures and policy_versions are caches written in the sequencer transaction of each entry and
/// rebuildable from the log (<see cref="RebuildIndexes"/>). A step is decided on the case as loaded under the
/// sequencer lock, so two servers racing on one case see each other's committed steps.
/// </summary>
public sealed partial class PostgresCaseStore(PostgresEvidenceLog log) : ICaseStore
{
    private const int ParsedCapacity = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, EvidenceRecord> parsed = new();

    public PostgresEvidenceLog Log { get; } = log;

    public Outcome<CaseStepReceipt> Apply(string caseId, Func<ResetCase?, Outcome<EvidenceRecord>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var (outcome, _) = Log.WithinAppend(scope =>
        {
            var current = LoadCase(scope.Connection, caseId);
            var decided = decide(current);
            if (!decided.IsSuccess)
            {
                return Outcome<CaseStepReceipt>.Fail(decided.Error);
            }

            var record = decided.Value;
            // The decision was made on the case as loaded in this transaction; check again right before writing,
            // so a caller that built the record elsewhere cannot slip past the rules.
            var refusal = record.CaseId != caseId
                ? WorkflowErrors.Invalid($"entry for case {record.CaseId} offered to case {caseId}")
                : CaseRules.Check(current, record);
            if (refusal is not null)
            {
                return Outcome<CaseStepReceipt>.Fail(refusal);
            }

            var updated = current is null ? ResetCase.FromOpened(record) : current.Apply(record);
            var index = scope.Append(record.ToCanonicalBytes());
            foreach (var write in Index(updated, record, index))
            {
                scope.Queue(write);
            }

            // Delivered to the listening servers when the step commits (ADR 0049).
            scope.Queue(PostgresChannels.Notify(PostgresChannels.CaseSteps));

            return new CaseStepReceipt(updated, record, index);
        });
        return outcome;
    }

    public ResetCase? Find(string caseId)
    {
        using var connection = Log.DataSource.OpenConnection();
        return LoadCase(connection, caseId);
    }

    public IReadOnlyList<CaseSummary> List(CaseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Log.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("""
            SELECT case_id, state, directory || ':' || target, kind, channel, tier, initiator, ticket, opened_at, updated_at FROM case_index
            WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR target = $2)
              AND ($3::timestamptz IS NULL OR opened_at >= $3) AND ($4::timestamptz IS NULL OR opened_at < $4)
            ORDER BY opened_at DESC, case_id LIMIT $5
            """, connection);
        command.Parameters.Add(Nullable(query.State is { } s ? WireName.Of(s) : null, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.Target, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.OpenedFrom?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(query.OpenedTo?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var result = new List<CaseSummary>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            if (!WireName.TryParse<CaseState>(rows.GetString(1), out var state))
            {
                throw new InvalidDataException($"case_index holds an unknown state '{rows.GetString(1)}'; rebuild it with 'resettrail case reindex'");
            }

            result.Add(new CaseSummary(rows.GetString(0), state, rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetString(5),
                rows.GetString(6), rows.GetString(7), rows.GetFieldValue<DateTimeOffset>(8), rows.GetFieldValue<DateTimeOffset>(9)));
        }

        return result;
    }

    public int FailedVerificationsSince(TargetIdentity target, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var connection = Log.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT count(*)::integer FROM verification_failures WHERE directory = $1 AND target = $2 AND at >= $3", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = target.Directory });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = target.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        return (int)command.ExecuteScalar()!;
    }

    /// <summary>The log indices of a case's entries, in log order (empty when there is no such case); for bundle export.</summary>
    public IReadOnlyList<ulong> EntryIndices(string caseId)
    {
        using var connection = Log.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT log_index FROM case_entries WHERE case_id = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        var indices = new List<ulong>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            indices.Add((ulong)rows.GetInt64(0));
        }

        return indices;
    }

    private ResetCase? LoadCase(NpgsqlConnection connection, string caseId)
    {
        using var command = new NpgsqlCommand("""
            SELECT c.log_index, e.entry FROM case_entries c JOIN log_entries e ON e.idx = c.log_index
            WHERE c.case_id = $1 ORDER BY c.seq
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        var records = new List<EvidenceRecord>();
        using (var rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                var index = rows.GetInt64(0);
                var bytes = rows.GetFieldValue<byte[]>(1);
                if (!parsed.TryGetValue(index, out var record) || !record.ToCanonicalBytes().AsSpan().SequenceEqual(bytes))
                {
                    record = EvidenceRecord.TryParse(bytes)
                        ?? throw new InvalidDataException($"an entry of case {caseId} is not evidence: the database is damaged; run 'resettrail log verify'");
                    Remember(index, record);
                }

                records.Add(record);
            }
        }

        return records.Count == 0 ? null : ResetCase.Replay(records);
    }

    // Entries never change once committed, so their parsed form is kept (bounded); the bytes are still compared,
    // so a row edited behind the store's back is parsed again rather than served from memory.
    private void Remember(long index, EvidenceRecord record)
    {
        if (parsed.Count >= ParsedCapacity)
        {
            parsed.Clear();
        }

        parsed[index] = record;
    }

    /// <summary>The cache writes one committed entry of a case makes.</summary>
    private static IEnumerable<NpgsqlBatchCommand> Index(ResetCase updated, EvidenceRecord record, ulong index)
    {
        yield return LogWriteScope.Statement(
            "INSERT INTO case_entries (case_id, seq, log_index) VALUES ($1, (SELECT count(*) FROM case_entries WHERE case_id = $1), $2)",
            new NpgsqlParameter<string> { TypedValue = updated.Id },
            new NpgsqlParameter<long> { TypedValue = checked((long)index) });

        yield return LogWriteScope.Statement(
            """
            INSERT INTO case_index (case_id, state, directory, target, kind, channel, tier, initiator, ticket, opened_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (case_id) DO UPDATE SET state = excluded.state, tier = excluded.tier, updated_at = excluded.updated_at
            """,
            Text(updated.Id),
            Text(WireName.Of(updated.State)),
            Text(updated.Target.Directory),
            Text(updated.Target.Id),
            Text(WireName.Of(updated.Kind)),
            Text(WireName.Of(updated.Channel)),
            Text(WireName.Of(updated.Decision.Tier)),
            Text(WireName.Of(updated.Initiator.Type) + (updated.Initiator.Organisation is { } org ? $" ({org})" : string.Empty)),
            Text($"{updated.Ticket.System}:{updated.Ticket.Key}"),
            new NpgsqlParameter<DateTimeOffset> { TypedValue = updated.OpenedAt.ToUniversalTime() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = record.At.ToUniversalTime() });

        if (record.Type == EvidenceType.VerificationRecorded && record.Data["result"]?.GetValue<string>() == "failed")
        {
            yield return LogWriteScope.Statement(
                "INSERT INTO verification_failures (log_index, directory, target, at) VALUES ($1, $2, $3, $4)",
                new NpgsqlParameter<long> { TypedValue = checked((long)index) },
                Text(updated.Target.Directory),
                Text(updated.Target.Id),
                new NpgsqlParameter<DateTimeOffset> { TypedValue = record.At.ToUniversalTime() });
        }
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
