using System.Text.Json;

namespace ResetTrail.Cli.Tests.Accounts;

public sealed class AccountCommandsTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void Create_admin_reads_the_password_from_stdin_and_works_once()
    {
        using var cli = new CliRunner();

        var first = cli.RunWithInput(Password + "\n", "account", "create-admin", "--db", cli.Database, "--login", "Admin", "--password-stdin");
        var second = cli.RunWithInput(Password + "\n", "account", "create-admin", "--db", cli.Database, "--login", "other", "--password-stdin");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("created administrator 'admin'", first.Output, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("RT-3004", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, first.Output + first.Error + second.Output + second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_or_password_stdin_it_says_how_to_pass_the_password()
    {
        using var cli = new CliRunner();

        var result = cli.Run("account", "create-admin", "--db", cli.Database, "--login", "admin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_password_is_refused_with_its_code()
    {
        using var cli = new CliRunner();

        var result = cli.RunWithInput("short\n", "account", "create-admin", "--db", cli.Database, "--login", "admin", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("RT-3010", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_are_added_listed_changed_disabled_and_reset()
    {
        using var cli = new CliRunner();
        cli.RunWithInput(Password + "\n", "account", "create-admin", "--db", cli.Database, "--login", "admin", "--password-stdin");

        var add = cli.RunWithInput(Password + "\n", "account", "add", "--db", cli.Database, "--login", "carl", "--display-name", "Carl Agent", "--role", "desk_agent,verifier", "--password-stdin");
        var roles = cli.Run("account", "roles", "--db", cli.Database, "--login", "carl", "--role", "approver", "--role", "auditor");
        var disable = cli.Run("account", "disable", "--db", cli.Database, "--login", "carl");
        var reset = cli.Run("account", "reset-totp", "--db", cli.Database, "--login", "carl");
        var list = cli.Run("account", "list", "--db", cli.Database);
        var json = cli.Run("account", "list", "--db", cli.Database, "--format", "json");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Equal("added 'carl' (desk_agent,verifier)\n", add.Output);
        Assert.Equal("'carl' now has: approver,auditor\n", roles.Output);
        Assert.Equal("'carl' is disabled\n", disable.Output);
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(["admin\tadministrator\tno-totp", "carl\tapprover,auditor\tno-totp\tdisabled"], list.Lines);
        var carl = JsonDocument.Parse(json.Lines[1]).RootElement;
        Assert.Equal("Carl Agent", carl.GetProperty("display_name").GetString());
        Assert.True(carl.GetProperty("disabled").GetBoolean());
        Assert.DoesNotContain("pbkdf2", json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_roles_and_the_last_administrator_are_refused()
    {
        using var cli = new CliRunner();
        cli.RunWithInput(Password + "\n", "account", "create-admin", "--db", cli.Database, "--login", "admin", "--password-stdin");

        var unknown = cli.RunWithInput(Password + "\n", "account", "add", "--db", cli.Database, "--login", "x", "--role", "superuser", "--password-stdin");
        var demote = cli.Run("account", "roles", "--db", cli.Database, "--login", "admin", "--role", "auditor");
        var disable = cli.Run("account", "disable", "--db", cli.Database, "--login", "admin");
        var missing = cli.Run("account", "disable", "--db", cli.Database, "--login", "nobody");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown role 'superuser'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("RT-3006", demote.Error, StringComparison.Ordinal);
        Assert.Contains("RT-3006", disable.Error, StringComparison.Ordinal);
        Assert.Contains("RT-3003", missing.Error, StringComparison.Ordinal);
    }
}
