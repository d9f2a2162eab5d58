using Microsoft.Extensions.Time.Testing;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;
using ResetTrail.Detection.Tests.Delivery;
using ResetTrail.Storage.Sqlite.Alerts;

namespace ResetTrail.Storage.Sqlite.Tests.Alerts;

public sealed class SqliteAlertOutboxTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory directory = new();
    private readonly FakeTimeProvider time = new(T0);
    private readonly HttpClient client = new();

    private string Database => Path.Combine(directory.Path, "resettrail.db");

    public void Dispose()
    {
        client.Dispose();
        directory.Dispose();
    }

    private static Alert Alert(int n)
    {
        var evidence = new[] { new AlertEvidence("okta", $"event-{n}", "user.account.reset_password", T0.AddMinutes(n)) };
        return new Alert
        {
            Id = AlertIds.Of("RT-D015", "homer@springfield.gov", evidence),
            Rule = new RuleInfo("RT-D015", "Password reset of another user", Severity.Low, "T1098", "identity-security"),
            Subject = "homer@springfield.gov",
            Time = T0.AddMinutes(n),
            WindowStart = T0.AddMinutes(n),
            WindowEnd = T0.AddMinutes(n),
            Threshold = "a password reset where the initiator is not the target",
            Summary = "marge@springfield.gov reset the password of homer@springfield.gov",
            Evidence = evidence,
        };
    }

    private WebhookSink Sink(string name, LoopbackWebhookReceiver receiver, string secret) =>
        new(name, receiver.Url, WebhookSecret.Parse(secret)!, client, time);

    [Fact]
    public void Alerts_and_the_detector_position_are_written_together_and_a_replay_queues_nothing_twice()
    {
        using var outbox = SqliteAlertOutbox.Open(Database, time);
        outbox.Enqueue([Alert(1), Alert(2)], ["soc", "siem"], "okta.ndjson", "line 120");
        Assert.Equal("line 120", outbox.Position("okta.ndjson"));
        Assert.Null(outbox.Position("entra.json"));

        // After a crash the detector resumes from an earlier position and raises alert 2 again.
        outbox.Enqueue([Alert(2), Alert(3)], ["soc", "siem"], "okta.ndjson", "line 180");
        Assert.Equal(3, outbox.Pending("soc"));
        Assert.Equal(3, outbox.Pending("siem"));
        Assert.Equal("line 180", outbox.Position("okta.ndjson"));
    }

    [Fact]
    public async Task Delivery_survives_closing_and_reopening_the_store_mid_way_and_each_alert_arrives_once()
    {
        using var receiver = new LoopbackWebhookReceiver();
        var secret = WebhookSecret.Generate();
        var alerts = Enumerable.Range(1, 5).Select(Alert).ToList();
        var outbox = SqliteAlertOutbox.Open(Database, time);
        outbox.Enqueue(alerts, ["soc"], "okta", "5");

        // Deliver two, then the process "stops": the store is disposed with three pending.
        var sink = Sink("soc", receiver, secret);
        var first = new OutboxDispatcher(outbox, [new CountingSink(sink, stopAfter: 2)], time, Backoff.Default);
        await first.DrainAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, outbox.Pending("soc"));
        outbox.Dispose();

        using var reopened = SqliteAlertOutbox.Open(Database, time);
        Assert.Equal(3, reopened.Pending("soc"));
        Assert.Equal("5", reopened.Position("okta"));
        time.Advance(TimeSpan.FromSeconds(2)); // past the backoff of the attempt the stop interrupted
        var second = new OutboxDispatcher(reopened, [sink], time, Backoff.Default);
        Assert.Equal(3, await second.DrainAllAsync(TestContext.Current.CancellationToken));

        Assert.Equal(alerts.Select(a => a.Id).Order(), receiver.Accepted.Select(r => r.Headers["webhook-id"]).Order());
        Assert.Equal(0, reopened.Pending("soc"));
    }

    [Fact]
    public async Task A_receiver_that_refuses_for_a_while_gets_everything_with_backoff_and_never_blocks_the_other_sink()
    {
        using var down = new LoopbackWebhookReceiver { Refusing = true };
        using var up = new LoopbackWebhookReceiver();
        var secret = WebhookSecret.Generate();
        using var outbox = SqliteAlertOutbox.Open(Database, time);
        outbox.Enqueue([Alert(1), Alert(2), Alert(3)], ["down", "up"], "okta", "3");
        var dispatcher = new OutboxDispatcher(outbox, [Sink("down", down, secret), Sink("up", up, secret)], time,
            new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));

        // The healthy sink takes all three at once; the refusing one fails its first and backs off.
        Assert.Equal(3, await dispatcher.DrainAllAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, up.Accepted.Count);
        Assert.Equal(1, down.Refused);

        // Nothing is due again before the backoff has passed; each failure waits longer (an hour of refusals).
        Assert.Equal(0, await dispatcher.DrainAllAsync(TestContext.Current.CancellationToken));
        var attempts = 1;
        while (time.GetUtcNow() < T0.AddHours(1))
        {
            time.Advance(TimeSpan.FromSeconds(30));
            await dispatcher.DrainAllAsync(TestContext.Current.CancellationToken);
            attempts = down.Refused;
        }

        Assert.InRange(attempts, 12, 120);
        Assert.Equal(3, outbox.Pending("down"));

        // The receiver comes back: within the longest backoff everything arrives, in order, once.
        down.Refusing = false;
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, await dispatcher.DrainAllAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["rta"], down.Accepted.Select(r => r.Headers["webhook-id"][..3]).Distinct());
        Assert.Equal(3, down.Accepted.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        Assert.Equal(0, outbox.Pending("down"));
        Assert.Equal(3, up.Accepted.Count);
    }

    /// <summary>Passes deliveries through until <c>stopAfter</c>, then fails as a crashed process would (nothing more goes out).</summary>
    private sealed class CountingSink(IAlertSink inner, int stopAfter) : IAlertSink
    {
        private int delivered;

        public string Name => inner.Name;

        public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
        {
            if (delivered == stopAfter)
            {
                throw new IOException("process stopped");
            }

            await inner.DeliverAsync(alert, cancellationToken);
            delivered++;
        }
    }
}
