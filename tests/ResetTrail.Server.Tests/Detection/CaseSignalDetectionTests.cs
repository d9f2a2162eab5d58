using System.Net;
using System.Net.Http.Json;
using ResetTrail.Core.Access;
using ResetTrail.Detection.Config;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Detection;
using ResetTrail.Server.Ingest;
using ResetTrail.Server.Tests.Cases;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>
/// Case steps committed by the server reach the case-aware rules: a verification that fails on a case, then a
/// password reset of the same account arriving as an Okta Event Hook delivery, raise RT-D101 ("reset after a failed
/// verification on the same target"), delivered by the OCSF file sink, with the case step and the Okta event as its
/// evidence. The server runs on a fake clock; the test moves it so the detector's clock ticks.
/// </summary>
public sealed class CaseSignalDetectionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reset_after_a_failed_verification_in_a_served_case_raises_RT_D101()
    {
        string? ocsf = null;
        await using var server = await RunningServer.StartAsync(settings =>
        {
            ocsf = Path.Combine(Path.GetDirectoryName(settings.Db)!, "alerts.ocsf.jsonl");
            return settings with
            {
                Ingest = new IngestSettings { OktaHookSecret = OktaHook.Secret },
                Detection = new DetectionSettings { Config = DetectionConfig.Default with { AllowedLateness = TimeSpan.FromMinutes(1) }, OcsfFile = ocsf },
            };
        });
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using (var opened = await desk.PostAsJsonAsync("api/v1/cases/", CaseApiTests.OpenBody("rc-detect-1"), Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        server.Time.Advance(TimeSpan.FromSeconds(5));
        using (var failed = await desk.PostAsJsonAsync("api/v1/cases/rc-detect-1/verify", new { method = "callback_on_record", result = "failed" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // Thirty seconds later an administrator resets the same account's password in Okta.
        server.Time.Advance(TimeSpan.FromSeconds(30));
        await OktaHook.Post(server, OktaHook.Delivery("delivery-1", OktaHook.Event("okta-reset-after-failure", "user.account.reset_password", server.Time.GetUtcNow(), "sam.user@example.com")));

        await Eventually(() => server.Database.Inbox.PendingCount() == 0, server, TimeSpan.Zero);

        // Past the allowed lateness: the detector's clock ticks, the watermark passes the reset, the sequence completes.
        await Eventually(() => File.Exists(ocsf) && File.ReadAllText(ocsf!).Contains("RT-D101", StringComparison.Ordinal), server, TimeSpan.FromSeconds(15));

        var alert = File.ReadAllLines(ocsf!).Single(l => l.Contains("\"RT-D101\"", StringComparison.Ordinal));
        Assert.Contains("sam.user@example.com", alert, StringComparison.Ordinal);
        Assert.Contains("\"uid\":\"rc-detect-1/verification/1\"", alert, StringComparison.Ordinal); // the case step
        Assert.Contains("\"uid\":\"okta-reset-after-failure\"", alert, StringComparison.Ordinal); // the Okta event
    }

    /// <summary>Waits (up to 60 s of real time) for <paramref name="condition"/>, moving the server's clock by <paramref name="step"/> each round.</summary>
    private static async Task Eventually(Func<bool> condition, RunningServer server, TimeSpan step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 60 s");
            server.Time.Advance(step);
            await Task.Delay(100, Cancel);
        }
    }
}
