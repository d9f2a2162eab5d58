using Npgsql;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Postgres.Cases;

public sealed partial class PostgresCaseStore
{
    /// <summary>Every case, replayed from the log, newest opened first: one query over every case's entries, in case order.</summary>
    public IReadOnlyList<ResetCase> LoadAll()
    {
        using var connection = Log.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("""
            SELECT c.case_id, e.entry FROM case_index i
            JOIN case_entries c ON c.case_id = i.case_id
            JOIN log_entries e ON e.idx = c.log_index
            ORDER BY i.opened_at DESC, i.case_id, c.seq
            """, connection);
        return CaseReplays.ReplayEach(Rows(command));
    }

    private static IEnumerable<(string CaseId, byte[] Entry)> Rows(NpgsqlCommand command)
    {
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return (rows.GetString(0), rows.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>The cases with an entry after log index <paramref name="after"/> (-1: every case), and the highest case entry's index.</summary>
    public (long HighWater, IReadOnlyList<string> CaseIds) CasesChangedAfter(long after)
    {
        using var connection = Log.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT case_id, log_index FROM case_entries WHERE log_index > $1 ORDER BY log_index", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
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
