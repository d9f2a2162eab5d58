using System.Net;
using System.Net.Http.Json;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Detection;
using ResetTrail.Server.Ingest;
using ResetTrail.Server.Tests.Cases;
using ResetTrail.Testing;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>
/// Case steps reach detection when the server commits them, not at its next poll of the case store. The poll is set to
/// 30 minutes and the server's clock never moves that far, so only the push can bring the failed verification to the
/// rules before the Okta reset that completes RT-D101. Steps the server was not told about (committed straight into
/// the store, as another server on the same database does) are still read, by the poll.
/// </summary>
public sealed class CaseStepPushTests
{
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_verification_committed_through_the_api_reaches_the_rules_without_waiting_for_the_poll()
    {
        var secret = WebhookSecret.Generate();
        using var receiver = new WebhookReceiver(WebhookSecret.Parse(secret)!, refuse: 0);
        await using var server = await Start(receiver, secret, poll: TimeSpan.FromMinutes(30));
        var start = server.Time.GetUtcNow();
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        await Send(desk, "api/v1/cases/", CaseApiTests.OpenBody("rc-push-1"), HttpStatusCode.Created);
        server.Time.Advance(TimeSpan.FromSeconds(5));
        await Send(desk, "api/v1/cases/rc-push-1/verify", new { method = "callback_on_record", result = "failed" });

        server.Time.Advance(TimeSpan.FromSeconds(30));
        await OktaHook.Post(server, OktaHook.Delivery("push-1", OktaHook.Event("okta-push-reset", "user.account.reset_password", server.Time.GetUtcNow(), "sam.user@example.com")));
        await Until(() => server.Database.Inbox.PendingCount() == 0);

        // Once, past the allowed lateness: the clock's tick releases the reset; the poll is still 28 minutes away.
        server.Time.Advance(Lateness + TimeSpan.FromSeconds(10));
        var alert = await Until(() => receiver.Accepted.FirstOrDefault(a => a.Body.Contains("\"RT-D101\"", StringComparison.Ordinal)).Body);

        Assert.True(server.Time.GetUtcNow() - start < TimeSpan.FromMinutes(30), "the server's clock reached the poll interval; the test proves nothing");
        Assert.Contains("\"uid\":\"rc-push-1/verification/1\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"uid\":\"okta-push-reset\"", alert, StringComparison.Ordinal);
        Assert.Equal(0, receiver.BadSignatures);
    }

    [Fact]
    public async Task A_step_committed_by_another_process_is_read_by_the_poll()
    {
        var secret = WebhookSecret.Generate();
        using var receiver = new WebhookReceiver(WebhookSecret.Parse(secret)!, refuse: 0);
        var poll = TimeSpan.FromMinutes(10);
        await using var server = await Start(receiver, secret, poll, lateness: TimeSpan.FromMinutes(20));
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        await Send(desk, "api/v1/cases/", CaseApiTests.OpenBody("rc-poll-1"), HttpStatusCode.Created);
        server.Time.Advance(TimeSpan.FromSeconds(5));

        // Straight into the store, as another server process on the same database commits it: nothing announces it here.
        var now = server.Time.GetUtcNow();
        var failed = server.Database.Cases.Apply("rc-poll-1", current =>
            CaseCommands.Verify(current!, "vic.verifier", Core.Policy.VerificationMethod.CallbackOnRecord, false, [], PublishedPolicies.ForCase(server.Database.Cases, current!), now));
        Assert.True(failed.IsSuccess, failed.IsSuccess ? null : failed.Error.ToString());

        server.Time.Advance(TimeSpan.FromSeconds(30));
        await OktaHook.Post(server, OktaHook.Delivery("poll-1", OktaHook.Event("okta-poll-reset", "user.account.reset_password", server.Time.GetUtcNow(), "sam.user@example.com")));
        await Until(() => server.Database.Inbox.PendingCount() == 0);

        // Past the poll (the step is read) and the lateness (the reset is released), in one move of the clock.
        server.Time.Advance(poll + TimeSpan.FromMinutes(20));
        var alert = await Until(() => receiver.Accepted.FirstOrDefault(a => a.Body.Contains("\"RT-D101\"", StringComparison.Ordinal)).Body);

        Assert.Contains("\"uid\":\"rc-poll-1/verification/1\"", alert, StringComparison.Ordinal);
    }

    private static Task<RunningServer> Start(WebhookReceiver receiver, string secret, TimeSpan poll, TimeSpan? lateness = null) =>
        RunningServer.StartAsync(settings => settings with
        {
            Ingest = new IngestSettings { OktaHookSecret = OktaHook.Secret },
            Detection = new DetectionSettings
            {
                Config = DetectionConfig.Default with { AllowedLateness = lateness ?? Lateness },
                WebhookUrl = receiver.Url,
                WebhookSecret = WebhookSecret.Parse(secret),
                CasePoll = poll,
            },
        });

    private static async Task Send(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var answer = await client.PostAsJsonAsync(path, body, Cancel);
        Assert.True(answer.StatusCode == expected, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Cancel)}");
    }

    /// <summary>Waits, in real time and without moving the server's clock, until <paramref name="read"/> gives a value (60 s at most).</summary>
    private static async Task<T> Until<T>(Func<T?> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (read() is { } value && value is not false)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 60 s");
            await Task.Delay(50, Cancel);
        }
    }
}
