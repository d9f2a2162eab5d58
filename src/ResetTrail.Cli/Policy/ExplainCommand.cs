using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Policy;

/// <summary>
/// <c>resettrail policy explain FILE --target ID --kind K --channel C ...</c>: what a case with these facts
/// would require, and which rule and line of the file says so. Nothing is recorded.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file (YAML)" };
        var target = new Option<string>("--target") { Description = "The account id; directory:id also sets --directory", HelpName = "ID", Required = true };
        var directory = new Option<string?>("--directory") { Description = "The account's directory", HelpName = "D" };
        var groups = new Option<string?>("--groups") { Description = "The account's groups, comma-separated", HelpName = "a,b" };
        var roles = new Option<string?>("--roles") { Description = "The account's roles, comma-separated", HelpName = "r,s" };
        var site = new Option<string?>("--site") { Description = "The account's site (business hours); default: the policy's first site", HelpName = "S" };
        var kind = new Option<string>("--kind") { Description = $"What is reset: {string.Join(", ", WireName.All<ResetKind>())}", HelpName = "K", Required = true };
        var channel = new Option<string>("--channel") { Description = $"How the request came: {string.Join(", ", WireName.All<Channel>())}", HelpName = "C", Required = true };
        var initiator = new Option<string>("--initiator") { Description = $"Who started it: {string.Join(", ", WireName.All<InitiatorType>())}", HelpName = "I", DefaultValueFactory = _ => "internal" };
        var failures = new Option<int>("--failed-verifications") { Description = "Failed verifications on the target in the policy's look-back window", HelpName = "N" };
        var format = new Option<string>("--format") { Description = "text or json", HelpName = "FORMAT", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("explain", "Print what a reset request would require and which rule says so")
        {
            file, target, directory, groups, roles, site, kind, channel, initiator, failures, format,
        };
        command.SetAction(parse =>
        {
            var facts = new RequestFacts(
                Target(parse.GetValue(target)!, parse.GetValue(directory), parse.GetValue(groups), parse.GetValue(roles), parse.GetValue(site)),
                Parse<ResetKind>(parse.GetValue(kind)!, "--kind"),
                Parse<Channel>(parse.GetValue(channel)!, "--channel"),
                Parse<InitiatorType>(parse.GetValue(initiator)!, "--initiator"))
            {
                RecentFailedVerifications = parse.GetValue(failures) is var n and >= 0 ? n : throw new CommandFailedException("--failed-verifications cannot be negative", ExitCodes.Usage),
            };

            var path = parse.GetValue(file)!;
            var loaded = PolicyFile.Load(path);
            if (loaded.Policy is not { } policy)
            {
                PolicyFile.Print(io, loaded.Errors);
                return ExitCodes.Failed;
            }

            var decision = policy.Decide(facts);
            if (parse.GetValue(format) == "json")
            {
                io.Output.WriteLine(PolicyDecisionJson.WithExplanations(decision).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                ExplanationPrinter.Text(io.Output, path, facts, decision);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static TargetIdentity Target(string id, string? directory, string? groups, string? roles, string? site)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (directory is null && colon > 0)
        {
            (directory, id) = (id[..colon], id[(colon + 1)..]);
        }

        return new TargetIdentity(directory ?? string.Empty, id)
        {
            Groups = List(groups),
            Roles = List(roles),
            Site = site,
        };
    }

    private static string[] List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static T Parse<T>(string text, string option)
        where T : struct, Enum =>
        WireName.TryParse<T>(text, out var value)
            ? value
            : throw new CommandFailedException($"{option}: unknown value '{text}'; expected one of: {string.Join(", ", WireName.All<T>())}", ExitCodes.Usage);
}
