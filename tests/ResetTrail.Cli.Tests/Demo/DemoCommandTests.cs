using System.Text.Json.Nodes;
using ResetTrail.Core.Workflow;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Cli.Tests.Demo;

public sealed class DemoCommandTests
{
    private static readonly CaseState[] Terminal = [CaseState.Closed, CaseState.Denied, CaseState.Expired, CaseState.Cancelled, CaseState.Failed];

    [Fact]
    public void A_short_demo_has_every_terminal_state_and_every_kind_of_control_failure()
    {
        using var cli = new CliRunner();

        var demo = cli.Run("demo", "--db", cli.Database, "--days", "8", "--cases-per-day", "6");

        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        var cases = Cases(cli);
        Assert.All(Terminal, state => Assert.Contains(cases, c => c.State == state));
        Assert.Contains(cases, c => c.State is CaseState.Opened or CaseState.Verifying or CaseState.AwaitingApproval or CaseState.Approved);
        var flagged = cases.SelectMany(c => c.ControlFailures(cli.Time.GetUtcNow())).ToList();
        Assert.Contains(flagged, f => f.StartsWith("the emergency review was due", StringComparison.Ordinal));
        Assert.Contains(flagged, f => f.StartsWith("no identity-provider event", StringComparison.Ordinal));
        Assert.Contains(flagged, f => !f.StartsWith("the emergency review", StringComparison.Ordinal) && f.Contains(" was due by ", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.State == CaseState.Denied && c.Steps.Count == 1); // refused by the policy when opened
        Assert.Contains(cases, c => c.State == CaseState.Denied && c.Verifications.Any(v => !v.Passed));
        Assert.Contains(cases, c => c.IdpEvents.Count > 0);
        Assert.Contains(cases, c => c.EmergencyReview is not null);
        Assert.Contains(cases, c => c.Verifications.Any(v => !v.Passed) && c.State == CaseState.Closed);
        Assert.Contains("verifier key: demo.resettrail.example+", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_log_verifies_and_case_list_shows_its_cases()
    {
        using var cli = new CliRunner();
        cli.Run("demo", "--db", cli.Database, "--days", "4", "--cases-per-day", "4");

        var verify = cli.Run("log", "verify", "--db", cli.Database);
        var list = cli.Run("case", "list", "--db", cli.Database, "--format", "json", "--limit", "1000");

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.StartsWith("ok: ", verify.Output, StringComparison.Ordinal);
        Assert.Equal(Cases(cli).Count, JsonNode.Parse(list.Output)!.AsArray().Count);
        Assert.True(File.Exists(cli.Database + ".key"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_cases()
    {
        using var first = new CliRunner();
        using var second = new CliRunner();

        first.Run("demo", "--db", first.Database, "--days", "5", "--cases-per-day", "5", "--seed", "7");
        second.Run("demo", "--db", second.Database, "--days", "5", "--cases-per-day", "5", "--seed", "7");

        var a = Cases(first).Select(Line).ToList();
        Assert.NotEmpty(a);
        Assert.Equal(a, Cases(second).Select(Line));
    }

    /// <summary>Seeds 4, 6 and 7 once ran out of application owners: three approvals asked of a pool of two.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_full_month_runs_to_the_end_whatever_the_seed(int seed)
    {
        using var cli = new CliRunner();

        var demo = cli.Run("demo", "--db", cli.Database, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        Assert.Equal(0, cli.Run("log", "verify", "--db", cli.Database).ExitCode);
    }

    [Fact]
    public void A_second_run_adds_to_an_existing_log()
    {
        using var cli = new CliRunner();
        cli.Run("demo", "--db", cli.Database, "--days", "3", "--cases-per-day", "3");
        var before = Cases(cli).Count;

        var again = cli.Run("demo", "--db", cli.Database, "--days", "3", "--cases-per-day", "3");

        Assert.True(again.ExitCode == 0, again.Error + again.Output);
        Assert.DoesNotContain("published the sample policy", again.Output, StringComparison.Ordinal);
        Assert.Equal(2 * before, Cases(cli).Count);
        Assert.Equal(0, cli.Run("log", "verify", "--db", cli.Database).ExitCode);
    }

    private static string Line(ResetCase c) =>
        $"{c.Id} {c.State} {c.Decision.Tier} {c.Kind} {c.Channel} {c.OpenedAt:O} {c.Steps.Count}";

    private static List<ResetCase> Cases(CliRunner cli)
    {
        using var log = SqliteEvidenceLog.Open(cli.Database, keyPath: null, cli.Time).Value;
        var store = new SqliteCaseStore(log);
        return [.. store.List(new CaseQuery { Limit = 100_000 }).Select(s => store.Find(s.CaseId)!)];
    }
}
