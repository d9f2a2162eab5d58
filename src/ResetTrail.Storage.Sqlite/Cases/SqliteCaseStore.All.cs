using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    /// <summary>
    /// Every case, replayed from the log, newest opened first (reconciliation and the dashboard hold a desk's cases
    /// in memory). One read of every case's entries in case order, in one snapshot, rather than a query per case.
    /// </summary>
    public IReadOnlyList<ResetCase> LoadAll()
    {
        using var read = Log.Read();
        var command = read.Connection.Prepared(null, """
            SELECT c.case_id, e.entry FROM case_index i
            JOIN case_entries c ON c.case_id = i.case_id
            JOIN log_entries e ON e.idx = c.log_index
            ORDER BY i.opened_at DESC, i.case_id, c.seq
            """);
        return CaseReplays.ReplayEach(Rows(command));
    }

    private static IEnumerable<(string CaseId, byte[] Entry)> Rows(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return (rows.GetString(0), (byte[])rows[1]);
        }
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
