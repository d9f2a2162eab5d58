using System.Globalization;

namespace ResetTrail.Cli.Tests.Storage;

public sealed class PostgresCommandsTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly CliRunner cli = new();

    private string KeyPath => Path.Combine(cli.Folder, "pg.key");

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Migrate_applies_the_schema_once_and_prints_the_version()
    {
        var database = fixture.Server.CreateDatabase();

        var first = cli.Run("migrate", "--db", database);
        var second = cli.Run("migrate", "--db", database);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied 0001_evidence_log", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", second.Output, StringComparison.Ordinal);
        Assert.EndsWith("schema version: 0005_case_entries_by_log_index\n", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_and_case_commands_run_on_a_postgres_url_with_the_key_in_a_file()
    {
        var database = fixture.Server.CreateDatabase();

        var init = cli.Run("log", "init", "--db", database, "--key", KeyPath, "--origin", "cli.example/pg");
        var append = cli.RunWithInput("a\nb\nc\n", "log", "append", "--db", database, "--key", KeyPath);
        var policy = cli.Run("policy", "publish", Path.Combine(FindRepository(), "policies", "sample-policy.yaml"), "--db", database, "--key", KeyPath, "--actor", "iam.admin");
        var verify = cli.Run("log", "verify", "--db", database, "--trusted-key", init.Output.Trim());

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(["0", "1", "2"], append.Lines);
        Assert.True(policy.ExitCode == 0, policy.Error);
        Assert.Equal("ok: 4 entries and 3 checkpoints verified\n", verify.Output);
    }

    [Fact]
    public void Api_tokens_are_created_listed_and_revoked_in_a_postgres_database()
    {
        var database = fixture.Server.CreateDatabase();
        Assert.Equal(0, cli.Run("log", "init", "--db", database, "--key", KeyPath, "--origin", "cli.example/pg").ExitCode);

        var created = cli.Run("token", "create", "--db", database, "--name", "ci-bot", "--role", "auditor");
        var again = cli.Run("token", "create", "--db", database, "--name", "ci-bot", "--role", "auditor");
        var id = created.Error.Split(' ')[1];
        var revoked = cli.Run("token", "revoke", id, "--db", database);
        var listed = cli.Run("token", "list", "--db", database);

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.StartsWith("rt_", created.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("ci-bot", listed.Output, StringComparison.Ordinal);
        Assert.Contains("revoked", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_serve_processes_on_one_postgres_url_create_one_log_and_accept_a_token_the_cli_made()
    {
        var database = fixture.Server.CreateDatabase();
        var servers = new[]
        {
            CliRunner.Start(string.Empty, "serve", "--db", database, "--key", KeyPath, "--urls", "http://127.0.0.1:0"),
            CliRunner.Start(string.Empty, "serve", "--db", database, "--key", KeyPath, "--urls", "http://127.0.0.1:0"),
        };
        try
        {
            var addresses = await Task.WhenAll(servers.Select(Server.ServeCommandTests.AddressFrom));
            var token = cli.Run("token", "create", "--db", database, "--name", "ops", "--role", "administrator");
            Assert.True(token.ExitCode == 0, token.Error);

            foreach (var address in addresses)
            {
                using var client = new HttpClient { BaseAddress = address };
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("readyz", TestContext.Current.CancellationToken)).StatusCode);
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Output.Trim());
                Assert.Contains("\"name\":\"ops\"", await client.GetStringAsync("api/v1/tokens/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }

            using var first = new HttpClient { BaseAddress = addresses[0] };
            using var second = new HttpClient { BaseAddress = addresses[1] };
            Assert.Equal(
                await first.GetStringAsync("tlog/checkpoint", TestContext.Current.CancellationToken),
                await second.GetStringAsync("tlog/checkpoint", TestContext.Current.CancellationToken));
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(TestContext.Current.CancellationToken);
                server.Dispose();
            }
        }
    }

    [Fact]
    public void Local_accounts_are_managed_in_a_postgres_database_with_the_servers_secrets_key()
    {
        var database = fixture.Server.CreateDatabase();
        var secrets = Path.Combine(cli.Folder, "pg.key.secrets.key");
        const string password = "a long enough passphrase for tests";

        var admin = cli.RunWithInput(password + "\n", "account", "create-admin", "--db", database, "--secrets-key", secrets, "--login", "Admin", "--password-stdin");
        var second = cli.RunWithInput(password + "\n", "account", "create-admin", "--db", database, "--secrets-key", secrets, "--login", "other", "--password-stdin");
        var listed = cli.Run("account", "list", "--db", database, "--secrets-key", secrets);
        var withoutKey = cli.Run("account", "list", "--db", database);

        Assert.True(admin.ExitCode == 0, admin.Error);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("admin", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("other", listed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(secrets));
        Assert.Equal(2, withoutKey.ExitCode);
        Assert.Contains("--secrets-key FILE", withoutKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_on_a_postgres_url_without_a_key_file_is_refused_with_the_fix()
    {
        var result = cli.Run("serve", "--db", fixture.Server.CreateDatabase(), "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("set KeyFile (--key FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_database_without_key_is_refused_with_the_fix()
    {
        var database = fixture.Server.CreateDatabase();

        var init = cli.Run("log", "init", "--db", database, "--origin", "cli.example/pg");

        Assert.Equal(1, init.ExitCode);
        Assert.Contains("needs --key FILE", init.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Appenders_in_separate_processes_on_one_postgres_database_leave_one_gapless_verifiable_log()
    {
        var database = fixture.Server.CreateDatabase();
        Assert.Equal(0, cli.Run("log", "init", "--db", database, "--key", KeyPath, "--origin", "cli.example/pg").ExitCode);
        const int processes = 4;
        const int linesEach = 25;

        var running = Enumerable.Range(0, processes)
            .Select(p => CliRunner.Start(
                string.Concat(Enumerable.Range(0, linesEach).Select(i => $"process {p} line {i}\n")),
                "log", "append", "--db", database, "--key", KeyPath, "--batch", "1"))
            .ToList();
        var indices = new List<ulong>();
        foreach (var process in running)
        {
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            indices.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(i => ulong.Parse(i, CultureInfo.InvariantCulture)));
        }

        Assert.Equal(Enumerable.Range(0, processes * linesEach).Select(i => (ulong)i), indices.Order());
        var verify = cli.Run("log", "verify", "--db", database);
        Assert.Equal($"ok: {processes * linesEach} entries and {1 + (processes * linesEach)} checkpoints verified\n", verify.Output);
    }

    [Fact]
    public void Copy_moves_a_demo_installation_and_the_copy_verifies_against_the_original_checkpoint()
    {
        Assert.Equal(0, cli.Run("demo", "--db", cli.Database, "--days", "3", "--cases-per-day", "6").ExitCode);
        var oldKey = cli.Run("log", "key", "--db", cli.Database).Output.Trim();
        var rotated = Path.Combine(cli.Folder, "rotated.key");
        Assert.Equal(0, cli.Run("log", "rotate-key", "--db", cli.Database, "--new-key", rotated).ExitCode);
        var newKey = cli.Run("log", "key", "--db", cli.Database).Output.Trim();
        Assert.Equal(0, cli.RunWithInput("after rotation\n", "log", "append", "--db", cli.Database, "--key", rotated).ExitCode);
        var original = cli.Run("log", "checkpoint", "--db", cli.Database).Output;
        var cases = cli.Run("case", "list", "--db", cli.Database).Output;
        var target = fixture.Server.CreateDatabase();

        var copy = cli.Run("copy", "--from", cli.Database, "--to", target, "--key", rotated, "--batch", "50");

        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.Contains("ok: copied", copy.Output, StringComparison.Ordinal);
        Assert.Equal(original, cli.Run("log", "checkpoint", "--db", target).Output);
        Assert.Equal(cases, cli.Run("case", "list", "--db", target).Output);
        var verify = cli.Run("log", "verify", "--db", target, "--trusted-key", oldKey, "--trusted-key", newKey);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.NotEqual(0, cli.Run("log", "verify", "--db", target, "--trusted-key", newKey).ExitCode);
        var again = cli.Run("copy", "--from", cli.Database, "--to", target, "--key", rotated);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds a log", again.Error, StringComparison.Ordinal);
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }
}
