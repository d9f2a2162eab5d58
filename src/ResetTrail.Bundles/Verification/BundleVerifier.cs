using ResetTrail.Bundles.Account;
using ResetTrail.Bundles.Format;
using ResetTrail.Core.Evidence;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// Verifies a bundle offline with the log's public key alone, in this order: format; checkpoint signature and
/// origin; each entry's proof and inclusion; the entries as one case's chain in log order; the chain replayed
/// through the workflow's rules; completeness and the exporter's declared state; the decision; the policy version;
/// the export time. Every check that runs is reported, passed or failed, with the entry and check it concerns.
/// </summary>
public static class BundleVerifier
{
    public static BundleReport Verify(string json, VerifierKey key) => Verify(BundleJson.Read(json), key);

    public static BundleReport Verify(ReadOnlySpan<byte> utf8Json, VerifierKey key) => Verify(BundleJson.Read(utf8Json), key);

    private static BundleReport Verify(Result<EvidenceBundle> read, VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var findings = new Findings();
        if (!read.IsSuccess)
        {
            findings.Fail(BundleChecks.Format, read.Error);
            return new BundleReport(findings.All, null);
        }

        var bundle = read.Value;
        findings.Ok(BundleChecks.Format, $"{EvidenceBundle.FormatV1}, case {bundle.Case}, {bundle.Entries.Count} entries");
        var checkpoint = CheckpointCheck.Run(bundle, key, findings);

        var records = new List<EvidenceRecord?>();
        for (var i = 0; i < bundle.Entries.Count; i++)
        {
            var entry = bundle.Entries[i];
            var failures = findings.FailureCount;
            var bytes = EntryProofCheck.Run(entry, bundle.Checkpoint, checkpoint, EntryProofCheck.CaseEntry, findings, i);
            var record = ChainCheck.ParseRecord(bundle, i, bytes, findings);
            records.Add(record);
            if (findings.FailureCount == failures && checkpoint is not null && record is not null)
            {
                findings.Ok(BundleChecks.Entry, $"{EvidenceTypes.Name(record.Type)}: included in the checkpoint", i, entry.Index);
            }
        }

        var chain = ChainCheck.Replay(bundle, records, findings);
        ChainCheck.Conclude(bundle, chain, findings);
        var decision = chain.Records.Count > 0 && chain.Records[0].Data["decision"] is System.Text.Json.Nodes.JsonObject recorded ? recorded : bundle.Decision;
        var policy = PolicyCheck.Run(bundle, checkpoint, decision, findings);
        var asOf = ExportTime(bundle, records, policy, findings);

        var account = chain.Case is { } replayed
            ? CaseAccountBuilder.Build(replayed, [.. bundle.Entries.Select(e => e.Index)], chain.Rules,
                policy is null ? null : $"log index {policy.Index} by {policy.Record.Actor} at {EvidenceRecord.FormatTime(policy.Record.At)}", asOf)
            : null;
        return new BundleReport(findings.All, account);
    }

    /// <summary>
    /// The export time is the exporter's claim, not covered by any signature; it is held to one spelling and to
    /// not preceding the newest entry, and it is the time control failures are judged at.
    /// </summary>
    private static DateTimeOffset ExportTime(EvidenceBundle bundle, IReadOnlyList<EvidenceRecord?> records, PolicyCheck.Published? policy, Findings findings)
    {
        var newest = records.OfType<EvidenceRecord>().Select(r => r.At).Append(policy?.Record.At ?? DateTimeOffset.MinValue).Max();
        DateTimeOffset exported;
        try
        {
            exported = EvidenceRecord.ParseTime(bundle.ExportedAt);
        }
        catch (FormatException)
        {
            findings.Fail(BundleChecks.ExportedAt, $"'{bundle.ExportedAt}' is not a UTC time written yyyy-MM-ddTHH:mm:ss.fffZ");
            return newest;
        }

        if (EvidenceRecord.FormatTime(exported) != bundle.ExportedAt)
        {
            findings.Fail(BundleChecks.ExportedAt, $"'{bundle.ExportedAt}' is not written in the one form evidence uses");
            return newest;
        }

        if (exported < newest)
        {
            findings.Fail(BundleChecks.ExportedAt, $"exported at {bundle.ExportedAt}, before its newest entry ({EvidenceRecord.FormatTime(newest)})");
            return newest;
        }

        findings.Ok(BundleChecks.ExportedAt, $"{bundle.ExportedAt} by the exporter's clock (not covered by the signature)");
        return exported;
    }
}
