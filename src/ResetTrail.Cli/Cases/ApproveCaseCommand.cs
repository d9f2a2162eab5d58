using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case approve</c>: an approver approves exactly what the digest names.</summary>
internal static class ApproveCaseCommand
{
    public static Command Create(CliIO io)
    {
        var options = new CaseOptions();
        var digest = new Option<string>("--digest")
        {
            Description = "The approval digest 'case show' prints: it binds the approval to the target, kind, channel, initiator, verification evidence and policy",
            HelpName = "HEX",
            Required = true,
        };
        var authority = new Option<string>("--authority") { Description = "The authority you approve as (e.g. manager, iam, security)", HelpName = "NAME", Required = true };
        var emergency = new Option<bool>("--emergency") { Description = "Take the policy's emergency path: fewer approvals now, a mandatory review later" };
        var reason = new Option<string?>("--reason") { Description = "Why you approve", HelpName = "TEXT" };
        var command = options.Step("approve", "Approve the case as it reads now (the digest must match)", digest, authority, emergency, reason);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) =>
            CaseCommands.Approve(current, actor, parse.GetValue(authority)!, parse.GetValue(digest)!.Trim().ToLowerInvariant(),
                parse.GetValue(emergency), parse.GetValue(reason), now)));
        return command;
    }
}
