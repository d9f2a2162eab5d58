using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.Tests.EvidenceLog;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Sqlite.Tests.Cases;

/// <summary>The store keeps folded cases between steps and reads (ADR 0042); the file stays the truth.</summary>
public sealed class FoldedCaseTests
{
    private static readonly TestPolicy Policy = new();

    private static OpenCaseRequest Request(string id) => new(
        id, new Ticket("servicenow", "INC0012345", null), new TargetIdentity("okta", "alice@example.com"),
        ResetKind.Password, Channel.Phone, new Initiator(InitiatorType.Internal, null), "alice@example.com", "agent.bob");

    private static SqliteCaseStore NewStore(LogFixture fixture)
    {
        var store = new SqliteCaseStore(fixture.Log);
        store.Publish(TestPolicy.Text, Policy.Hash, Policy.Version, "test", "iam.admin", fixture.Time.GetUtcNow());
        return store;
    }

    private static void Open(LogFixture fixture, SqliteCaseStore store, string id) =>
        Assert.True(store.Apply(id, _ => CaseCommands.Open(Request(id), Policy, fixture.Time.GetUtcNow())).IsSuccess);

    private static void Verify(LogFixture fixture, SqliteCaseStore store, string id) =>
        Assert.True(store.Apply(id, c => CaseCommands.Verify(c!, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, fixture.Time.GetUtcNow())).IsSuccess);

    [Fact]
    public void A_step_committed_through_another_store_on_the_same_file_is_seen_by_a_read_of_the_kept_case()
    {
        using var fixture = new LogFixture();
        var store = NewStore(fixture);
        Open(fixture, store, "rc-1");
        Assert.Equal(CaseState.Opened, store.Find("rc-1")!.State); // kept now

        using (var otherLog = fixture.OpenAnother())
        {
            Verify(fixture, new SqliteCaseStore(otherLog), "rc-1");
        }

        var found = store.Find("rc-1")!;
        Assert.Equal(CaseState.AwaitingApproval, found.State);
        Assert.Equal(2, found.Steps.Count);
        Assert.Equal(2, store.EntryIndices("rc-1").Count);
    }

    [Fact]
    public void A_step_decides_on_the_case_as_the_file_has_it_not_on_the_kept_fold()
    {
        using var fixture = new LogFixture();
        var store = NewStore(fixture);
        Open(fixture, store, "rc-1");
        using (var otherLog = fixture.OpenAnother())
        {
            Assert.True(new SqliteCaseStore(otherLog).Apply("rc-1", c => CaseCommands.Cancel(c!, "agent.bob", "caller hung up", fixture.Time.GetUtcNow())).IsSuccess);
        }

        // The first store still keeps the case as opened; verifying a cancelled case must be refused all the same.
        var refused = store.Apply("rc-1", c => CaseCommands.Verify(c!, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, fixture.Time.GetUtcNow()));

        Assert.False(refused.IsSuccess);
        Assert.Equal(CaseState.Cancelled, store.Find("rc-1")!.State);
    }

    [Fact]
    public void A_kept_case_that_no_longer_matches_the_file_is_folded_again_from_its_first_entry()
    {
        using var fixture = new LogFixture();
        var store = NewStore(fixture);
        Open(fixture, store, "rc-1");
        Verify(fixture, store, "rc-1");
        Assert.Equal(2, store.Find("rc-1")!.Steps.Count);

        // Someone with file access drops the verification from the case tables (the log itself is untouched).
        fixture.Tamper("DELETE FROM case_entries WHERE case_id = 'rc-1' AND seq = 1");

        var found = store.Find("rc-1")!;
        Assert.Equal(CaseState.Opened, found.State);
        Assert.Single(found.Steps);
        Assert.Single(store.EntryIndices("rc-1"));
    }

    [Fact]
    public void Changing_a_case_that_was_read_does_not_change_the_kept_one()
    {
        using var fixture = new LogFixture();
        var store = NewStore(fixture);
        Open(fixture, store, "rc-1");
        var read = store.Find("rc-1")!;

        var cancel = CaseCommands.Cancel(read, "agent.bob", "caller hung up", fixture.Time.GetUtcNow());
        read.Apply(cancel.Value);

        Assert.Equal(CaseState.Cancelled, read.State);
        Assert.Equal(CaseState.Opened, store.Find("rc-1")!.State);
        Assert.True(store.Apply("rc-1", c => CaseCommands.Verify(c!, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, fixture.Time.GetUtcNow())).IsSuccess);
    }

    [Fact]
    public void A_case_read_after_a_rebuild_of_the_case_tables_is_the_same_case()
    {
        using var fixture = new LogFixture();
        var store = NewStore(fixture);
        Open(fixture, store, "rc-1");
        Verify(fixture, store, "rc-1");
        var before = store.Find("rc-1")!;
        fixture.Tamper("DELETE FROM case_entries; DELETE FROM case_index;");

        store.RebuildIndexes();

        var after = store.Find("rc-1")!;
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.Steps, after.Steps);
        Assert.Equal(before.ApprovalDigest(), after.ApprovalDigest());
    }
}
