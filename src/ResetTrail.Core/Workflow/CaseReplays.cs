using ResetTrail.Core.Evidence;

namespace ResetTrail.Core.Workflow;

/// <summary>Replays many cases from one pass over their entries, as a store reads them all at once.</summary>
public static class CaseReplays
{
    /// <summary>
    /// One case per run of rows with the same case id, in the order the runs come; each case's rows in step order.
    /// A row that is not evidence means the database was damaged, and says how to find where.
    /// </summary>
    public static IReadOnlyList<ResetCase> ReplayEach(IEnumerable<(string CaseId, byte[] Entry)> rowsInCaseOrder)
    {
        ArgumentNullException.ThrowIfNull(rowsInCaseOrder);
        var cases = new List<ResetCase>();
        var records = new List<EvidenceRecord>();
        string? current = null;
        foreach (var (caseId, entry) in rowsInCaseOrder)
        {
            if (current is not null && caseId != current)
            {
                cases.Add(ResetCase.Replay(records));
                records = [];
            }

            current = caseId;
            records.Add(EvidenceRecord.TryParse(entry)
                ?? throw new InvalidDataException($"an entry of case {caseId} is not evidence: the database is damaged; run 'resettrail log verify'"));
        }

        if (records.Count > 0)
        {
            cases.Add(ResetCase.Replay(records));
        }

        return cases;
    }
}
