using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Inbox;
using ResetTrail.Storage.Postgres.Notifications;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Postgres.Tests.Notifications;

/// <summary>
/// What the shared database announces (ADR 0049), heard by a real LISTEN on a real PostgreSQL: an accepted delivery on
/// the inbox channel, a committed case step on the case-steps channel, and a refused step on neither. PostgreSQL delivers
/// notifications in commit order, so once a later announcement is heard an earlier one that was sent would have been too.
/// </summary>
public sealed class PostgresListenerTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("resettrail-listen-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_deliveries_and_committed_case_steps_are_announced_and_refused_steps_are_not()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var database = fixture.Server.CreateDatabase("listen");
        using var log = PostgresEvidenceLog.Initialize(database, "test.example/log", Path.Combine(folder, "log.key"), time).Value;
        var cases = new PostgresCaseStore(log);
        var policy = new TestPolicy();
        cases.Publish(TestPolicy.Text, policy.Hash, policy.Version, "test", "iam.admin", time.GetUtcNow());
        var inbox = new PostgresInbox(log.DataSource);

        var heard = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var listening = new PostgresListener(log.DataSource).ListenAsync(
            [PostgresChannels.Inbox, PostgresChannels.CaseSteps], heard.Enqueue, failures.Enqueue, time, stop.Token);

        // Once connected, each channel is reported once: work announced before anybody listened is looked at too.
        await Until(() => heard.Count == 2);
        Assert.Equal([PostgresChannels.CaseSteps, PostgresChannels.Inbox], heard.Order(StringComparer.Ordinal));
        heard.Clear();

        var refused = cases.Apply("rc-none", c => c is null ? WorkflowErrors.CaseNotFound("rc-none") : CaseCommands.Cancel(c, "x", "y", time.GetUtcNow()));
        Assert.False(refused.IsSuccess);
        inbox.Accept(new InboxDelivery("okta-hook", "okta", "127.0.0.1", "{}"u8.ToArray()), time.GetUtcNow());
        await Until(() => heard.Contains(PostgresChannels.Inbox));
        Assert.DoesNotContain(PostgresChannels.CaseSteps, heard);

        var opened = cases.Apply("rc-1", _ => CaseCommands.Open(
            new OpenCaseRequest("rc-1", new Ticket("servicenow", "INC0012345", null), new TargetIdentity("okta", "alice@example.com"),
                ResetKind.Password, Channel.Phone, new Initiator(InitiatorType.Internal, null), "alice@example.com", "agent.bob"),
            policy, time.GetUtcNow()));
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        await Until(() => heard.Contains(PostgresChannels.CaseSteps));

        Assert.Empty(failures);
        await stop.CancelAsync();
        await listening;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not heard within 30 s");
            await Task.Delay(20, Cancel);
        }
    }
}
