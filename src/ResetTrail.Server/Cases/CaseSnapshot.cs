using ResetTrail.Core.Workflow;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Cases;

/// <summary>
/// Every case, folded, for the views that need them all (dashboard, findings): loaded once, then brought up to date
/// by refolding only the cases with entries newer than the last one seen. A request pays one indexed query when
/// nothing changed. Cases are immutable folds, so the list handed out is never changed afterwards.
/// </summary>
public sealed class CaseSnapshot(ServerDatabase database)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResetCase> byId = new(StringComparer.Ordinal);
    private IReadOnlyList<ResetCase> ordered = [];
    private long highWater = -1;

    /// <summary>Every case, newest opened first, as of this call.</summary>
    public IReadOnlyList<ResetCase> Current()
    {
        lock (gate)
        {
            var (newHighWater, changed) = database.Cases.CasesChangedAfter(highWater);
            if (changed.Count == 0)
            {
                return ordered;
            }

            if (highWater < 0)
            {
                foreach (var loaded in database.Cases.LoadAll())
                {
                    byId[loaded.Id] = loaded;
                }
            }
            else
            {
                foreach (var id in changed)
                {
                    if (database.Cases.Find(id) is { } refolded)
                    {
                        byId[id] = refolded;
                    }
                }
            }

            highWater = newHighWater;
            ordered = [.. byId.Values.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
            return ordered;
        }
    }
}
