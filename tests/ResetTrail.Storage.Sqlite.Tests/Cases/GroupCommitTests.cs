using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.Tests.EvidenceLog;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Sqlite.Tests.Cases;

/// <summary>
/// Case steps from concurrent callers share one transaction and one checkpoint when they arrive while a commit is in
/// flight. Each test holds the first step inside the sequencer until the others are queued, so the groups are exact.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TestPolicy Policy = new();

    private static OpenCaseRequest Request(string id, string target) => new(
        id, new Ticket("servicenow", "INC" + id, null), new TargetIdentity("okta", target),
        ResetKind.Password, Channel.Phone, new Initiator(InitiatorType.Internal, null), target, "agent.bob");

    private static (LogFixture Fixture, SqliteCaseStore Store) NewStore()
    {
        var fixture = new LogFixture();
        var store = new SqliteCaseStore(fixture.Log);
        store.Publish(TestPolicy.Text, Policy.Hash, Policy.Version, "test", "iam.admin", fixture.Time.GetUtcNow());
        return (fixture, store);
    }

    private static Func<ResetCase?, Outcome<EvidenceRecord>> Open(LogFixture fixture, string id) =>
        _ => CaseCommands.Open(Request(id, id + "@example.com"), Policy, fixture.Time.GetUtcNow());

    /// <summary>Starts a step that stays inside the sequencer until <paramref name="release"/> is set.</summary>
    private static Task<Outcome<CaseStepReceipt>> Held(SqliteCaseStore store, LogFixture fixture, string id, ManualResetEventSlim entered, ManualResetEventSlim release) =>
        Task.Run(
            () => store.Apply(id, c =>
        {
            entered.Set();
            release.Wait();
            return Open(fixture, id)(c);
        }),
            TestContext.Current.CancellationToken);

    private static Task<Outcome<CaseStepReceipt>> Queued(SqliteCaseStore store, string id, Func<ResetCase?, Outcome<EvidenceRecord>> decide, int expectedWaiting)
    {
        var task = Task.Run(() => store.Apply(id, decide), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => store.Log.GroupCommitWaiting >= expectedWaiting, TimeSpan.FromSeconds(30));
        Assert.Equal(expectedWaiting, store.Log.GroupCommitWaiting);
        return task;
    }

    private static long Checkpoints(LogFixture fixture)
    {
        using var connection = SqliteDatabase.Open(fixture.Database, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM log_checkpoints";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Steps_that_queue_behind_a_commit_share_the_next_checkpoint()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var before = Checkpoints(fixture);

        var first = Held(store, fixture, "rc-0", entered, release);
        entered.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var queued = Enumerable.Range(1, 5).Select(i => Queued(store, $"rc-{i}", Open(fixture, $"rc-{i}"), i)).ToList();
        release.Set();
        var receipts = await Task.WhenAll(queued.Prepend(first));

        Assert.All(receipts, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        Assert.Equal(before + 2, Checkpoints(fixture)); // one for the held step, one for the five behind it
        var indices = receipts.Skip(1).Select(r => r.Value.LogIndex).ToList();
        Assert.Equal(indices.Order(), indices); // arrival order is log order
        Assert.True(fixture.Log.Audit().IsIntact);
        Assert.Equal(6, store.List(new CaseQuery()).Count);
    }

    [Fact]
    public async Task A_later_step_in_a_group_sees_the_earlier_step_on_the_same_case()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        var first = Held(store, fixture, "rc-0", entered, release);
        entered.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var open = Queued(store, "rc-1", Open(fixture, "rc-1"), 1);
        var verify = Queued(store, "rc-1", c => c is null
            ? Outcome<EvidenceRecord>.Fail(WorkflowErrors.Invalid("the case was not visible to the step after its opening"))
            : CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, fixture.Time.GetUtcNow()), 2);
        release.Set();
        await first;
        var opened = await open;
        var verified = await verify;

        Assert.True(verified.IsSuccess, verified.Error?.ToString());
        Assert.Equal(2, store.Find("rc-1")!.Steps.Count);
        Assert.Equal(opened.Value.LogIndex + 1, verified.Value.LogIndex);
    }

    [Fact]
    public async Task A_step_that_throws_fails_alone_and_the_rest_of_its_group_commits()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        var first = Held(store, fixture, "rc-0", entered, release);
        entered.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var good1 = Queued(store, "rc-1", Open(fixture, "rc-1"), 1);
        var bad = Queued(store, "rc-2", _ => throw new IOException("evidence store unavailable"), 2);
        var good2 = Queued(store, "rc-3", Open(fixture, "rc-3"), 3);
        release.Set();

        await Assert.ThrowsAsync<IOException>(() => bad);
        Assert.True((await good1).IsSuccess);
        Assert.True((await good2).IsSuccess);
        Assert.True((await first).IsSuccess);
        Assert.Null(store.Find("rc-2"));
        Assert.Equal(["rc-0", "rc-1", "rc-3"], store.List(new CaseQuery()).Select(c => c.CaseId).Order(StringComparer.Ordinal));
        Assert.True(fixture.Log.Audit().IsIntact);
    }

    [Fact]
    public void Many_concurrent_callers_leave_every_case_complete_and_the_log_intact()
    {
        var (fixture, store) = NewStore();
        using var _ = fixture;
        const int Threads = 8;
        const int CasesEach = 10;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = 0; i < CasesEach; i++)
            {
                var id = $"rc-{t}-{i}";
                Assert.True(store.Apply(id, Open(fixture, id)).IsSuccess);
                var verified = store.Apply(id, c => CaseCommands.Verify(c!, "agent.bob", VerificationMethod.PushToEnrolledDevice, true, [], Policy, fixture.Time.GetUtcNow()));
                Assert.True(verified.IsSuccess, verified.Error?.ToString());
            }
        });

        Assert.Equal(Threads * CasesEach, store.List(new CaseQuery()).Count);
        Assert.All(store.List(new CaseQuery()), c => Assert.Equal(2, store.Find(c.CaseId)!.Steps.Count));
        Assert.Equal((ulong)(1 + (2 * Threads * CasesEach)), fixture.Log.LatestCheckpoint().Size);
        Assert.True(fixture.Log.Audit().IsIntact);
    }
}
