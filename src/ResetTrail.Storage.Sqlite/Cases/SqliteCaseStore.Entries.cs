using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    /// <summary>The log indices of a case's entries, in log order (empty when there is no such case); for bundle export.</summary>
    public IReadOnlyList<ulong> EntryIndices(string caseId) => LoadCommitted(caseId) is { } found ? [.. found.Indices] : [];
}
