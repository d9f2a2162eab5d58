using System.Text;
using System.Text.Json.Nodes;
using ResetTrail.Bundles.Format;
using ResetTrail.Bundles.Tests.Fixtures;
using ResetTrail.Bundles.Verification;
using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.Bundles.Tests.Verification;

/// <summary>
/// A bundle changed in any byte fails, and says what failed. Every byte is flipped one at a time; then the edits a
/// forger would make on purpose, each keeping the file well-formed.
/// </summary>
public sealed class TamperTests : IClassFixture<TamperTests.Exported>
{
    private readonly Exported exported;

    public TamperTests(Exported exported) => this.exported = exported;

    [Fact]
    public void Flipping_any_byte_of_the_bundle_fails_verification_with_a_named_check()
    {
        var bytes = Encoding.UTF8.GetBytes(exported.Json);
        var (claimStart, claimEnd) = ExportTimeValue(exported.Json);
        var undetected = new System.Collections.Concurrent.ConcurrentBag<int>();
        var unnamed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var crashed = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, bytes.Length, position =>
        {
            // The export time is the exporter's claim, not evidence (bundle-format.md); its own test is below.
            if (position >= claimStart && position < claimEnd)
            {
                return;
            }

            var tampered = (byte[])bytes.Clone();
            tampered[position] ^= 0x01;
            BundleReport report;
            try
            {
                report = BundleVerifier.Verify(tampered, exported.Sample.Key);
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException or FormatException or InvalidCastException)
            {
                crashed.Add($"{position} ({Context(exported.Json, position)}): {e.GetType().Name} {e.Message}");
                return;
            }

            if (report.IsValid)
            {
                undetected.Add(position);
            }
            else if (report.Failures.Any(f => string.IsNullOrWhiteSpace(f.Check) || string.IsNullOrWhiteSpace(f.Message)))
            {
                unnamed.Add(position);
            }
        });

        Assert.True(undetected.IsEmpty, $"undetected flips at {string.Join(", ", undetected.Order().Take(20).Select(p => $"{p} ({Context(exported.Json, p)})"))}");
        Assert.Empty(unnamed);
        Assert.True(crashed.IsEmpty, string.Join("\n", crashed.Take(10)));
    }

    [Fact]
    public void The_export_time_is_a_claim_held_to_its_form_and_to_the_entries()
    {
        var bundle = exported.Bundle;

        Assert.Equal(BundleChecks.ExportedAt, FailedCheck(bundle with { ExportedAt = "2026-03-10 10:00:00Z" }));
        Assert.Equal(BundleChecks.ExportedAt, FailedCheck(bundle with { ExportedAt = "2020-01-01T00:00:00.000Z" }));
        Assert.True(BundleVerifier.Verify(BundleJson.Write(bundle with { ExportedAt = "2031-01-01T00:00:00.000Z" }), exported.Sample.Key).IsValid);
    }

    [Fact]
    public void Changing_one_byte_of_an_entry_breaks_its_inclusion()
    {
        var entries = exported.Bundle.Entries.ToList();
        var bytes = Convert.FromBase64String(entries[3].Entry);
        bytes[^2] ^= 0x20;
        entries[3] = entries[3] with { Entry = Convert.ToBase64String(bytes) };

        var failure = Failure(exported.Bundle with { Entries = entries }, BundleChecks.EntryInclusion);

        Assert.Equal((3, entries[3].Index), (failure.Entry, failure.LogIndex));
    }

    [Fact]
    public void Swapping_two_entries_breaks_the_log_order()
    {
        var entries = exported.Bundle.Entries.ToList();
        (entries[2], entries[3]) = (entries[3], entries[2]);

        var failure = Failure(exported.Bundle with { Entries = entries }, BundleChecks.EntryOrder);

        Assert.Equal(3, failure.Entry);
    }

    [Fact]
    public void Dropping_any_entry_fails()
    {
        for (var i = 0; i < exported.Bundle.Entries.Count; i++)
        {
            var entries = exported.Bundle.Entries.Where((_, j) => j != i).ToList();
            Assert.NotNull(FailedCheck(exported.Bundle with { Entries = entries }));
        }
    }

    [Fact]
    public void Dropping_the_closing_entry_contradicts_the_declared_state()
    {
        var entries = exported.Bundle.Entries.SkipLast(1).ToList();

        var failure = Failure(exported.Bundle with { Entries = entries }, BundleChecks.State);

        Assert.Contains("says the case is closed, but its entries leave it validating", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_from_another_log_fails_its_signature_and_every_proof()
    {
        using var other = SampleCase.Closed();
        var foreign = other.ExportBundle().Checkpoint;

        var report = BundleVerifier.Verify(BundleJson.Write(exported.Bundle with { Checkpoint = foreign }), exported.Sample.Key);

        Assert.Contains(report.Failures, f => f.Check == BundleChecks.Checkpoint);
        Assert.Equal(exported.Bundle.Entries.Count, report.Failures.Count(f => f.Check == BundleChecks.EntryCheckpoint));
    }

    [Fact]
    public void Altering_a_proof_hash_breaks_inclusion()
    {
        var entries = exported.Bundle.Entries.ToList();
        var proof = TlogProof.Parse(entries[1].Proof).Value;
        var hashes = proof.InclusionProof.Select(h => h.ToArray()).ToList();
        hashes[0][5] ^= 0xFF;
        entries[1] = entries[1] with { Proof = (proof with { InclusionProof = hashes }).Format() };

        var failure = Failure(exported.Bundle with { Entries = entries }, BundleChecks.EntryInclusion);

        Assert.Equal(1, failure.Entry);
    }

    [Fact]
    public void Altering_an_index_is_caught_by_the_proof()
    {
        var entries = exported.Bundle.Entries.ToList();
        entries[4] = entries[4] with { Index = entries[4].Index + 1 };

        var failure = Failure(exported.Bundle with { Entries = entries }, BundleChecks.EntryIndex);

        Assert.Equal(4, failure.Entry);
    }

    [Fact]
    public void Altering_the_decision_is_caught_against_case_opened()
    {
        var decision = (JsonObject)exported.Bundle.Decision.DeepClone();
        decision["approvals"]!["count"] = 0;

        Failure(exported.Bundle with { Decision = decision }, BundleChecks.Decision);
    }

    [Fact]
    public void Altering_the_policy_text_breaks_the_policy_entrys_inclusion()
    {
        var entry = exported.Bundle.Policy.Entry;
        var record = JsonNode.Parse(Convert.FromBase64String(entry.Entry))!.AsObject();
        record["data"]!["text"] = Convert.ToBase64String("version: \"2026-11-01\"\n# relaxed\n"u8);
        var altered = exported.Bundle.Policy with { Entry = entry with { Entry = Convert.ToBase64String(Encoding.UTF8.GetBytes(record.ToJsonString())) } };

        var report = BundleVerifier.Verify(BundleJson.Write(exported.Bundle with { Policy = altered }), exported.Sample.Key);

        Assert.Contains(report.Failures, f => f.Check == BundleChecks.PolicyInclusion);
        Assert.Contains(report.Failures, f => f.Check == BundleChecks.PolicyHash && f.Message.Contains("its text hashes to", StringComparison.Ordinal));
    }

    [Fact]
    public void Claiming_another_policy_version_is_caught()
    {
        Failure(exported.Bundle with { Policy = exported.Bundle.Policy with { Version = "2027-01-01" } }, BundleChecks.PolicyVersion);
        Failure(exported.Bundle with { Policy = exported.Bundle.Policy with { Hash = new string('0', 64) } }, BundleChecks.PolicyHash);
    }

    [Fact]
    public void Another_case_id_or_key_name_is_caught()
    {
        Failure(exported.Bundle with { Case = "RT-2" }, BundleChecks.EntryCase);
        Failure(exported.Bundle with { KeyName = "example.org/other" }, BundleChecks.KeyName);
        Failure(exported.Bundle with { Origin = "example.org/other" }, BundleChecks.Origin);
    }

    [Fact]
    public void A_proof_with_an_extra_line_is_refused()
    {
        var entries = exported.Bundle.Entries.ToList();
        entries[0] = entries[0] with { Proof = (TlogProof.Parse(entries[0].Proof).Value with { Extra = [1, 2, 3] }).Format() };

        Failure(exported.Bundle with { Entries = entries }, BundleChecks.EntryProof);
    }

    private static (int Start, int End) ExportTimeValue(string json)
    {
        var start = Encoding.UTF8.GetByteCount(json[..(json.IndexOf("\"exported_at\": \"", StringComparison.Ordinal) + "\"exported_at\": \"".Length)]);
        return (start, start + "2026-03-10T09:00:00.000Z".Length);
    }

    private static string Context(string json, int position)
    {
        var at = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(json)[..position]).Length;
        return json.Substring(Math.Max(0, at - 15), Math.Min(30, json.Length - Math.Max(0, at - 15))).ReplaceLineEndings(" ");
    }

    private string? FailedCheck(EvidenceBundle bundle) =>
        BundleVerifier.Verify(BundleJson.Write(bundle), exported.Sample.Key).Failures is { Count: > 0 } failures ? failures[0].Check : null;

    /// <summary>The first failure of <paramref name="check"/>; the bundle must fail it.</summary>
    private BundleFinding Failure(EvidenceBundle bundle, string check)
    {
        var report = BundleVerifier.Verify(BundleJson.Write(bundle), exported.Sample.Key);
        Assert.False(report.IsValid);
        Assert.Contains(report.Failures, f => f.Check == check);
        return report.Failures.First(f => f.Check == check);
    }

    /// <summary>One closed case, exported once for every test here.</summary>
    public sealed class Exported : IDisposable
    {
        public Exported()
        {
            Sample = SampleCase.Closed();
            Json = Sample.Export();
            Bundle = BundleJson.Read(Json).Value;
        }

        internal SampleCase Sample { get; }

        public string Json { get; }

        public EvidenceBundle Bundle { get; }

        public void Dispose() => Sample.Dispose();
    }
}
