using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.Tests.EvidenceLog;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Sqlite.Tests.Cases;

public sealed class SqliteCaseStoreTests
{
    private static readonly TestPolicy Policy = new();

    private static OpenCaseRequest Request(string id) => new(
        id, new Ticket("servicenow", "INC0012345", null), new TargetIdentity("okta", "alice@example.com"),
        ResetKind.Password, Channel.Phone, new Initiator(InitiatorType.Internal, null), "alice@example.com", "agent.bob");

    private static (LogFixture Fixture, SqliteCaseStore Store) NewStore()
    {
        var fixture = new LogFixture();
        var store = new SqliteCaseStore(fixture.Log);
        store.Publish(TestPolicy.Text, Policy.Hash, Policy.Version, "test", "iam.admin", fixture.Time.GetUtcNow());
        return (fixture, store);
    }

    private static ResetCase Step(SqliteCaseStore store, string id, Func<ResetCase, Core.Outcome<Core.Evidence.EvidenceRecord>> step)
    {
        var receipt = store.Apply(id, c => step(c!));
        Assert.True(receipt.IsSuccess, receipt.Error?.ToString());
        return receipt.Value.Case;
    }

    private static ResetCase DriveToClosed(LogFixture fixture, SqliteCaseStore store, string id)
    {
        var time = fixture.Time;
        Assert.True(store.Apply(id, _ => CaseCommands.Open(Request(id), Policy, time.GetUtcNow())).IsSuccess);
        time.Advance(TimeSpan.FromMinutes(2));
        var verified = Step(store, id, c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(3));
        Step(store, id, c => CaseCommands.Approve(c, "carol.manager", "manager", verified.ApprovalDigest(), false, null, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(1));
        Step(store, id, c => CaseCommands.Execute(c, "dave.iam", "okta-evt-1", time.GetUtcNow(), time.GetUtcNow()));
        Step(store, id, c => CaseCommands.CompleteTask(c, "dave.iam", PostResetTaskKind.RevokeSessions, null, time.GetUtcNow()));
        return Step(store, id, c => CaseCommands.Close(c, "agent.bob", null, time.GetUtcNow()));
    }

    [Fact]
    public void Loading_every_case_at_once_gives_what_finding_each_one_gives_in_the_list_order()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        DriveToClosed(fixture, store, "rc-1");
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(store.Apply("rc-2", _ => CaseCommands.Open(Request("rc-2"), Policy, fixture.Time.GetUtcNow())).IsSuccess);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(store.Apply("rc-0", _ => CaseCommands.Open(Request("rc-0"), Policy, fixture.Time.GetUtcNow())).IsSuccess);
        Step(store, "rc-0", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, false, [], Policy, fixture.Time.GetUtcNow()));

        var all = store.LoadAll();

        Assert.Equal(["rc-0", "rc-2", "rc-1"], all.Select(c => c.Id));
        Assert.Equal(store.List(new CaseQuery()).Select(s => s.CaseId), all.Select(c => c.Id));
        Assert.All(all, c => Assert.Equal(store.Find(c.Id)!.Steps.Count, c.Steps.Count));
        Assert.Equal([CaseState.Verifying, CaseState.Opened, CaseState.Closed], all.Select(c => c.State));
    }

    [Fact]
    public void A_case_driven_to_closed_is_read_back_from_its_evidence_and_the_log_verifies()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;

        DriveToClosed(fixture, store, "rc-1");

        var found = store.Find("rc-1")!;
        Assert.Equal(CaseState.Closed, found.State);
        Assert.Equal(6, found.Steps.Count);
        Assert.Equal(CaseState.Closed, store.List(new CaseQuery()).Single().State);
        Assert.Equal(7UL, fixture.Log.LatestCheckpoint().Size);
        Assert.True(fixture.Log.Audit().IsIntact);
    }

    [Fact]
    public void A_refused_step_writes_nothing()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        store.Apply("rc-1", _ => CaseCommands.Open(Request("rc-1"), Policy, fixture.Time.GetUtcNow()));
        var size = fixture.Log.LatestCheckpoint().Size;

        var refused = store.Apply("rc-1", c => CaseCommands.Execute(c!, "dave.iam", null, null, fixture.Time.GetUtcNow()));

        Assert.Equal("RT-2000", refused.Error?.Code);
        Assert.Equal(size, fixture.Log.LatestCheckpoint().Size);
        Assert.Equal(CaseState.Opened, store.Find("rc-1")!.State);
    }

    [Fact]
    public void A_step_whose_evidence_cannot_be_made_durable_fails_and_changes_nothing()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        store.Apply("rc-1", _ => CaseCommands.Open(Request("rc-1"), Policy, fixture.Time.GetUtcNow()));
        fixture.Tamper("CREATE TRIGGER refuse BEFORE INSERT ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        Assert.ThrowsAny<Exception>(() => store.Apply("rc-1", c => CaseCommands.Cancel(c!, "agent.bob", "caller hung up", fixture.Time.GetUtcNow())));

        fixture.Tamper("DROP TRIGGER refuse;");
        Assert.Equal(CaseState.Opened, store.Find("rc-1")!.State);
        Assert.Equal(CaseState.Opened, store.List(new CaseQuery()).Single().State);
        Assert.True(fixture.Log.Audit().IsIntact);
    }

    [Fact]
    public void Two_executors_racing_on_one_approved_case_execute_it_once()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        var time = fixture.Time;
        store.Apply("rc-1", _ => CaseCommands.Open(Request("rc-1"), Policy, time.GetUtcNow()));
        var verified = Step(store, "rc-1", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, time.GetUtcNow()));
        Step(store, "rc-1", c => CaseCommands.Approve(c, "carol.manager", "manager", verified.ApprovalDigest(), false, null, time.GetUtcNow()));

        var results = new Core.Outcome<CaseStepReceipt>[4];
        Parallel.For(0, results.Length, i =>
        {
            using var log = fixture.OpenAnother();
            results[i] = new SqliteCaseStore(log).Apply("rc-1", c => CaseCommands.Execute(c!, $"executor.{i}", null, null, time.GetUtcNow()));
        });

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("RT-2000", r.Error!.Code));
    }

    [Fact]
    public void Rebuilding_the_caches_from_the_log_gives_the_same_cases()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        DriveToClosed(fixture, store, "rc-1");
        store.Apply("rc-2", _ => CaseCommands.Open(Request("rc-2"), Policy, fixture.Time.GetUtcNow()));
        store.Apply("rc-2", c => CaseCommands.Verify(c!, "agent.bob", VerificationMethod.PushToEnrolledDevice, false, [], Policy, fixture.Time.GetUtcNow()));
        var before = store.List(new CaseQuery());
        fixture.Tamper("DELETE FROM case_index; DELETE FROM case_entries; DELETE FROM verification_failures; DELETE FROM policy_versions;");

        var rebuilt = store.RebuildIndexes();

        Assert.Equal(2, rebuilt);
        Assert.Equal(before, store.List(new CaseQuery()));
        Assert.Equal(1, store.FailedVerificationsSince(new TargetIdentity("okta", "alice@example.com"), fixture.Time.GetUtcNow().AddDays(-1)));
        Assert.Equal(Policy.Hash, store.ActivePolicy()!.Hash);
    }

    [Fact]
    public void A_published_policy_reads_back_byte_for_byte()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;

        var active = store.ActivePolicy()!;

        Assert.Equal(TestPolicy.Text, active.Text);
        Assert.Equal(active.Hash, store.PolicyByHash(Policy.Hash)!.Hash);
        Assert.Null(store.PolicyByHash("00"));
    }
}
