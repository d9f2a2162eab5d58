using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>Properties of random command sequences; each runs a few hundred sequences of up to 36 moves.</summary>
public sealed partial class WorkflowPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(600).WithQuietOnSuccess(true);

    [Fact]
    public void No_sequence_executes_a_reset_without_the_verification_and_valid_approvals_of_the_current_digest()
    {
        var executed = 0;
        Check.One(Runs, Prop.ForAll(RandomRuns.Arbitrary, run =>
        {
            var result = RandomRuns.Play(run);
            executed += result.Executions;
            Assert.Empty(result.Breaches);
            Assert.True(result.Driver.Case.Execution is null || result.Driver.Records.Count(r => r.Type == EvidenceType.ResetExecuted) == 1);
        }));

        Assert.True(executed >= 60, $"only {executed} of 600 runs reached an execution: the generator no longer exercises the property");
    }

    [Fact]
    public void An_approval_entry_of_one_case_is_refused_by_another_with_the_same_history()
    {
        var tried = 0;
        Check.One(Runs, Prop.ForAll(RandomRuns.Arbitrary, run =>
        {
            var records = RandomRuns.Play(run).Driver.Records;
            var first = records.FindIndex(r => r.Type == EvidenceType.ApprovalGranted);
            if (first < 0)
            {
                return;
            }

            // Case B: the same entries up to the first approval, under another id; accepted step for step.
            ResetCase? b = null;
            foreach (var record in records.Take(first).Select(r => r with { CaseId = "RT-B" }))
            {
                Assert.Null(CaseRules.Check(b, record));
                b = b is null ? ResetCase.FromOpened(record) : b.Apply(record);
            }

            Assert.Null(CaseRules.Check(ResetCase.Replay(records.Take(first)), records[first]));
            foreach (var approval in records.Skip(first).Where(r => r.Type == EvidenceType.ApprovalGranted))
            {
                tried++;
                Assert.NotNull(CaseRules.Check(b, approval));
                Assert.Equal("RT-2301", CaseRules.Check(b, approval with { CaseId = "RT-B" })?.Code);
            }
        }));

        Assert.True(tried >= 100, $"only {tried} approvals were transplanted");
    }

    [Fact]
    public void Replaying_the_accepted_entries_from_their_bytes_reproduces_the_case()
    {
        Check.One(Runs, Prop.ForAll(RandomRuns.Arbitrary, run =>
        {
            var driver = RandomRuns.Play(run).Driver;
            ResetCase? replayed = null;
            foreach (var record in driver.Records)
            {
                var bytes = record.ToCanonicalBytes();
                var parsed = EvidenceRecord.TryParse(bytes);
                Assert.NotNull(parsed);
                Assert.Equal(bytes, parsed.ToCanonicalBytes());
                Assert.Null(CaseRules.Check(replayed, parsed));
                replayed = replayed is null ? ResetCase.FromOpened(parsed) : replayed.Apply(parsed);
            }

            Assert.NotNull(replayed);
            foreach (var at in new[] { driver.Now, driver.Now + TimeSpan.FromHours(3), driver.Now + TimeSpan.FromDays(2) })
            {
                Assert.Equal(RandomRuns.Fingerprint(driver.Case, at), RandomRuns.Fingerprint(replayed, at));
            }
        }));
    }

    [Fact]
    public void Every_refusal_carries_a_public_code()
    {
        var refusals = new HashSet<string>(StringComparer.Ordinal);
        Check.One(Runs, Prop.ForAll(RandomRuns.Arbitrary, run =>
        {
            foreach (var error in RandomRuns.Play(run).Refusals)
            {
                Assert.Matches(PublicCode(), error.Code);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                refusals.Add(error.Code);
            }
        }));

        Assert.Superset(new HashSet<string>(["RT-2000", "RT-2101", "RT-2301", "RT-2303", "RT-2401", "RT-2501"]), refusals);
    }

    [GeneratedRegex("^RT-[0-9]{4}$")]
    private static partial Regex PublicCode();
}
