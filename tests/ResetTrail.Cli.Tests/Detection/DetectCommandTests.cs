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
