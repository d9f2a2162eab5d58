using ResetTrail.Bundles.Format;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// That one entry's bytes are in the log: its proof is a canonical c2sp.org/tlog-proof@v1 for its index, against
/// the bundle's own checkpoint byte for byte, and the RFC 6962 leaf hash of its bytes is included at that index
/// (RFC 9162 §2.1.3.2). Canonical forms are required so no two texts carry the same evidence: base64 decoders
/// ignore padding bits, a proof parser would ignore an extra line.
/// </summary>
internal static class EntryProofCheck
{
    /// <summary>The check names for a case entry, or for the policy entry.</summary>
    public sealed record Names(string Bytes, string Proof, string Index, string Checkpoint, string Inclusion);

    public static readonly Names CaseEntry = new(BundleChecks.EntryBytes, BundleChecks.EntryProof, BundleChecks.EntryIndex, BundleChecks.EntryCheckpoint, BundleChecks.EntryInclusion);

    public static readonly Names PolicyEntry = new(BundleChecks.PolicyBytes, BundleChecks.PolicyProof, BundleChecks.PolicyIndex, BundleChecks.PolicyCheckpoint, BundleChecks.PolicyInclusion);

    /// <summary>Returns the entry's bytes when they could be read (even if a proof check failed), else null.</summary>
    public static byte[]? Run(BundleEntry entry, string bundleCheckpoint, Checkpoint? trusted, Names names, Findings findings, int? position)
    {
        var bytes = CanonicalBase64.TryDecode(entry.Entry);
        if (bytes is null)
        {
            findings.Fail(names.Bytes, "the entry is not canonical standard base64", position, entry.Index);
        }

        var parsed = TlogProof.Parse(entry.Proof);
        if (!parsed.IsSuccess)
        {
            findings.Fail(names.Proof, $"the proof is not a c2sp.org/tlog-proof@v1: {parsed.Error}", position, entry.Index);
            return bytes;
        }

        var proof = parsed.Value;
        if (proof.Extra is not null)
        {
            findings.Fail(names.Proof, "the proof carries an 'extra' line: unauthenticated data a bundle never holds", position, entry.Index);
        }
        else if (proof.Format() != entry.Proof)
        {
            findings.Fail(names.Proof, "the proof is not in canonical form (a hash or line differs from what its values print as)", position, entry.Index);
        }

        if (proof.Index != entry.Index)
        {
            findings.Fail(names.Index, $"the proof is for log index {proof.Index}, the entry says {entry.Index}", position, entry.Index);
        }

        if (!string.Equals(proof.SignedCheckpoint, bundleCheckpoint, StringComparison.Ordinal))
        {
            findings.Fail(names.Checkpoint, "the proof's checkpoint is not byte-identical to the bundle's checkpoint", position, entry.Index);
        }

        if (trusted is not null && bytes is not null)
        {
            var check = ProofVerifier.VerifyInclusion(entry.Index, trusted.Size, Rfc6962.HashLeaf(bytes), proof.InclusionProof, trusted.RootHash);
            if (!check.IsValid)
            {
                findings.Fail(names.Inclusion, $"the entry is not included at log index {entry.Index} under the checkpoint: {check.Error}", position, entry.Index);
            }
        }

        return bytes;
    }
}
