using ResetTrail.Core.Evidence;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Pages.Evidence;

/// <summary>The log's latest checkpoint and whether its signature verifies with the log's key.</summary>
public sealed record CheckpointStatus(StoredCheckpoint Stored, string Origin, string Key, Checkpoint? Verified, string? Problem);

/// <summary>One entry of a case's chain with its proof status against the latest checkpoint.</summary>
public sealed record ChainEntry(ulong Index, EvidenceRecord? Record, string LeafHash, bool Proven, string Status);

/// <summary>
/// A case's evidence chain as an auditor checks it: every entry read from the log, its RFC 9162 inclusion proof
/// against the latest checkpoint computed by the log and verified here with <see cref="ProofVerifier"/> against the
/// checkpoint's root, after the checkpoint's signature is verified with the log's key.
/// </summary>
public static class EvidenceChain
{
    public static CheckpointStatus Latest(ServerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var log = database.Log;
        var stored = log.LatestCheckpoint();
        var opened = Checkpoint.Open(stored.SignedNote, log.Origin, [log.Verifier]);
        return new CheckpointStatus(stored, log.Origin, log.Verifier.ToString(), opened.IsSuccess ? opened.Value : null, opened.IsSuccess ? null : opened.Error);
    }

    public static IReadOnlyList<ChainEntry> Of(ServerDatabase database, string caseId, CheckpointStatus checkpoint)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var log = database.Log;
        var chain = new List<ChainEntry>();
        foreach (var index in database.Cases.EntryIndices(caseId))
        {
            var stored = log.ReadEntries(index, index + 1).SingleOrDefault();
            if (stored is null)
            {
                chain.Add(new ChainEntry(index, null, string.Empty, false, "✘ the log has no such entry"));
                continue;
            }

            var leaf = Rfc6962.HashLeaf(stored.Data);
            chain.Add(new ChainEntry(index, EvidenceRecord.TryParse(stored.Data), Convert.ToHexStringLower(leaf), Status(log, index, leaf, checkpoint, out var status), status));
        }

        return chain;
    }

    private static bool Status(IEvidenceLog log, ulong index, byte[] leaf, CheckpointStatus checkpoint, out string status)
    {
        if (checkpoint.Verified is not { } trusted)
        {
            status = "✘ the checkpoint's signature does not verify, so no proof can be trusted";
            return false;
        }

        if (index >= trusted.Size)
        {
            status = $"… not yet covered by the latest checkpoint (size {trusted.Size})";
            return false;
        }

        var proof = log.InclusionProof(index, trusted.Size);
        if (!proof.IsSuccess)
        {
            status = $"✘ no inclusion proof: {proof.Error}";
            return false;
        }

        var check = ProofVerifier.VerifyInclusion(index, trusted.Size, leaf, proof.Value, trusted.RootHash);
        status = check.IsValid ? $"✔ included (proof of {proof.Value.Count} hashes verified against checkpoint size {trusted.Size})" : $"✘ proof does not verify: {check.Error}";
        return check.IsValid;
    }
}
