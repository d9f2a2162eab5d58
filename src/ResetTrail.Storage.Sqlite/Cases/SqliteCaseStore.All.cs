using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    /// <summary>
    /// Every case, replayed from the log, newest opened first (reconciliation and the dashboard hold a desk's cases
    /// in memory). One read of every case's entries in case order, in one snapshot, rather than a query per case.
    /// </summary>
    public List<ResetCase> LoadAll()
    {
        using var read = Log.Read();
        var command = read.Connection.Prepared(null, """
            SELECT c.case_id, e.entry FROM case_index i
            JOIN case_entries c ON c.case_id = i.case_id
            JOIN log_entries e ON e.idx = c.log_index
            ORDER BY i.opened_at DESC, i.case_id, c.seq
            """);
        var cases = new List<ResetCase>();
        var records = new List<EvidenceRecord>();
        string? current = null;
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var caseId = rows.GetString(0);
            if (current is not null && caseId != current)
            {
                cases.Add(ResetCase.Replay(records));
                records = [];
            }

            current = caseId;
            records.Add(EvidenceRecord.TryParse((byte[])rows[1])
                ?? throw new InvalidDataException($"an entry of case {caseId} is not evidence: the database is damaged; run 'resettrail log verify'"));
        }

        if (records.Count > 0)
        {
            cases.Add(ResetCase.Replay(records));
        }

        return cases;
    }

    /// <summary>
    /// The cases with an entry after log index <paramref name="after"/> (-1: every case), and the highest case
    /// entry's index (or <paramref name="after"/> when none is newer): what a cached set of cases must refold.
    /// </summary>
    public (long HighWater, IReadOnlyList<string> CaseIds) CasesChangedAfter(long after)
    {
        using var read = Log.Read();
        var command = read.Connection.Prepared(null, "SELECT case_id, log_index FROM case_entries WHERE log_index > $after ORDER BY log_index");
        command.Parameters.AddWithValue("$after", after);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var highWater = after;
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
            highWater = rows.GetInt64(1);
        }

        return (highWater, [.. ids]);
    }
}
