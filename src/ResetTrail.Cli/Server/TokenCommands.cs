using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Server.Tokens;

namespace ResetTrail.Cli.Server;

/// <summary>
/// <c>resettrail token create|list|revoke</c>: API tokens for automation, the same rules as the administrator's
/// API (<see cref="TokenIssuer"/>). The token is printed once, on standard output, and stored only as its hash.
/// </summary>
internal static class TokenCommands
{
    public static Command Create(CliIO io) => new("token", "API tokens for automation: create (shown once), list, revoke")
    {
        CreateToken(io),
        ListTokens(io),
        RevokeToken(io),
    };

    private static Command CreateToken(CliIO io)
    {
        var database = LogOptions.Database();
        var name = new Option<string>("--name") { Description = "The token's name: steps taken with it are recorded under it", HelpName = "NAME", Required = true };
        var roles = new Option<string[]>("--role") { Description = "A role the token holds (repeatable): desk_agent, verifier, approver, executor, iam_admin, security_analyst, auditor, administrator", HelpName = "ROLE", Required = true };
        var expiresIn = new Option<string?>("--expires-in") { Description = "Lifetime, e.g. 90d, 12h, 30m. Default: until revoked", HelpName = "DURATION" };
        var command = new Command("create", "Create an API token; it is printed once and stored only as its SHA-256") { database, name, roles, expiresIn };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var issued = new TokenIssuer(store.Tokens, io.Time).Create(parse.GetValue(name), parse.GetValue(roles), parse.GetValue(expiresIn), "cli:" + Environment.UserName);
            if (!issued.IsSuccess)
            {
                throw new CommandFailedException($"{issued.Error.Code}: {issued.Error.Message}", issued.Error.Code == "RT-3104" ? ExitCodes.Usage : ExitCodes.Failed);
            }

            io.Output.WriteLine(issued.Value.Secret.Value);
            io.Error.WriteLine($"created {issued.Value.Stored.Id} ({issued.Value.Stored.Name}); the token above is not shown again");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListTokens(CliIO io)
    {
        var database = LogOptions.Database();
        var command = new Command("list", "List API tokens (never their secrets)") { database };
        command.SetAction(parse =>
        {
            io.Output.WriteLine($"{"ID",-18} {"NAME",-24} {"STATUS",-8} {"EXPIRES",-25} ROLES");
            var now = io.Time.GetUtcNow();
            using var store = LogOptions.OpenForReading(parse, database, io);
            foreach (var token in new TokenIssuer(store.Tokens, io.Time).List())
            {
                var view = TokenView.From(token);
                var status = token.RevokedAt is not null ? "revoked" : token.IsActiveAt(now) ? "active" : "expired";
                io.Output.WriteLine($"{view.Id,-18} {view.Name,-24} {status,-8} {view.ExpiresAt ?? "never",-25} {string.Join(',', view.Roles)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeToken(CliIO io)
    {
        var database = LogOptions.Database();
        var id = new Argument<string>("ID") { Description = "The token id, as 'token list' prints it" };
        var command = new Command("revoke", "Revoke an API token at once") { id, database };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var revoked = new TokenIssuer(store.Tokens, io.Time).Revoke(parse.GetValue(id)!, "cli:" + Environment.UserName);
            if (!revoked.IsSuccess)
            {
                throw new CommandFailedException($"{revoked.Error.Code}: {revoked.Error.Message}");
            }

            io.Output.WriteLine($"revoked {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
