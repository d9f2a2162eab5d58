using System.Text.Json.Nodes;

namespace ResetTrail.Cli.Tests.Cases;

/// <summary>The desk's path through the command line, against the sample policy, on a Friday morning in London (the runner's clock).</summary>
public sealed class CaseCommandsTests
{
    private static CliRunner DeskWithPolicy()
    {
        var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "desk.example/log");
        var published = cli.Run("policy", "publish", SamplePolicy(), "--db", cli.Database, "--actor", "iam.alice");
        Assert.True(published.ExitCode == 0, published.Error);
        return cli;
    }

    private static string SamplePolicy()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "policies", "sample-policy.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("policies/sample-policy.yaml not found above the test binaries");
    }

    private static CliResult Case(CliRunner cli, params string[] args) => cli.Run(["case", .. args, "--db", cli.Database]);

    private static string Digest(CliRunner cli, string id) =>
        JsonNode.Parse(Case(cli, "show", id, "--format", "json").Output)!["approval_digest"]!.GetValue<string>();

    private static void Ok(CliResult result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    private static void OpenPrivilegedMfaReset(CliRunner cli) => Ok(Case(cli,
        "open", "--ticket", "servicenow:INC0012345", "--target", "okta:bob@corp.example", "--groups", "IT Operations", "--site", "london",
        "--kind", "mfa_factor", "--channel", "phone", "--requester", "bob@corp.example", "--actor", "agent.carl", "--case-id", "rc-1"));

    [Fact]
    public void A_privileged_mfa_reset_goes_from_open_to_closed()
    {
        using var cli = DeskWithPolicy();
        OpenPrivilegedMfaReset(cli);

        Ok(Case(cli, "verify", "rc-1", "--method", "callback_on_record", "--result", "passed", "--actor", "agent.carl"));
        var digest = Digest(cli, "rc-1");
        var required = JsonNode.Parse(Case(cli, "show", "rc-1", "--format", "json").Output)!["approvals_required"]!.GetValue<int>();
        var approvers = new[] { ("service_desk_lead", "lead.dana"), ("it_manager", "mgr.eve") };
        foreach (var (authority, approver) in approvers.Take(required))
        {
            Ok(Case(cli, "approve", "rc-1", "--digest", digest, "--authority", authority, "--actor", approver));
        }

        Ok(Case(cli, "execute", "rc-1", "--actor", "iam.frank", "--idp-event", "okta-evt-77"));
        foreach (var task in JsonNode.Parse(Case(cli, "show", "rc-1", "--format", "json").Output)!["decision"]!["tasks"]!.AsArray())
        {
            Ok(Case(cli, "task", "rc-1", "--task", task!["kind"]!.GetValue<string>(), "--actor", "iam.frank"));
        }

        var closed = Case(cli, "close", "rc-1", "--actor", "agent.carl");

        Ok(closed);
        Assert.StartsWith("rc-1 closed", closed.Output, StringComparison.Ordinal);
        Assert.Contains("rc-1             closed", Case(cli, "list").Output, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("log", "verify", "--db", cli.Database).ExitCode);
    }

    [Fact]
    public void A_failed_verification_makes_the_next_attempt_stricter_and_voids_nothing_silently()
    {
        using var cli = DeskWithPolicy();
        OpenPrivilegedMfaReset(cli);
        var before = JsonNode.Parse(Case(cli, "show", "rc-1", "--format", "json").Output)!["decision"]!["verification"]!["min_strength"]!.GetValue<int>();

        Ok(Case(cli, "verify", "rc-1", "--method", "callback_on_record", "--result", "failed", "--actor", "agent.carl"));

        var after = JsonNode.Parse(Case(cli, "show", "rc-1", "--format", "json").Output)!;
        Assert.True(after["decision"]!["verification"]!["min_strength"]!.GetValue<int>() > before);
        Assert.Contains("failed attempt(s) made this stricter", after["next"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_print_their_code_and_change_nothing()
    {
        using var cli = DeskWithPolicy();
        OpenPrivilegedMfaReset(cli);
        Ok(Case(cli, "verify", "rc-1", "--method", "push_to_enrolled_device", "--result", "failed", "--actor", "agent.carl"));
        var staleDigest = Digest(cli, "rc-1");
        Ok(Case(cli, "verify", "rc-1", "--method", "callback_on_record", "--result", "passed", "--actor", "agent.carl"));
        Ok(Case(cli, "verify", "rc-1", "--method", "push_to_enrolled_device", "--result", "passed", "--actor", "agent.carl"));
        var size = cli.Run("log", "checkpoint", "--db", cli.Database).Output;

        var stale = Case(cli, "approve", "rc-1", "--digest", staleDigest, "--authority", "it_manager", "--actor", "mgr.eve");
        var early = Case(cli, "execute", "rc-1", "--actor", "iam.frank");
        var missing = Case(cli, "show", "rc-404");

        Assert.Equal((1, "RT-2301"), (stale.ExitCode, stale.Error.Split(':')[1].Trim()));
        Assert.Contains("RT-2000", early.Error, StringComparison.Ordinal);
        Assert.Contains("RT-2002", missing.Error, StringComparison.Ordinal);
        Assert.Equal(size, cli.Run("log", "checkpoint", "--db", cli.Database).Output);
    }

    [Fact]
    public void An_administrator_over_chat_is_denied_by_the_policy_at_once()
    {
        using var cli = DeskWithPolicy();

        var opened = Case(cli, "open", "--ticket", "jira:HELP-9", "--target", "entra:root@corp.example", "--groups", "Domain Admins",
            "--kind", "all_factors", "--channel", "chat", "--requester", "root@corp.example", "--actor", "agent.carl", "--case-id", "rc-9");

        Ok(opened);
        Assert.StartsWith("rc-9 denied", opened.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_without_a_published_policy_says_how_to_publish_one()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "desk.example/log");

        var opened = Case(cli, "open", "--ticket", "jira:HELP-1", "--target", "okta:a@b.c", "--kind", "password", "--channel", "phone",
            "--requester", "a@b.c", "--actor", "agent");

        Assert.Equal(1, opened.ExitCode);
        Assert.Contains("resettrail policy publish", opened.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--kind", "pasword", "--kind 'pasword' is not one of")]
    [InlineData("--ticket", "INC0012345", "--ticket 'INC0012345' should read SYSTEM:KEY")]
    [InlineData("--initiator", "vendor", "a third party is named")]
    public void Bad_open_arguments_say_what_is_expected(string option, string value, string expected)
    {
        using var cli = DeskWithPolicy();
        var args = new Dictionary<string, string>
        {
            ["--ticket"] = "jira:HELP-1", ["--target"] = "okta:a@b.c", ["--kind"] = "password", ["--channel"] = "phone",
            ["--requester"] = "a@b.c", ["--actor"] = "agent", ["--initiator"] = "internal",
        };
        args[option] = value;

        var opened = Case(cli, ["open", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);

        Assert.Equal(2, opened.ExitCode);
        Assert.Contains(expected, opened.Error, StringComparison.Ordinal);
    }
}
