using System.Globalization;

namespace ResetTrail.Cli.Tests.Detection;

/// <summary>
/// <c>detect --follow</c> as a real process: a line appended to the file comes out as an alert while it runs.
/// This test once timed out when the whole project ran (and passed alone): it configured no lateness, and while
/// following, detect moves its watermark to the wall clock every second. The event's time was taken before the
/// append, so under load (the append's continuation waiting for a busy thread pool) a poll could pass it first, the
/// event came too late, was reported on standard error and never evaluated, and the test waited for an alert that
/// could not come. Now the lateness is the built-in 5 minutes, and RT-D002, decided by one event, runs on arrival
/// (ADR 0044) so it still alerts at once.
/// </summary>
public sealed class FollowTests
{
    // An Okta LogEvent in the shape of Okta's documentation (written for this test), at a given time.
    private static string Event(string uuid, string type, DateTimeOffset at) =>
        $$$"""{"uuid":"{{{uuid}}}","published":"{{{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}}","eventType":"{{{type}}}","actor":{"id":"00u1","type":"User","alternateId":"desk.admin@example.com"},"target":[{"id":"00u2","type":"User","alternateId":"bob@example.com"}],"outcome":{"result":"SUCCESS"}}""";

    [Fact]
    public async Task An_appended_event_becomes_an_alert_while_detect_follows_the_file()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("detection.yaml", "version: 1\nengine:\n  allowed_lateness: 5m\n");
        var log = cli.WriteFile("okta.ndjson", Event("e1", "user.session.start", DateTimeOffset.UtcNow.AddMinutes(-1)) + "\n");
        using var detect = CliRunner.Start(string.Empty, "detect", log, "--follow", "--config", config, "--format", "jsonl");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            while (await detect.StandardError.ReadLineAsync(timeout.Token) is { } line && !line.Contains("following", StringComparison.Ordinal))
            {
            }

            // Keep draining standard error, so nothing detect reports can fill the pipe and stall it.
            var errors = detect.StandardError.ReadToEndAsync(timeout.Token);

            await File.AppendAllTextAsync(log, Event("e2", "user.session.impersonation.grant", DateTimeOffset.UtcNow) + "\n", TestContext.Current.CancellationToken);
            var alert = await detect.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(alert);
            Assert.Contains("\"rule\":\"RT-D002\"", alert, StringComparison.Ordinal);
            Assert.Contains("\"id\":\"e2\"", alert, StringComparison.Ordinal);
            detect.Kill(entireProcessTree: true);
            Assert.DoesNotContain("came after the watermark", await errors, StringComparison.Ordinal);
        }
        finally
        {
            detect.Kill(entireProcessTree: true);
            await detect.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
