using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Tests.Hosting;

public sealed class ServerSettingsReaderTests
{
    [Fact]
    public void The_command_line_overrides_the_file()
    {
        var file = Write("""{"Db":"from-file.db","Urls":"http://127.0.0.1:9000","Limits":{"TokenRequestsPerMinute":5}}""");

        var (settings, problems) = ServerSettingsReader.Read(file, new Dictionary<string, string?> { ["Db"] = "from-cli.db" });

        Assert.Empty(problems);
        Assert.Equal("from-cli.db", settings!.Db);
        Assert.Equal("http://127.0.0.1:9000", settings.Urls);
        Assert.Equal(5, settings.Limits.TokenRequestsPerMinute);
    }

    [Fact]
    public void Every_bad_setting_is_named_with_its_file_key_and_environment_variable()
    {
        var file = Write("""{"Urls":"ftp://x","Limits":{"MaxRequestBodyBytes":"-1"},"Dbb":"typo.db"}""");

        var (settings, problems) = ServerSettingsReader.Read(file, new Dictionary<string, string?>());

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains("unknown setting 'Dbb'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Limits:MaxRequestBodyBytes", StringComparison.Ordinal) && p.Contains("RESETTRAIL_LIMITS__MAXREQUESTBODYBYTES", StringComparison.Ordinal) && p.Contains("from 1024", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RESETTRAIL_URLS", StringComparison.Ordinal) && p.Contains("http://HOST:PORT", StringComparison.Ordinal));
    }

    [Fact]
    public void The_inbox_poll_is_read_in_seconds_and_bounded()
    {
        var (settings, _) = ServerSettingsReader.Read(null, new Dictionary<string, string?> { ["Ingest:InboxPollSeconds"] = "30" });
        var (refused, problems) = ServerSettingsReader.Read(null, new Dictionary<string, string?> { ["Ingest:InboxPollSeconds"] = "0" });

        Assert.Equal(TimeSpan.FromSeconds(30), settings!.Ingest.InboxPoll);
        Assert.Equal(TimeSpan.FromSeconds(2), new ResetTrail.Server.Ingest.IngestSettings().InboxPoll);
        Assert.Null(refused);
        Assert.Contains(problems, p => p.Contains("RESETTRAIL_INGEST__INBOXPOLLSECONDS", StringComparison.Ordinal) && p.Contains("from 1 to 3600", StringComparison.Ordinal));
    }

    [Fact]
    public void The_case_poll_of_detection_is_read_in_seconds_and_bounded()
    {
        var (settings, _) = ServerSettingsReader.Read(null, new Dictionary<string, string?> { ["Detection:CasePollSeconds"] = "300" });
        var (refused, problems) = ServerSettingsReader.Read(null, new Dictionary<string, string?> { ["Detection:CasePollSeconds"] = "5" });

        Assert.Equal(TimeSpan.FromMinutes(5), settings!.Detection.CasePoll);
        Assert.Equal(TimeSpan.FromSeconds(10), new ResetTrail.Server.Detection.DetectionSettings().CasePoll);
        Assert.Null(refused);
        Assert.Contains(problems, p => p.Contains("RESETTRAIL_DETECTION__CASEPOLLSECONDS", StringComparison.Ordinal) && p.Contains("from 10 to 86400", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_the_server_reads_is_in_the_settings_table_of_the_server_design()
    {
        var design = File.ReadAllText(Path.Combine(Cases.CaseApiTests.RepositoryRoot(), "docs", "design", "server.md"));
        var table = design[design.IndexOf("## Settings", StringComparison.Ordinal)..design.IndexOf("## Errors", StringComparison.Ordinal)];

        var missing = ServerSettingsReader.Settings.Where(key => !table.Contains("| `" + key + "` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/design/server.md's settings table: " + string.Join(", ", missing));
        Assert.Contains("Identity:Oidc:RoleMap", ServerSettingsReader.Settings);
        Assert.DoesNotContain("Limits", ServerSettingsReader.Settings);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_reported()
    {
        Assert.Contains("no such file", ServerSettingsReader.Read("/nonexistent/settings.json", new Dictionary<string, string?>()).Problems.Single(), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ServerSettingsReader.Read(Write("{ not json"), new Dictionary<string, string?>()).Problems.Single(), StringComparison.Ordinal);
    }

    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "resettrail-settings-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
