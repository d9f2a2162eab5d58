using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ResetTrail.Detection.Delivery;
using ResetTrail.Storage.Sqlite.Events;
using ResetTrail.Testing;

namespace ResetTrail.Cli.Tests.Server;

/// <summary>
/// Detection in a real <c>resettrail serve</c> process: Okta Event Hook deliveries raise RT-D002 (Okta support access
/// granted) alerts that reach a signed-webhook receiver and a syslog collector, across a killed and restarted server
/// and a receiver that refuses for a while.
/// </summary>
public sealed class ServeDetectionTests
{
    private const string OktaSecret = "okta-hook-secret-of-at-least-32-characters";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alerts_reach_the_receivers_at_least_once_under_one_id_across_a_killed_server_and_a_refusing_receiver()
    {
        using var cli = new CliRunner();
        var secretText = WebhookSecret.Generate();
        using var webhook = new WebhookReceiver(WebhookSecret.Parse(secretText)!, refuse: 3);
        using var syslog = new SyslogReceiver();
        var settings = cli.WriteFile("settings.json", new JsonObject
        {
            ["Ingest"] = new JsonObject { ["OktaHookSecret"] = OktaSecret },
            ["Detection"] = new JsonObject
            {
                ["Config"] = FastConfig(cli),
                ["WebhookUrl"] = webhook.Url.ToString(),
                ["WebhookSecret"] = secretText,
                ["SyslogTarget"] = $"tcp://127.0.0.1:{syslog.Port}",
            },
        }.ToJsonString());
        var database = Path.Combine(cli.Folder, "served.db");
        var uuids = Enumerable.Range(1, 6).Select(i => $"rt-e2e-{Guid.NewGuid():N}").ToList();

        var first = CliRunner.Start(string.Empty, "serve", "--db", database, "--config", settings, "--urls", "http://127.0.0.1:0");
        try
        {
            var address = await ServeCommandTests.AddressFrom(first);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, await Post(address, uuids[i], i));
            }
        }
        finally
        {
            first.Kill(entireProcessTree: true); // mid-stream: deliveries answered, alerts possibly not yet sent
            await first.WaitForExitAsync(Cancel);
            first.Dispose();
        }

        using var second = CliRunner.Start(string.Empty, "serve", "--db", database, "--config", settings, "--urls", "http://127.0.0.1:0");
        try
        {
            var address = await ServeCommandTests.AddressFrom(second);
            for (var i = 3; i < 6; i++)
            {
                Assert.Equal(HttpStatusCode.OK, await Post(address, uuids[i], i));
            }

            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < Patience && !(AllArrived(webhook, uuids) && uuids.All(u => syslog.Received.Contains(u, StringComparison.Ordinal))))
            {
                await Task.Delay(500, Cancel);
            }
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(Cancel);
        }

        var stored = new SqliteEventStore(database).ReadAll().Select(e => e.SourceEventId).ToHashSet(StringComparer.Ordinal);
        Assert.All(uuids, u => Assert.Contains(u, stored)); // every answered delivery's events are stored
        Assert.Equal(0, webhook.BadSignatures);
        Assert.Equal(3, webhook.Refused); // the receiver was down; backoff retried until it took them
        Assert.True(AllArrived(webhook, uuids), $"webhook received {webhook.Accepted.Count} alert(s); expected one per event of {uuids.Count}");
        var byId = webhook.Accepted.GroupBy(a => a.Id).ToList();
        Assert.Equal(uuids.Count, byId.Count); // one id per alert: a repeat after the crash carries the same id
        Assert.All(webhook.Accepted, a => Assert.Contains($"\"uid\":\"{a.Id}\"", a.Body, StringComparison.Ordinal)); // the finding's id is the webhook-id
        Assert.All(byId, g => Assert.Contains($"externalId={g.Key}", syslog.Received, StringComparison.Ordinal)); // and the CEF externalId
        Assert.All(uuids, u => Assert.Contains(u, syslog.Received, StringComparison.Ordinal));
        Assert.Contains("CEF:0|", syslog.Received, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_refuses_detection_settings_that_cannot_work_naming_each()
    {
        using var cli = new CliRunner();
        var settings = cli.WriteFile("settings.json", """{"Detection":{"WebhookUrl":"ftp://x","SyslogTarget":"tcp://nohost","WebhookSecret":"not-a-secret"}}""");

        var result = cli.Run("serve", "--db", cli.Database, "--config", settings);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Detection:WebhookUrl", result.Error, StringComparison.Ordinal);
        Assert.Contains("Detection:SyslogTarget", result.Error, StringComparison.Ordinal);
        Assert.Contains("RESETTRAIL_DETECTION__WEBHOOKSECRET", result.Error, StringComparison.Ordinal);
    }

    private static bool AllArrived(WebhookReceiver webhook, List<string> uuids) =>
        uuids.All(u => webhook.Accepted.Any(a => a.Body.Contains(u, StringComparison.Ordinal)));

    /// <summary>The built-in configuration with a one-minute lateness, so alerts go out within a minute of "now".</summary>
    private static string FastConfig(CliRunner cli)
    {
        var yaml = File.ReadAllText(Path.Combine(Repository(), "policies", "detection.yaml"));
        Assert.Contains("allowed_lateness: 5m", yaml, StringComparison.Ordinal);
        return cli.WriteFile("detection.yaml", yaml.Replace("allowed_lateness: 5m", "allowed_lateness: 1m", StringComparison.Ordinal));
    }

    /// <summary>One Okta Event Hook delivery: the Panther "Support Access Granted" sample, its attribution kept, given a fresh id, now as its time and its own actor and target.</summary>
    private static async Task<HttpStatusCode> Post(Uri address, string uuid, int index)
    {
        var okta = Path.Combine(Repository(), "tests", "ResetTrail.Ingestion.Tests", "TestData", "okta");
        var sample = JsonNode.Parse(File.ReadLines(Path.Combine(okta, "user.session.impersonation.grant.jsonl")).First())!["event"]!.DeepClone().AsObject();
        sample["uuid"] = uuid;
        sample["published"] = DateTimeOffset.UtcNow.AddSeconds(-40).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        sample["actor"]!["alternateId"] = $"support{index}@okta.example";
        sample["target"] = new JsonArray(new JsonObject { ["id"] = $"00u{index}", ["type"] = "User", ["alternateId"] = $"user{index}@springfield.gov", ["displayName"] = $"User {index}" });
        var hook = JsonNode.Parse(File.ReadAllText(Path.Combine(okta, "fixtures", "event-hook.json")))!.AsObject();
        hook["data"]!["events"] = new JsonArray(sample);

        using var client = new HttpClient { BaseAddress = address };
        using var post = new HttpRequestMessage(HttpMethod.Post, "hooks/okta") { Content = new StringContent(hook.ToJsonString(), Encoding.UTF8, "application/json") };
        post.Headers.TryAddWithoutValidation("Authorization", OktaSecret);
        using var answer = await client.SendAsync(post, Cancel);
        return answer.StatusCode;
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResetTrail.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository above " + AppContext.BaseDirectory);
    }
}
