using System.Globalization;

namespace ResetTrail.Cli.Tests.Detection;

/// <summary><c>detect --follow</c> as a real process: a line appended to the file comes out as an alert while it runs.</summary>
public sealed class FollowTests
{
    // An Okta LogEvent in the shape of Okta's documentation (written for this test), at a given time.
    private static string Event(string uuid, string type, DateTimeOffset at) =>
        $$$"""{"uuid":"{{{uuid}}}","published":"{{{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}}","eventType":"{{{type}}}","actor":{"id":"00u1","type":"User","alternateId":"desk.admin@example.com"},"target":[{"id":"00u2","type":"User","alternateId":"bob@example.com"}],"outcome":{"result":"SUCCESS"}}""";

    [Fact]
    public async Task An_appended_event_becomes_an_alert_while_detect_follows_the_file()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("detection.yaml", "version: 1\nengine:\n  allowed_lateness: 0\n");
        var log = cli.WriteFile("okta.ndjson", Event("e1", "user.session.start", DateTimeOffset.UtcNow.AddMinutes(-1)) + "\n");
        using var detect = CliRunner.Start(string.Empty, "detect", log, "--follow", "--config", config, "--format", "jsonl");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            while (await detect.StandardError.ReadLineAsync(timeout.Token) is { } line && !line.Contains("following", StringComparison.Ordinal))
            {
            }

            await File.AppendAllTextAsync(log, Event("e2", "user.session.impersonation.grant", DateTimeOffset.UtcNow) + "\n", TestContext.Current.CancellationToken);
            var alert = await detect.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(alert);
            Assert.Contains("\"rule\":\"RT-D002\"", alert, StringComparison.Ordinal);
            Assert.Contains("\"id\":\"e2\"", alert, StringComparison.Ordinal);
        }
        finally
        {
            detect.Kill(entireProcessTree: true);
            await detect.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
