using Microsoft.Data.Sqlite;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    private const string EntriesFrom = """
        SELECT c.seq, c.log_index, e.entry FROM case_entries c JOIN log_entries e ON e.idx = c.log_index
        WHERE c.case_id = $case AND c.seq >= $from ORDER BY c.seq
        """;

    private readonly FoldedCases folded = new();

    /// <summary>
    /// The case as its entries in the file say, starting from the kept fold: one query reads the kept last entry's
    /// row (to check it) and any entries after it, which are folded onto a copy. Null when the case has no entries.
    /// The result is shared: callers copy its case before changing it.
    /// </summary>
    private (FoldedCase? Case, bool FromStart) Load(SqliteConnection connection, SqliteTransaction? transaction, string caseId)
    {
        if (folded.Get(caseId) is { } kept && FoldFrom(connection, transaction, caseId, kept) is { } extended)
        {
            return (extended, false);
        }

        return (FoldFrom(connection, transaction, caseId, null), true);
    }

    /// <summary>Reads a case once for a caller outside a transaction and keeps the fold (the read saw only committed entries).</summary>
    private FoldedCase? LoadCommitted(string caseId)
    {
        using var read = Log.Read();
        var (found, fromStart) = Load(read.Connection, null, caseId);
        if (found is not null)
        {
            folded.Keep(caseId, found, fromStart);
        }

        return found;
    }

    /// <summary>
    /// Folds the entries after <paramref name="kept"/> onto a copy of it (or all entries when it is null). Returns
    /// null when the case has no entries, or when the kept fold's last entry is not where the kept fold says.
    /// </summary>
    private static FoldedCase? FoldFrom(SqliteConnection connection, SqliteTransaction? transaction, string caseId, FoldedCase? kept)
    {
        var command = connection.Prepared(transaction, EntriesFrom);
        command.Parameters.AddWithValue("$case", caseId);
        command.Parameters.AddWithValue("$from", kept is null ? 0 : kept.Count - 1);
        ResetCase? current = null;
        List<ulong>? indices = null;
        using (var rows = command.ExecuteReader())
        {
            if (kept is not null && (!rows.Read() || rows.GetInt64(0) != kept.Count - 1 || (ulong)rows.GetInt64(1) != kept.LastIndex))
            {
                return null;
            }

            while (rows.Read())
            {
                var record = EvidenceRecord.TryParse((byte[])rows[2])
                    ?? throw new InvalidDataException($"an entry of case {caseId} is not evidence: the database is damaged; run 'resettrail log verify'");
                current = current is not null ? current.Apply(record)
                    : kept is not null ? kept.Case.Copy().Apply(record)
                    : ResetCase.FromOpened(record);
                indices ??= kept is null ? [] : [.. kept.Indices];
                indices.Add((ulong)rows.GetInt64(1));
            }
        }

        return current is null ? kept : new FoldedCase(current, [.. indices!]);
    }
}
