using System.CommandLine;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.Passwords;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Core;
using ResetTrail.Core.Access;
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

    public static SqliteAccountStore OpenStore(ParseResult parse, Option<string> database, CliIO io)
    {
        var opened = SqliteAccountStore.Open(parse.GetValue(database)!, io.Time);
        return opened.IsSuccess ? opened.Value : throw new CommandFailedException(opened.Error);
    }

    public static AccountAdministration Administration(IAccountStore store, CliIO io) => new(store, new PasswordHasher(), io.Time);

    /// <summary>The value of an outcome, or the coded one-line failure the command prints.</summary>
    public static T Require<T>(Outcome<T> outcome) =>
        outcome.IsSuccess ? outcome.Value : throw new CommandFailedException($"{outcome.Error.Code}: {outcome.Error.Message}");
}
