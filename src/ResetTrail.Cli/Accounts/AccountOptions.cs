using System.CommandLine;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.Passwords;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Cli.Storage;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.Storage.Postgres;
using ResetTrail.Storage.Postgres.Accounts;
using ResetTrail.Storage.Sqlite.Accounts;

namespace ResetTrail.Cli.Accounts;

/// <summary>The options account commands share, and opening the accounts of the database they name.</summary>
internal sealed class AccountOptions
{
    public Option<string> Database { get; } = LogOptions.Database();

    public Option<string> Login { get; } = new("--login")
    {
        Description = "The account's login name (letters, digits, . _ @ -; compared case-insensitively)",
        HelpName = "NAME",
        Required = true,
    };

    public Option<string?> DisplayName { get; } = new("--display-name") { Description = "The name people see. Default: the login", HelpName = "TEXT" };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input instead of prompting (for scripts)",
    };

    public Option<string[]> Roles { get; } = new("--role")
    {
        Description = $"A role (repeat, or separate with commas): {string.Join(", ", WireName.All<Role>())}",
        HelpName = "ROLE",
        AllowMultipleArgumentsPerToken = true,
    };

    public static IReadOnlySet<Role> ParseRoles(IEnumerable<string>? values)
    {
        var roles = new HashSet<Role>();
        foreach (var name in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!WireName.TryParse<Role>(name, out var role))
            {
                throw new CommandFailedException($"unknown role '{name}'; roles are: {string.Join(", ", WireName.All<Role>())}", ExitCodes.Usage);
            }

            roles.Add(role);
        }

        return roles;
    }

    public Option<string?> SecretsKey { get; } = new("--secrets-key")
    {
        Description = "The account secrets key file (seals TOTP secrets). Default: the SQLite file + .secrets.key; required with PostgreSQL: the file the servers use",
        HelpName = "FILE",
    };

    /// <summary>The accounts of the database named by --db: the SQLite file's, or a PostgreSQL database's with --secrets-key.</summary>
    public OpenedAccounts OpenStore(ParseResult parse, CliIO io)
    {
        var database = parse.GetValue(Database)!;
        var secrets = parse.GetValue(SecretsKey);
        if (!Stores.IsPostgres(database))
        {
            var file = SqliteAccountStore.Open(database, io.Time, secrets);
            return file.IsSuccess ? new OpenedAccounts(file.Value, file.Value) : throw new CommandFailedException(file.Error);
        }

        if (secrets is null)
        {
            throw new CommandFailedException("a PostgreSQL database needs --secrets-key FILE: the account secrets key the servers use (their SecretsKeyFile, default KeyFile + .secrets.key)", ExitCodes.Usage);
        }

        var dataSource = LogOptions.Require(PostgresDatabase.DataSource(database));
        Migrations.Apply(dataSource, io.Time);
        var shared = PostgresAccountStore.Open(dataSource, secrets);
        if (!shared.IsSuccess)
        {
            dataSource.Dispose();
            throw new CommandFailedException(shared.Error);
        }

        return new OpenedAccounts(shared.Value, shared.Value, dataSource);
    }

    public static AccountAdministration Administration(IAccountStore store, CliIO io) => new(store, new PasswordHasher(), io.Time);

    /// <summary>The value of an outcome, or the coded one-line failure the command prints.</summary>
    public static T Require<T>(Outcome<T> outcome) =>
        outcome.IsSuccess ? outcome.Value : throw new CommandFailedException($"{outcome.Error.Code}: {outcome.Error.Message}");
}
