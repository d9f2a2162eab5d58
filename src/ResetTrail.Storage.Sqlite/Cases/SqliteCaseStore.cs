using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Cases;

/// <summary>
/// Cases in the product's SQLite file. The evidence log is the truth; case_index, case_entries,
/// verification_failures and policy_versions are caches written in the same transaction as each entry and
/// rebuildable from the log (<see cref="RebuildIndexes"/>).
/// </summary>
public sealed partial class SqliteCaseStore(SqliteEvidenceLog log) : ICaseStore
{
    public SqliteEvidenceLog Log { get; } = log;

    public Outcome<CaseStepReceipt> Apply(string caseId, Func<ResetCase?, Outcome<EvidenceRecord>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var ((outcome, after), _) = Log.WithinGroupedAppend(scope =>
        {
            var (loaded, _) = Load(scope.Connection, scope.Transaction, caseId);
            var current = loaded?.Case.Copy();
            var decided = decide(current);
            if (!decided.IsSuccess)
            {
                return (Outcome<CaseStepReceipt>.Fail(decided.Error), (FoldedCase?)null);
            }

            var record = decided.Value;
            // The decision was made on the case as loaded in this transaction; check again right before writing,
            // so a caller that built the record elsewhere cannot slip past the rules.
            var refusal = record.CaseId != caseId
                ? WorkflowErrors.Invalid($"entry for case {record.CaseId} offered to case {caseId}")
                : CaseRules.Check(current, record);
            if (refusal is not null)
            {
                return (Outcome<CaseStepReceipt>.Fail(refusal), null);
            }

            var updated = current is null ? ResetCase.FromOpened(record) : current.Apply(record);
            var index = scope.Append(record.ToCanonicalBytes());
            Index(scope.Connection, scope.Transaction, updated, record, index);
            // The caller gets the case; the store keeps a copy of its own, which nobody changes.
            return (new CaseStepReceipt(updated, record, index), new FoldedCase(updated.Copy(), [.. loaded?.Indices ?? [], index]));
        });
        // Kept only now: the work above may run in a group that rolls back and runs again.
        if (after is not null)
        {
            folded.Keep(caseId, after, foldedFromStart: false);
        }

        return outcome;
    }

    public ResetCase? Find(string caseId) => LoadCommitted(caseId)?.Case.Copy();

    public IReadOnlyList<CaseSummary> List(CaseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var read = Log.Read();
        var command = read.Connection.Prepared(null, """
            SELECT case_id, state, directory || ':' || target, kind, channel, tier, initiator, ticket, opened_at, updated_at FROM case_index
            WHERE ($state IS NULL OR state = $state) AND ($target IS NULL OR target = $target)
              AND ($from IS NULL OR opened_at >= $from) AND ($to IS NULL OR opened_at < $to)
            ORDER BY opened_at DESC, case_id LIMIT $limit
            """);
        command.Parameters.AddWithValue("$state", query.State is { } s ? WireName.Of(s) : DBNull.Value);
        command.Parameters.AddWithValue("$target", (object?)query.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", query.OpenedFrom is { } f ? EvidenceRecord.FormatTime(f) : DBNull.Value);
        command.Parameters.AddWithValue("$to", query.OpenedTo is { } t ? EvidenceRecord.FormatTime(t) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var result = new List<CaseSummary>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            if (!WireName.TryParse<CaseState>(rows.GetString(1), out var state))
            {
                throw new InvalidDataException($"case_index holds an unknown state '{rows.GetString(1)}'; rebuild it with 'resettrail case reindex'");
            }

            result.Add(new CaseSummary(rows.GetString(0), state, rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetString(5),
                rows.GetString(6), rows.GetString(7), EvidenceRecord.ParseTime(rows.GetString(8)), EvidenceRecord.ParseTime(rows.GetString(9))));
        }

        return result;
    }

    public int FailedVerificationsSince(TargetIdentity target, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var read = Log.Read();
        var command = read.Connection.Prepared(null, "SELECT count(*) FROM verification_failures WHERE directory = $d AND target = $t AND at >= $since");
        command.Parameters.AddWithValue("$d", target.Directory);
        command.Parameters.AddWithValue("$t", target.Id);
        command.Parameters.AddWithValue("$since", EvidenceRecord.FormatTime(since));
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Index(SqliteConnection connection, SqliteTransaction transaction, ResetCase updated, EvidenceRecord record, ulong index)
    {
        var entry = connection.Prepared(transaction, """
            INSERT INTO case_entries (case_id, seq, log_index)
            VALUES ($case, (SELECT count(*) FROM case_entries WHERE case_id = $case), $index)
            """);
        entry.Parameters.AddWithValue("$case", updated.Id);
        entry.Parameters.AddWithValue("$index", checked((long)index));
        entry.ExecuteNonQuery();

        var summary = connection.Prepared(transaction, """
            INSERT INTO case_index (case_id, state, directory, target, kind, channel, tier, initiator, ticket, opened_at, updated_at)
            VALUES ($case, $state, $directory, $target, $kind, $channel, $tier, $initiator, $ticket, $opened, $updated)
            ON CONFLICT (case_id) DO UPDATE SET state = excluded.state, tier = excluded.tier, updated_at = excluded.updated_at
            """);
        summary.Parameters.AddWithValue("$case", updated.Id);
        summary.Parameters.AddWithValue("$state", WireName.Of(updated.State));
        summary.Parameters.AddWithValue("$directory", updated.Target.Directory);
        summary.Parameters.AddWithValue("$target", updated.Target.Id);
        summary.Parameters.AddWithValue("$kind", WireName.Of(updated.Kind));
        summary.Parameters.AddWithValue("$channel", WireName.Of(updated.Channel));
        summary.Parameters.AddWithValue("$tier", WireName.Of(updated.Decision.Tier));
        summary.Parameters.AddWithValue("$initiator", WireName.Of(updated.Initiator.Type) + (updated.Initiator.Organisation is { } org ? $" ({org})" : string.Empty));
        summary.Parameters.AddWithValue("$ticket", $"{updated.Ticket.System}:{updated.Ticket.Key}");
        summary.Parameters.AddWithValue("$opened", EvidenceRecord.FormatTime(updated.OpenedAt));
        summary.Parameters.AddWithValue("$updated", EvidenceRecord.FormatTime(record.At));
        summary.ExecuteNonQuery();

        if (record.Type == EvidenceType.VerificationRecorded && record.Data["result"]?.GetValue<string>() == "failed")
        {
            var failure = connection.Prepared(transaction, "INSERT INTO verification_failures (log_index, directory, target, at) VALUES ($index, $d, $t, $at)");
            failure.Parameters.AddWithValue("$index", checked((long)index));
            failure.Parameters.AddWithValue("$d", updated.Target.Directory);
            failure.Parameters.AddWithValue("$t", updated.Target.Id);
            failure.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(record.At));
            failure.ExecuteNonQuery();
        }
    }
}
