using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ResetTrail.Cli.Tests.Server;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_creates_the_database_prints_the_address_and_answers_with_a_cli_made_token()
    {
        using var cli = new CliRunner();
        var database = Path.Combine(cli.Folder, "served.db");
        using var server = CliRunner.Start(string.Empty, "serve", "--db", database, "--urls", "http://127.0.0.1:0");
        try
        {
            var address = await AddressFrom(server);
            var token = cli.Run("token", "create", "--db", database, "--name", "ops", "--role", "administrator", "--expires-in", "1d");
            Assert.Equal(0, token.ExitCode);
            Assert.Contains("not shown again", token.Error, StringComparison.Ordinal);

            using var client = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("readyz", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/tokens/", TestContext.Current.CancellationToken)).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Trim());
            var listed = await client.GetStringAsync("api/v1/tokens/", TestContext.Current.CancellationToken);
            Assert.Contains("\"name\":\"ops\"", listed, StringComparison.Ordinal);
            Assert.True(File.Exists(database + ".key"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void Serve_refuses_bad_settings_naming_each_with_exit_code_2()
    {
        using var cli = new CliRunner();
        var config = cli.WriteFile("settings.json", """{"Limits":{"TokenRequestsPerMinute":0}}""");

        var result = cli.Run("serve", "--db", cli.Database, "--config", config, "--urls", "localhost");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Limits:TokenRequestsPerMinute", result.Error, StringComparison.Ordinal);
        Assert.Contains("RESETTRAIL_URLS", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Database));
    }

    [Fact]
    public void Tokens_are_listed_without_secrets_and_revoked_by_id()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "cli.example/log");
        var secret = cli.Run("token", "create", "--db", cli.Database, "--name", "bot", "--role", "auditor", "--role", "approver").Output.Trim();

        var listed = cli.Run("token", "list", "--db", cli.Database).Output;
        var id = TokenId().Match(listed).Value;
        var revoked = cli.Run("token", "revoke", id, "--db", cli.Database);
        var again = cli.Run("token", "revoke", id, "--db", cli.Database);
        var badRole = cli.Run("token", "create", "--db", cli.Database, "--name", "x", "--role", "root");

        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Contains("auditor,approver", listed, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", cli.Run("token", "list", "--db", cli.Database).Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("RT-3108", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("'root' is not a role", badRole.Error, StringComparison.Ordinal);
    }

    internal static async Task<Uri> AddressFrom(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = Address().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("serve exited without printing its address: " + await server.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"open (http://[^ ]+/) ")]
    private static partial Regex Address();

    [GeneratedRegex("tok-[0-9a-f]{12}")]
    private static partial Regex TokenId();
}
