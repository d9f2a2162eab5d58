using System.Text.Json;
using ResetTrail.Cli.Detection;

namespace ResetTrail.Cli.Tests.Detection;

public sealed class DetectCommandTests
{
    private static string Fixture(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "ResetTrail.Ingestion.Tests", "TestData", "okta", "fixtures", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Detect_prints_alerts_that_explain_themselves_in_each_format()
    {
        using var cli = new CliRunner();
        var log = Fixture("system-log.ndjson");
        var table = cli.Run("detect", log);
        var ocsf = cli.Run("detect", log, "--format", "ocsf");
        var jsonl = cli.Run("detect", log, "--format", "jsonl");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("RT-D015", table.Output, StringComparison.Ordinal);
        Assert.Contains("condition:", table.Output, StringComparison.Ordinal);
        Assert.Contains("5 observed", table.Error, StringComparison.Ordinal);
        var findings = ocsf.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(2004, f.GetProperty("class_uid").GetInt32()));
        var ids = jsonl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(findings.Select(f => f.GetProperty("finding_info").GetProperty("uid").GetString()), ids);
    }

    /// <summary>The fixture repeated <paramref name="copies"/> times with fresh event ids (so none is a repeat), and a broken line after <paramref name="brokenAfter"/> lines when given.</summary>
    private static string Repeated(CliRunner cli, int copies, int? brokenAfter = null)
    {
        var lines = File.ReadAllLines(Fixture("system-log.ndjson")).Where(l => l.Length > 0).ToList();
        var text = new System.Text.StringBuilder();
        var written = 0;
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var line in lines)
            {
                if (written++ == brokenAfter)
                {
                    text.Append("{\"uuid\": \"broken\", \"published\": \n");
                }

                // Fresh ids, and each copy an hour after the one before, so none is a repeat or late.
                var renamed = System.Text.RegularExpressions.Regex.Replace(line, "\"uuid\":\"([^\"]+)\"", m => $"\"uuid\":\"{m.Groups[1].Value}-{copy}\"");
                var moved = System.Text.RegularExpressions.Regex.Replace(renamed, "\"published\":\"([^\"]+)\"", m =>
                    $"\"published\":\"{DateTimeOffset.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).AddHours(copy).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"");
                text.Append(moved).Append('\n');
            }
        }

        return cli.WriteFile("repeated.ndjson", text.ToString());
    }

    private static int Count(CliResult result, string rule) => result.Lines.Count(l => l.Contains($"\"rule\":\"{rule}\"", StringComparison.Ordinal));

    [Fact]
    public void Records_read_on_the_reader_thread_give_every_alert_in_order_over_many_batches()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("detection.yaml", "version: 1\nengine:\n  throttle: 0\n");
        var one = cli.Run("detect", Fixture("system-log.ndjson"), "--config", config, "--format", "jsonl");
        var many = cli.Run("detect", Repeated(cli, 300), "--config", config, "--format", "jsonl");
        Assert.Equal(0, many.ExitCode);
        Assert.True(Count(one, "RT-D015") > 0, one.Output);
        Assert.Equal(300 * Count(one, "RT-D015"), Count(many, "RT-D015"));
        Assert.Contains("1500 observed", many.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_record_read_on_the_reader_thread_stops_the_run_with_its_line()
    {
        using var cli = new CliRunner();
        var result = cli.Run("detect", Repeated(cli, 300, brokenAfter: 1200), "--format", "jsonl");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("repeated.ndjson:1201", result.Error, StringComparison.Ordinal);
        Assert.Contains("--skip-bad", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_bad_a_malformed_record_is_reported_and_every_other_record_is_read()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("detection.yaml", "version: 1\nengine:\n  throttle: 0\n");
        var one = cli.Run("detect", Fixture("system-log.ndjson"), "--config", config, "--format", "jsonl");
        var result = cli.Run("detect", Repeated(cli, 300, brokenAfter: 1200), "--config", config, "--format", "jsonl", "--skip-bad");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 malformed records skipped", result.Error, StringComparison.Ordinal);
        Assert.Equal(300 * Count(one, "RT-D015"), Count(result, "RT-D015"));
    }

    [Fact]
    public void A_configuration_with_problems_stops_with_file_line_and_column()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("detection.yaml", "version: 1\nrules:\n  RT-D019:\n    treshold: 3\n");
        var result = cli.Run("detect", Fixture("system-log.ndjson"), "--config", config);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("detection.yaml:4:5: rules.RT-D019.treshold: unknown key 'treshold'; did you mean 'threshold'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_joins_the_case_signals_of_the_database()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("demo", "--db", cli.Database, "--days", "2", "--cases-per-day", "3").ExitCode);
        var result = cli.Run("detect", Fixture("system-log.ndjson"), "--db", cli.Database, "--format", "jsonl");
        Assert.Equal(0, result.ExitCode);
        var observed = long.Parse(result.Error.Split("rules; ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(observed > 5, result.Error);
    }

    [Fact]
    public void The_follower_returns_appended_complete_lines_and_survives_truncation_and_rotation()
    {
        using var cli = new CliRunner();
        var path = cli.WriteFile("live.ndjson", "{\"a\":1}\n");
        var follower = new FileFollower(path);
        Assert.Equal("{\"a\":1}\n", Text(follower.Poll()));
        Assert.Empty(follower.Poll());

        File.AppendAllText(path, "{\"a\":2}\n{\"a\":");
        Assert.Equal("{\"a\":2}\n", Text(follower.Poll()));
        File.AppendAllText(path, "3}\n");
        Assert.Equal("{\"a\":3}\n", Text(follower.Poll()));

        File.WriteAllText(path, "{\"b\":1}\n");
        Assert.Equal("{\"b\":1}\n", Text(follower.Poll()));
        Assert.Equal(1, follower.Rotations);

        File.Move(path, path + ".1");
        File.WriteAllText(path + ".new", "{\"c\":1}\n{\"c\":2}\n{\"c\":3}\n");
        File.Move(path + ".new", path);
        Assert.Equal("{\"c\":1}\n{\"c\":2}\n{\"c\":3}\n", Text(follower.Poll()));
        Assert.Equal(2, follower.Rotations);
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
