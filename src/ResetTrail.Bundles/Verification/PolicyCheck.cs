using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ResetTrail.Bundles.Format;
using ResetTrail.Core.Evidence;
using ResetTrail.EvidenceLog.Checkpoints;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// The policy version that decided the case, as its policy.published entry: in the log, published before the case
/// opened, its hash the SHA-256 of its text, and the very version the decision names. An auditor then holds the
/// exact policy text and can check the decision's rule and line against it.
/// </summary>
internal static class PolicyCheck
{
    public sealed record Published(EvidenceRecord Record, string Hash, string Version, byte[] Text, ulong Index);

    public static Published? Run(EvidenceBundle bundle, Checkpoint? trusted, JsonObject decision, Findings findings)
    {
        var entry = bundle.Policy.Entry;
        var failures = findings.FailureCount;
        var bytes = EntryProofCheck.Run(entry, bundle.Checkpoint, trusted, EntryProofCheck.PolicyEntry, findings, null);
        if (bytes is null)
        {
            return null;
        }

        if (Evidence.TryRead(bytes) is not { Type: EvidenceType.PolicyPublished, CaseId: null } record)
        {
            findings.Fail(BundleChecks.PolicyRecord, "the policy entry is not a policy.published record", null, entry.Index);
            return null;
        }

        var hash = Evidence.Text(record.Data, "hash");
        var version = Evidence.Text(record.Data, "version");
        var text = Evidence.Text(record.Data, "text") is { } encoded ? CanonicalBase64.TryDecode(encoded) : null;
        if (hash is null || version is null || text is null)
        {
            findings.Fail(BundleChecks.PolicyRecord, "the policy entry lacks its hash, version or base64 text", null, entry.Index);
            return null;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(text));
        var decided = Evidence.Text(decision, "policy_hash");
        var decidedVersion = Evidence.Text(decision, "policy_version");
        if (actual != hash)
        {
            findings.Fail(BundleChecks.PolicyHash, $"the policy entry says sha256 {hash}, but its text hashes to {actual}", null, entry.Index);
        }

        if (bundle.Policy.Hash != hash)
        {
            findings.Fail(BundleChecks.PolicyHash, $"the bundle says policy sha256 {bundle.Policy.Hash}, its policy entry says {hash}", null, entry.Index);
        }

        if (decided != hash)
        {
            findings.Fail(BundleChecks.PolicyHash, $"the case was decided under policy sha256 {decided}, but the bundle's policy entry is {hash}", null, entry.Index);
        }

        if (bundle.Policy.Version != version || decidedVersion != version)
        {
            findings.Fail(BundleChecks.PolicyVersion,
                $"policy versions disagree: entry '{version}', bundle '{bundle.Policy.Version}', decision '{decidedVersion}'", null, entry.Index);
        }

        if (bundle.Entries.Count > 0 && entry.Index >= bundle.Entries[0].Index)
        {
            findings.Fail(BundleChecks.PolicyOrder, $"the policy version (log index {entry.Index}) was not published before the case opened (log index {bundle.Entries[0].Index})", null, entry.Index);
        }

        if (findings.FailureCount == failures)
        {
            findings.Ok(BundleChecks.Policy, $"version {version}, sha256 {hash}: included, published by {record.Actor} at {EvidenceRecord.FormatTime(record.At)}", null, entry.Index);
        }

        return new Published(record, hash, version, text, entry.Index);
    }
}
