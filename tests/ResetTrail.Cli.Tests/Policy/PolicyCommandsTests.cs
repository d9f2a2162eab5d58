using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ResetTrail.Cli.Tests.Policy;

public sealed class PolicyCommandsTests
{
    private static readonly string Sample = Path.Combine(FindRoot(), "policies", "sample-policy.yaml");

    [Fact]
    public void Check_prints_ok_with_the_version_hash_and_rule_count()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "check", Sample);

        Assert.Equal(0, result.ExitCode);
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Sample)));
        Assert.Equal($"ok: {Sample} version 2026-11-01 sha256 {hash}, 14 rules\n", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Check_prints_every_problem_on_its_own_line_and_exits_1()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("broken.yaml", """
            version: "x"
            retention_classes: { short: 30d }
            defaults: { retention: short, verification: { methods: [in_person_badge], min_strength: 4 } }
            rules:
              - id: a
                match: { kinds: [pasword] }
                approvals: { count: two }
            """);

        var result = cli.Run("policy", "check", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                $"{file}:6:22: rules[0].match.kinds[0]: unknown value 'pasword'; expected one of: all_factors, mfa_factor, nhi_secret, password, recovery_codes, temporary_access_pass",
                $"{file}:7:25: rules[0].approvals.count: 'two' is not a whole number from 0 to 10",
            ],
            result.Lines);
    }

    [Fact]
    public void Check_prints_warnings_and_still_succeeds()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("shadowed.yaml", """
            version: "x"
            retention_classes: { short: 30d }
            defaults: { retention: short, verification: { methods: [in_person_badge], min_strength: 4 } }
            rules:
              - { id: everything, match: any }
              - { id: admins, match: { tiers: [admin] } }
            """);

        var result = cli.Run("policy", "check", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{file}:6:5: warning: rules[1]: rule 'admins' can never match: earlier rules take every request it matches; move it above them", result.Lines[0]);
        Assert.StartsWith("ok: ", result.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_missing_file_is_one_line_on_standard_error()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "check", Path.Combine(cli.Folder, "nope.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"resettrail: no policy file at {Path.Combine(cli.Folder, "nope.yaml")}\n", result.Error);
    }

    [Fact]
    public void Explain_prints_the_tier_the_rule_and_each_requirement_with_its_rule_and_line()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "explain", Sample, "--target", "corp:jdoe", "--groups", "Domain Admins", "--kind", "all_factors", "--channel", "phone");

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(Sample);
        var ruleLine = Array.FindIndex(lines, l => l.Contains("- id: admin-all-factors", StringComparison.Ordinal)) + 1;
        Assert.Contains($"decision  allowed by rule admin-all-factors (line {ruleLine})", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("  tier ", StringComparison.Ordinal) && l.Contains("admin: member of group Domain Admins", StringComparison.Ordinal) && l.EndsWith("[administrators, line 89]", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("  approvals.must_include", StringComparison.Ordinal) && l.Contains("security", StringComparison.Ordinal) && l.Contains("[admin-all-factors, line", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("  follow_up", StringComparison.Ordinal) && l.Contains("7d", StringComparison.Ordinal));
    }

    [Fact]
    public void The_explain_example_in_the_design_document_is_what_the_command_prints()
    {
        using var cli = new CliRunner();
        var document = File.ReadAllLines(Path.Combine(FindRoot(), "docs", "design", "policy.md"));
        var start = Array.FindIndex(document, l => l.StartsWith("$ resettrail policy explain", StringComparison.Ordinal)) + 2;
        var example = document[start..Array.IndexOf(document, "```", start)];

        var result = cli.Run("policy", "explain", Sample, "--target", "corp:jdoe", "--groups", "Domain Admins", "--kind", "all_factors", "--channel", "phone");

        Assert.Equal(example, result.Output.Split('\n')[..^1].Select(l => l.Replace(Sample, "policies/sample-policy.yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void Explain_names_the_defaults_line_for_inherited_requirements()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "explain", Sample, "--target", "jdoe", "--kind", "password", "--channel", "phone");

        var defaultsRetention = Array.FindIndex(File.ReadAllLines(Sample), l => l == "  retention: standard") + 1;
        Assert.Contains(result.Lines, l => l.StartsWith("  retention ", StringComparison.Ordinal) && l.EndsWith($"[defaults, line {defaultsRetention}]", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_shows_a_denial_with_its_reason()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "explain", Sample, "--target", "jdoe", "--roles", "Global Administrator", "--kind", "password", "--channel", "chat");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("decision  DENIED by rule no-admin-over-chat-or-vendor-line", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("no: administrators are never reset over chat", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_as_json_is_the_decision_in_wire_names_with_its_explanations()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "explain", Sample, "--target", "jdoe", "--kind", "password", "--channel", "phone", "--failed-verifications", "1", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Sample))), json["policy_hash"]!.GetValue<string>());
        Assert.Equal("standard", json["tier"]!.GetValue<string>());
        Assert.Equal("standard-password", json["rule"]!.GetValue<string>());
        Assert.Equal(2, json["verification"]!["min_strength"]!.GetValue<int>());
        Assert.Equal(1, json["approvals"]!["count"]!.GetValue<int>());
        Assert.Empty(json["approvals"]!["must_include"]!.AsArray());
        Assert.Equal("P7D", json["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "follow_up")!["within"]!.GetValue<string>());
        Assert.Contains(json["explanations"]!.AsArray(), e => e!["requirement"]!.GetValue<string>() == "after_failed_verification" && e["rule"]!.GetValue<string>() == "defaults");
    }

    [Theory]
    [InlineData("--kind", "pasword")]
    [InlineData("--channel", "fax")]
    [InlineData("--initiator", "stranger")]
    public void Explain_refuses_unknown_wire_names_as_usage_errors(string option, string value)
    {
        using var cli = new CliRunner();
        string[] args = ["policy", "explain", Sample, "--target", "jdoe", "--kind", "password", "--channel", "phone"];
        var index = Array.IndexOf(args, option);
        args = index >= 0 ? [.. args[..(index + 1)], value, .. args[(index + 2)..]] : [.. args, option, value];

        var result = cli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option}: unknown value '{value}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_a_broken_policy_prints_its_errors_and_exits_1()
    {
        using var cli = new CliRunner();
        var file = cli.WriteFile("broken.yaml", "version: x\nrules: [{ id: a, match: any, bogus: 1 }]\n");

        var result = cli.Run("policy", "explain", file, "--target", "jdoe", "--kind", "password", "--channel", "phone");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith($"{file}:2:", StringComparison.Ordinal) && l.Contains("unknown key 'bogus'", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_without_its_required_options_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var result = cli.Run("policy", "explain", Sample, "--target", "jdoe");

        Assert.Equal(2, result.ExitCode);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ResetTrail.slnx not found above the test binaries");
    }
}
