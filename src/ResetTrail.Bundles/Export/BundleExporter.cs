using System.Text.Json.Nodes;
using ResetTrail.Bundles.Format;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Proofs;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Bundles.Export;

/// <summary>
/// Builds a case's bundle from any evidence log. The caller (who knows its store) names the case's entries and its
/// policy version's entry; every proof is against the log's latest checkpoint, and nothing new is signed.
/// </summary>
public static class BundleExporter
{
    /// <summary>
    /// The case's entries (<paramref name="caseIndices"/>, in log order) must be read before calling: the latest
    /// checkpoint is taken here, so it covers every entry committed before.
    /// </summary>
    public static Result<EvidenceBundle> Export(IEvidenceLog log, string caseId, IReadOnlyList<ulong> caseIndices, ulong policyIndex, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(caseIndices);
        if (caseIndices.Count == 0)
        {
            return Result<EvidenceBundle>.Fail($"case {caseId} has no entries");
        }

        var checkpoint = log.LatestCheckpoint();
        var beyond = caseIndices.Append(policyIndex).Where(i => i >= checkpoint.Size).ToList();
        if (beyond.Count > 0)
        {
            return Result<EvidenceBundle>.Fail($"entry {beyond[0]} is not covered by the latest checkpoint (size {checkpoint.Size}); try again");
        }

        var entries = new List<BundleEntry>();
        var records = new List<EvidenceRecord>();
        foreach (var index in caseIndices)
        {
            var entry = Entry(log, index, checkpoint);
            if (!entry.IsSuccess)
            {
                return Result<EvidenceBundle>.Fail(entry.Error);
            }

            var record = EvidenceRecord.TryParse(entry.Value.Bytes);
            if (record is null || record.CaseId != caseId)
            {
                return Result<EvidenceBundle>.Fail($"log entry {index} is not evidence of case {caseId}: the case index is damaged; run 'resettrail case reindex'");
            }

            entries.Add(entry.Value.Entry);
            records.Add(record);
        }

        var policy = Entry(log, policyIndex, checkpoint);
        if (!policy.IsSuccess)
        {
            return Result<EvidenceBundle>.Fail(policy.Error);
        }

        if (EvidenceRecord.TryParse(policy.Value.Bytes) is not { Type: EvidenceType.PolicyPublished } published)
        {
            return Result<EvidenceBundle>.Fail($"log entry {policyIndex} is not a policy version");
        }

        if (records[0].Data["decision"] is not JsonObject decision)
        {
            return Result<EvidenceBundle>.Fail($"the first entry of case {caseId} (log entry {caseIndices[0]}) is not a case.opened with a decision");
        }

        var state = ResetCase.Replay(records).State;
        return new EvidenceBundle(
            EvidenceBundle.FormatV1,
            caseId,
            log.Origin,
            log.Verifier.Name,
            WireName.Of(state),
            checkpoint.SignedNote,
            entries,
            new BundlePolicy(Text(published, "hash"), Text(published, "version"), policy.Value.Entry),
            (JsonObject)decision.DeepClone(),
            EvidenceRecord.FormatTime(exportedAt));
    }

    private static Result<(BundleEntry Entry, byte[] Bytes)> Entry(IEvidenceLog log, ulong index, StoredCheckpoint checkpoint)
    {
        var stored = log.ReadEntries(index, index + 1).SingleOrDefault();
        if (stored is null)
        {
            return Result<(BundleEntry, byte[])>.Fail($"the log has no entry {index}");
        }

        var proof = log.InclusionProof(index, checkpoint.Size);
        if (!proof.IsSuccess)
        {
            return Result<(BundleEntry, byte[])>.Fail(proof.Error);
        }

        var text = new TlogProof(index, proof.Value, checkpoint.SignedNote).Format();
        return (new BundleEntry(index, Convert.ToBase64String(stored.Data), text), stored.Data);
    }

    private static string Text(EvidenceRecord record, string name) =>
        record.Data[name]?.GetValue<string>() ?? throw new InvalidDataException($"policy entry lacks {name}");
}
