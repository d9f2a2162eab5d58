using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.StoreContract;

/// <summary>What every case store must do, run once per backend (a sealed subclass names the backend).</summary>
public abstract class CaseStoreContract : IDisposable
{
    private static readonly TestPolicy Policy = new();
    private readonly Lazy<StoreBackend> backend;

    protected CaseStoreContract() => backend = new(NewBackend);

    protected StoreBackend Backend => backend.Value;

    private DateTimeOffset Now => Backend.Time.GetUtcNow();

    public void Dispose()
    {
        if (backend.IsValueCreated)
        {
            backend.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract StoreBackend NewBackend();

    [Fact]
    public void A_case_goes_open_verify_approve_execute_close_and_reads_back_from_its_evidence()
    {
        using var log = Backend.Initialize();
        var store = Published(log);

        DriveToClosed(store, "rc-1");

        var found = store.Find("rc-1")!;
        Assert.Equal(CaseState.Closed, found.State);
        Assert.Equal(6, found.Steps.Count);
        Assert.Equal(CaseState.Closed, store.List(new CaseQuery()).Single().State);
        Assert.Empty(store.List(new CaseQuery { State = CaseState.Opened }));
        Assert.Equal(7UL, log.LatestCheckpoint().Size);
        Assert.True(log.Audit().IsIntact);
    }

    [Fact]
    public void Every_case_loads_at_once_newest_first_and_changes_are_named_by_log_index()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        DriveToClosed(store, "rc-1");
        Backend.Time.Advance(TimeSpan.FromMinutes(5));
        Open(store, "rc-2");
        Backend.Time.Advance(TimeSpan.FromMinutes(5));
        Open(store, "rc-0");
        var everything = store.CasesChangedAfter(-1);

        Step(store, "rc-2", c => CaseCommands.Cancel(c, "agent.bob", "the caller hung up", Now));

        var all = store.LoadAll();
        Assert.Equal(["rc-0", "rc-2", "rc-1"], all.Select(c => c.Id));
        Assert.Equal([CaseState.Opened, CaseState.Cancelled, CaseState.Closed], all.Select(c => c.State));
        Assert.All(all, c => Assert.Equal(store.Find(c.Id)!.Steps.Count, c.Steps.Count));
        Assert.Equal(["rc-0", "rc-1", "rc-2"], everything.CaseIds.Order(StringComparer.Ordinal));
        var changed = store.CasesChangedAfter(everything.HighWater);
        Assert.Equal(["rc-2"], changed.CaseIds);
        Assert.Equal((long)log.LatestCheckpoint().Size - 1, changed.HighWater);
        Assert.Empty(store.CasesChangedAfter(changed.HighWater).CaseIds);
        Assert.Equal(changed.HighWater, store.CasesChangedAfter(changed.HighWater).HighWater);
    }

    [Fact]
    public void Separation_of_duties_is_refused_and_the_refusal_writes_nothing()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        Open(store, "rc-1");
        var verified = Step(store, "rc-1", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, Now));
        var size = log.LatestCheckpoint().Size;

        var selfApproval = store.Apply("rc-1", c => CaseCommands.Approve(c!, "alice@example.com", "manager", verified.ApprovalDigest(), false, null, Now));
        Step(store, "rc-1", c => CaseCommands.Approve(c, "carol.manager", "manager", verified.ApprovalDigest(), false, null, Now));
        var approverExecutes = store.Apply("rc-1", c => CaseCommands.Execute(c!, "carol.manager", null, null, Now));

        Assert.Equal("RT-2101", selfApproval.Error?.Code);
        Assert.Equal("RT-2101", approverExecutes.Error?.Code);
        Assert.Equal(size + 1, log.LatestCheckpoint().Size);
        Assert.Equal(CaseState.Approved, store.Find("rc-1")!.State);
    }

    [Fact]
    public void An_illegal_step_is_refused_with_its_code_and_writes_nothing()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        Open(store, "rc-1");
        var size = log.LatestCheckpoint().Size;

        var refused = store.Apply("rc-1", c => CaseCommands.Execute(c!, "dave.iam", null, null, Now));
        var missing = store.Apply("rc-9", c => c is null ? WorkflowErrors.CaseNotFound("rc-9") : CaseCommands.Cancel(c, "x", "y", Now));

        Assert.Equal("RT-2000", refused.Error?.Code);
        Assert.Equal("RT-2002", missing.Error?.Code);
        Assert.Equal(size, log.LatestCheckpoint().Size);
        Assert.Equal(CaseState.Opened, store.Find("rc-1")!.State);
    }

    [Fact]
    public void Failed_verifications_are_counted_per_target_within_the_window()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        var target = new TargetIdentity("okta", "alice@example.com");
        Open(store, "rc-1");
        Step(store, "rc-1", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, false, [], Policy, Now));
        Backend.Time.Advance(TimeSpan.FromHours(2));
        Open(store, "rc-2");
        Step(store, "rc-2", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, false, [], Policy, Now));
        Step(store, "rc-2", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, Now));

        Assert.Equal(2, store.FailedVerificationsSince(target, Now.AddDays(-1)));
        Assert.Equal(1, store.FailedVerificationsSince(target, Now.AddHours(-1)));
        Assert.Equal(0, store.FailedVerificationsSince(new TargetIdentity("okta", "bob@example.com"), Now.AddDays(-1)));
    }

    [Fact]
    public void The_newest_published_policy_is_active_and_each_reads_back_byte_for_byte()
    {
        using var log = Backend.Initialize();
        var store = Backend.Cases(log);
        Assert.Null(store.ActivePolicy());
        var first = store.Publish(TestPolicy.Text, Policy.Hash, Policy.Version, "test", "iam.admin", Now);
        var secondText = "version: second\n"u8.ToArray();
        var second = store.Publish(secondText, "ab12", "second", "test", "iam.admin", Now);

        Assert.Equal(second.LogIndex, store.ActivePolicy()!.LogIndex);
        Assert.Equal(secondText, store.ActivePolicy()!.Text);
        Assert.Equal(TestPolicy.Text, store.PolicyByHash(Policy.Hash)!.Text);
        Assert.Equal(first.LogIndex, store.PolicyByHash(Policy.Hash)!.LogIndex);
        Assert.Null(store.PolicyByHash("00"));
    }

    [Fact]
    public void Executors_racing_on_one_approved_case_through_separate_handles_execute_it_once()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        Open(store, "rc-1");
        var verified = Step(store, "rc-1", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, Now));
        Step(store, "rc-1", c => CaseCommands.Approve(c, "carol.manager", "manager", verified.ApprovalDigest(), false, null, Now));

        var results = new Outcome<CaseStepReceipt>[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var own = Backend.Open(Backend.KeyPath);
            results[i] = Backend.Cases(own).Apply("rc-1", c => CaseCommands.Execute(c!, $"executor.{i}", null, null, Now));
        });

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("RT-2000", r.Error!.Code));
        Assert.True(log.Audit().IsIntact);
    }

    [Fact]
    public void A_step_that_fails_inside_its_transaction_throws_and_nothing_half_written_is_visible()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        Open(store, "rc-1");
        var size = log.LatestCheckpoint().Size;

        Assert.ThrowsAny<Exception>(() => store.Apply("rc-1", c =>
        {
            Backend.BreakAppendInProgress();
            return CaseCommands.Cancel(c!, "agent.bob", "caller hung up", Now);
        }));

        using var fresh = Backend.Open(Backend.KeyPath);
        var reopened = Backend.Cases(fresh);
        Assert.Equal(size, fresh.LatestCheckpoint().Size);
        Assert.Equal((int)size, fresh.ReadEntries(0, 1000).Count());
        Assert.Equal(CaseState.Opened, reopened.Find("rc-1")!.State);
        Assert.Equal(CaseState.Opened, reopened.List(new CaseQuery()).Single().State);
        Assert.True(fresh.Audit().IsIntact);
        var next = store.Apply("rc-1", c => CaseCommands.Cancel(c!, "agent.bob", "caller hung up", Now));
        Assert.True(next.IsSuccess, next.Error?.ToString());
        Assert.Equal(size, next.Value.LogIndex);
    }

    [Fact]
    public void Caches_rebuilt_from_the_log_alone_give_the_same_cases_failures_and_policy()
    {
        using var log = Backend.Initialize();
        var store = Published(log);
        DriveToClosed(store, "rc-1");
        Open(store, "rc-2");
        Step(store, "rc-2", c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, false, [], Policy, Now));
        var before = store.List(new CaseQuery());
        Backend.ClearCaseCaches();
        Assert.Empty(store.List(new CaseQuery()));

        var rebuilt = Backend.RebuildIndexes(store);

        Assert.Equal(2, rebuilt);
        Assert.Equal(before, store.List(new CaseQuery()));
        Assert.Equal(1, store.FailedVerificationsSince(new TargetIdentity("okta", "alice@example.com"), Now.AddDays(-1)));
        Assert.Equal(Policy.Hash, store.ActivePolicy()!.Hash);
        Assert.Equal(CaseState.Closed, store.Find("rc-1")!.State);
        Assert.Equal(log.LatestCheckpoint().Size, (ulong)log.ReadEntries(0, 1000).Count());
    }

    private ICaseStore Published(IEvidenceLog log)
    {
        var store = Backend.Cases(log);
        store.Publish(TestPolicy.Text, Policy.Hash, Policy.Version, "test", "iam.admin", Now);
        return store;
    }

    private static OpenCaseRequest Request(string id) => new(
        id, new Ticket("servicenow", "INC0012345", null), new TargetIdentity("okta", "alice@example.com"),
        ResetKind.Password, Channel.Phone, new Initiator(InitiatorType.Internal, null), "alice@example.com", "agent.bob");

    private void Open(ICaseStore store, string id)
    {
        var opened = store.Apply(id, _ => CaseCommands.Open(Request(id), Policy, Now));
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
    }

    private static ResetCase Step(ICaseStore store, string id, Func<ResetCase, Outcome<EvidenceRecord>> step)
    {
        var receipt = store.Apply(id, c => step(c!));
        Assert.True(receipt.IsSuccess, receipt.Error?.ToString());
        return receipt.Value.Case;
    }

    private void DriveToClosed(ICaseStore store, string id)
    {
        Open(store, id);
        Backend.Time.Advance(TimeSpan.FromMinutes(2));
        var verified = Step(store, id, c => CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, Now));
        Backend.Time.Advance(TimeSpan.FromMinutes(3));
        Step(store, id, c => CaseCommands.Approve(c, "carol.manager", "manager", verified.ApprovalDigest(), false, null, Now));
        Backend.Time.Advance(TimeSpan.FromMinutes(1));
        Step(store, id, c => CaseCommands.Execute(c, "dave.iam", "okta-evt-1", Now, Now));
        Step(store, id, c => CaseCommands.CompleteTask(c, "dave.iam", PostResetTaskKind.RevokeSessions, null, Now));
        Step(store, id, c => CaseCommands.Close(c, "agent.bob", null, Now));
    }
}
