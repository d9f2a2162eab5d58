using System.CommandLine;
using System.Text.Json;
using ResetTrail.Accounts.Model;
using ResetTrail.Cli.Console;
using ResetTrail.Core;

namespace ResetTrail.Cli.Accounts;

/// <summary><c>resettrail account ...</c>: local accounts for the server's sign-in (docs/design/sign-in.md).</summary>
internal static class AccountCommands
{
    public static Command Create(CliIO io) => new("account", "Local accounts for signing in to the server: the first administrator, roles, disabling, TOTP reset")
    {
        CreateAdmin(io),
        Add(io),
        SetRoles(io),
        Disable(io),
        ResetTotp(io),
        List(io),
    };

    private static Command CreateAdmin(CliIO io)
    {
        var o = new AccountOptions();
        var command = new Command("create-admin", "Create the first administrator; refused once an enabled administrator exists")
        {
            o.Database, o.SecretsKey, o.Login, o.DisplayName, o.PasswordStdin,
        };
        command.SetAction(parse =>
        {
            using var store = o.OpenStore(parse, io);
            var administration = AccountOptions.Administration(store, io);
            if (administration.AnyEnabledAdministrator())
            {
                throw new CommandFailedException("RT-3004: an administrator already exists; an administrator adds accounts with: resettrail account add");
            }

            var password = PasswordPrompt.Read(io, parse.GetValue(o.PasswordStdin));
            var account = AccountOptions.Require(administration.CreateFirstAdministrator(parse.GetValue(o.Login)!, parse.GetValue(o.DisplayName), password));
            io.Output.WriteLine($"created administrator '{account.Login}'; the first sign-in enrols an authenticator app (TOTP)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Add(CliIO io)
    {
        var o = new AccountOptions();
        o.Roles.Required = true;
        var command = new Command("add", "Add a local account with one or more roles") { o.Database, o.SecretsKey, o.Login, o.DisplayName, o.Roles, o.PasswordStdin };
        command.SetAction(parse =>
        {
            var roles = AccountOptions.ParseRoles(parse.GetValue(o.Roles));
            using var store = o.OpenStore(parse, io);
            var password = PasswordPrompt.Read(io, parse.GetValue(o.PasswordStdin));
            var account = AccountOptions.Require(AccountOptions.Administration(store, io).Add(parse.GetValue(o.Login)!, parse.GetValue(o.DisplayName), roles, password));
            io.Output.WriteLine($"added '{account.Login}' ({Roles(account)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetRoles(CliIO io)
    {
        var o = new AccountOptions();
        o.Roles.Required = true;
        var command = new Command("roles", "Replace an account's roles") { o.Database, o.SecretsKey, o.Login, o.Roles };
        command.SetAction(parse =>
        {
            var roles = AccountOptions.ParseRoles(parse.GetValue(o.Roles));
            using var store = o.OpenStore(parse, io);
            var account = AccountOptions.Require(AccountOptions.Administration(store, io).SetRoles(parse.GetValue(o.Login)!, roles));
            io.Output.WriteLine($"'{account.Login}' now has: {Roles(account)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable(CliIO io)
    {
        var o = new AccountOptions();
        var enable = new Option<bool>("--enable") { Description = "Enable the account again instead" };
        var command = new Command("disable", "Disable an account (it can no longer sign in); --enable reverses it") { o.Database, o.SecretsKey, o.Login, enable };
        command.SetAction(parse =>
        {
            using var store = o.OpenStore(parse, io);
            var account = AccountOptions.Require(AccountOptions.Administration(store, io).SetDisabled(parse.GetValue(o.Login)!, !parse.GetValue(enable)));
            io.Output.WriteLine($"'{account.Login}' is {(account.Disabled ? "disabled" : "enabled")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ResetTotp(CliIO io)
    {
        var o = new AccountOptions();
        var command = new Command("reset-totp", "Forget an account's authenticator (lost phone): the next sign-in enrols a new one; also lifts a lock") { o.Database, o.SecretsKey, o.Login };
        command.SetAction(parse =>
        {
            using var store = o.OpenStore(parse, io);
            var account = AccountOptions.Require(AccountOptions.Administration(store, io).ResetTotp(parse.GetValue(o.Login)!));
            io.Output.WriteLine($"'{account.Login}' enrols a new authenticator at the next sign-in");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliIO io)
    {
        var o = new AccountOptions();
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List local accounts: login, roles, TOTP enrolment, disabled or locked") { o.Database, o.SecretsKey, format };
        command.SetAction(parse =>
        {
            using var store = o.OpenStore(parse, io);
            var now = io.Time.GetUtcNow();
            foreach (var account in store.List())
            {
                var locked = account.Lockout.IsLockedAt(now);
                io.Output.WriteLine(parse.GetValue(format) == "json"
                    ? JsonSerializer.Serialize(new
                    {
                        login = account.Login,
                        display_name = account.DisplayName,
                        roles = account.Roles.Order().Select(WireName.Of),
                        totp = account.TotpConfirmed,
                        disabled = account.Disabled,
                        locked,
                        created = Core.Evidence.EvidenceRecord.FormatTime(account.Created),
                    })
                    : $"{account.Login}\t{Roles(account)}\t{(account.TotpConfirmed ? "totp" : "no-totp")}{(account.Disabled ? "\tdisabled" : string.Empty)}{(locked ? "\tlocked" : string.Empty)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Roles(Account account) => string.Join(',', account.Roles.Order().Select(WireName.Of));
}
