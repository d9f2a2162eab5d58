using ResetTrail.Bundles.Format;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Bundles.Export;

/// <summary>
/// One case's bundle from a store and its log, for the command line and the server alike: the case's entries are
/// read first, then the exporter takes the checkpoint, so the checkpoint covers every entry read.
/// </summary>
public static class CaseBundle
{
    /// <summary>The bundle, or why not; <paramref name="entryIndices"/> are the case's log indices in log order, as the store lists them.</summary>
    public static Result<EvidenceBundle> Export(IEvidenceLog log, ICaseStore store, string caseId, IReadOnlyList<ulong> entryIndices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entryIndices);
        var current = store.Find(caseId);
        if (entryIndices.Count == 0 || current is null)
        {
            return Result<EvidenceBundle>.Fail($"RT-2002: no case {caseId}");
        }

        var policy = store.PolicyByHash(current.Decision.PolicyHash);
        return policy is null
            ? Result<EvidenceBundle>.Fail($"the policy version {current.Decision.PolicyHash} that decided case {caseId} is not published in this database")
            : BundleExporter.Export(log, caseId, entryIndices, policy.LogIndex, now);
    }
}
