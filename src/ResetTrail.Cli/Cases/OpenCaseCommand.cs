using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case open</c>: a desk agent opens a case from a ticket; the active policy decides what it requires.</summary>
internal static class OpenCaseCommand
{
    public static Command Create(CliIO io)
    {
        var options = new CaseOptions();
        var ticket = new Option<string>("--ticket") { Description = "The ticket as SYSTEM:KEY, e.g. servicenow:INC0012345", HelpName = "SYSTEM:KEY", Required = true };
        var ticketUrl = new Option<string?>("--ticket-url") { Description = "Link to the ticket", HelpName = "URL" };
        var target = new Option<string>("--target") { Description = "The account to reset as DIRECTORY:ID, e.g. okta:alice@example.com", HelpName = "DIRECTORY:ID", Required = true };
        var displayName = new Option<string?>("--display-name") { Description = "The target's display name", HelpName = "NAME" };
        var groups = new Option<string?>("--groups") { Description = "The target's groups, comma-separated (they set the tier)", HelpName = "A,B" };
        var roles = new Option<string?>("--roles") { Description = "The target's roles, comma-separated (they set the tier)", HelpName = "A,B" };
        var site = new Option<string?>("--site") { Description = "The target's site (business hours and time zone)", HelpName = "SITE" };
        var kind = new Option<string>("--kind") { Description = $"What is reset: {string.Join(", ", Core.WireName.All<ResetKind>())}", HelpName = "KIND", Required = true };
        var channel = new Option<string>("--channel") { Description = $"How the request came: {string.Join(", ", Core.WireName.All<Channel>())}", HelpName = "CHANNEL", Required = true };
        var initiator = new Option<string>("--initiator")
        {
            Description = "internal, or a third party as TYPE:ORGANISATION (vendor:Acme, msp:Contoso, idp_support:Okta)",
            HelpName = "INITIATOR",
            DefaultValueFactory = _ => "internal",
        };
        var requester = new Option<string>("--requester") { Description = "Who asked for the reset (often the target themself)", HelpName = "NAME", Required = true };
        var caseId = new Option<string?>("--case-id") { Description = "Use this case id instead of a generated one", HelpName = "ID" };
        var command = new Command("open", "Open a reset case from a ticket; prints the case id and what the policy requires next")
        {
            ticket, ticketUrl, target, displayName, groups, roles, site, kind, channel, initiator, requester, caseId, options.Actor, options.Database, options.Key,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(caseId) ?? CaseIds.New();
            var request = new OpenCaseRequest(
                id,
                ParseTicket(parse.GetValue(ticket)!, parse.GetValue(ticketUrl)),
                ParseTarget(parse.GetValue(target)!) with
                {
                    DisplayName = parse.GetValue(displayName),
                    Groups = List(parse.GetValue(groups)),
                    Roles = List(parse.GetValue(roles)),
                    Site = parse.GetValue(site),
                },
                CaseOptions.ParseWire<ResetKind>(parse.GetValue(kind), "--kind"),
                CaseOptions.ParseWire<Channel>(parse.GetValue(channel), "--channel"),
                ParseInitiator(parse.GetValue(initiator)!),
                parse.GetValue(requester)!,
                parse.GetValue(options.Actor)!);
            return options.Run(parse, io, (store, current, now) =>
            {
                // The policy and the failure count are read inside the step's transaction: the ones in force when it commits.
                var policy = PublishedPolicies.Active(store)
                    ?? throw new CommandFailedException("no policy is published in this database; publish one with: resettrail policy publish FILE --actor NAME");
                var failures = store.FailedVerificationsSince(request.Target, now - TimeSpan.FromDays(30));
                return CaseCommands.Open(request with { RecentFailedVerifications = failures }, policy, now);
            }, id);
        });
        return command;
    }

    private static Ticket ParseTicket(string text, string? url)
    {
        var split = text.IndexOf(':', StringComparison.Ordinal);
        return split > 0 && split < text.Length - 1
            ? new Ticket(text[..split], text[(split + 1)..], url)
            : throw new CommandFailedException($"--ticket '{text}' should read SYSTEM:KEY, e.g. servicenow:INC0012345", ExitCodes.Usage);
    }

    private static TargetIdentity ParseTarget(string text)
    {
        var split = text.IndexOf(':', StringComparison.Ordinal);
        return split > 0 && split < text.Length - 1
            ? new TargetIdentity(text[..split], text[(split + 1)..])
            : throw new CommandFailedException($"--target '{text}' should read DIRECTORY:ID, e.g. okta:alice@example.com", ExitCodes.Usage);
    }

    private static Initiator ParseInitiator(string text)
    {
        var split = text.IndexOf(':', StringComparison.Ordinal);
        var type = CaseOptions.ParseWire<InitiatorType>(split < 0 ? text : text[..split], "--initiator");
        var organisation = split < 0 ? null : text[(split + 1)..];
        return type != InitiatorType.Internal && string.IsNullOrWhiteSpace(organisation)
            ? throw new CommandFailedException($"--initiator {text}: a third party is named, e.g. vendor:\"Acme Support\"", ExitCodes.Usage)
            : new Initiator(type, organisation);
    }

    private static string[] List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
