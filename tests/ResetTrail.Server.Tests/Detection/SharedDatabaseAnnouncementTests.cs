using System.Net;
using System.Net.Http.Json;
using ResetTrail.Core.Access;
using ResetTrail.Server.Tests.Cases;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>
/// Two servers on one PostgreSQL database, both polls (the inbox's and the case store's) set to 30 minutes and neither
/// clock moved that far: a failed verification and then an Okta reset, both sent to the server that does not lead,
/// reach the leader's rules only through the database's announcements (ADR 0049), and RT-D101 arrives at the webhook.
/// </summary>
public sealed class SharedDatabaseAnnouncementTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_the_server_that_does_not_lead_accepts_reaches_the_leaders_rules_without_waiting_for_a_poll()
    {
        using var shared = new SharedDetectionDatabase("announce");
        await using var first = await shared.StartServerAsync(Poll);
        await using var second = await shared.StartServerAsync(Poll);
        var leader = first.Database.TryLead() ? first : second;
        var follower = leader == first ? second : first;
        Assert.False(follower.Database.TryLead());
        var start = leader.Time.GetUtcNow();

        // At the follower: a case whose verification fails, then the Okta reset of the same user.
        await CaseApiTests.Publish(follower);
        using var desk = follower.ClientAs("dana.desk", Role.DeskAgent);
        await Send(desk, "api/v1/cases/", CaseApiTests.OpenBody("rc-announce-1"), HttpStatusCode.Created);
        Advance(TimeSpan.FromSeconds(5), first, second);
        await Send(desk, "api/v1/cases/rc-announce-1/verify", new { method = "callback_on_record", result = "failed" });
        Advance(TimeSpan.FromSeconds(30), first, second);
        await OktaHook.Post(follower, OktaHook.Delivery("announce-1",
            OktaHook.Event("okta-announce-reset", "user.account.reset_password", follower.Time.GetUtcNow(), "sam.user@example.com")));

        // Only the leader processes the inbox; its worker sleeps for the 30-minute poll unless the announcement wakes it.
        await Until(() => leader.Database.Inbox.PendingCount() == 0, "the delivery accepted by the follower was not processed");

        // Past the allowed lateness: the leader's tick releases the reset, and the failed verification is already in.
        Advance(shared.Config.AllowedLateness + TimeSpan.FromSeconds(10), first, second);
        await Until(() => shared.Receiver.Accepted.Any(a => a.Body.Contains("\"RT-D101\"", StringComparison.Ordinal)), "no RT-D101 received");

        Assert.True(leader.Time.GetUtcNow() - start < Poll, "a clock reached the poll interval; the test proves nothing");
        var alert = shared.Receiver.Accepted.First(a => a.Body.Contains("\"RT-D101\"", StringComparison.Ordinal)).Body;
        Assert.Contains("\"uid\":\"rc-announce-1/verification/1\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"uid\":\"okta-announce-reset\"", alert, StringComparison.Ordinal);
    }

    private static void Advance(TimeSpan by, params RunningServer[] servers)
    {
        foreach (var server in servers)
        {
            server.Time.Advance(by);
        }
    }

    private static async Task Send(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var answer = await client.PostAsJsonAsync(path, body, Cancel);
        Assert.True(answer.StatusCode == expected, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Cancel)}");
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} within 60 s");
            await Task.Delay(50, Cancel);
        }
    }
}
