using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    /// <summary>The log indices of a case's entries, in log order (empty when there is no such case); for bundle export.</summary>
    public IReadOnlyList<ulong> EntryIndices(string caseId)
    {
        using var connection = SqliteDatabase.Open(Log.Path, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT log_index FROM case_entries WHERE case_id = $case ORDER BY seq";
        command.Parameters.AddWithValue("$case", caseId);
        var indices = new List<ulong>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            indices.Add((ulong)rows.GetInt64(0));
        }

        return indices;
    }

    /// <summary>Every case, replayed from the log (reconciliation holds a desk's cases in memory).</summary>
    public List<ResetCase> LoadAll() => [.. List(new CaseQuery { Limit = int.MaxValue }).Select(summary => Find(summary.CaseId)!)];
}
