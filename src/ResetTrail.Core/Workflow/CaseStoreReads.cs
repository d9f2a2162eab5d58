namespace ResetTrail.Core.Workflow;

/// <summary>Reads every backend answers the same way from the <see cref="ICaseStore"/> contract alone.</summary>
public static class CaseStoreReads
{
    /// <summary>Every case, replayed from the log (reconciliation and the dashboard hold a desk's cases in memory).</summary>
    public static IReadOnlyList<ResetCase> LoadAll(this ICaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. store.List(new CaseQuery { Limit = int.MaxValue }).Select(summary => store.Find(summary.CaseId)!)];
    }
}
