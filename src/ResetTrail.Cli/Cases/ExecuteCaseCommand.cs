using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case execute</c>: the executor records the reset (or its failure) done in the identity provider.</summary>
internal static class ExecuteCaseCommand
{
    public static Command Create(CliIO io)
    {
        var options = new CaseOptions();
        var idpEvent = new Option<string?>("--idp-event") { Description = "The identity provider's event id for the change, when known", HelpName = "ID" };
        var changedAt = SimpleCaseCommands.ChangedAt();
        var failed = new Option<bool>("--failed") { Description = "The reset was attempted and failed (ends the case)" };
        var reason = new Option<string?>("--reason") { Description = "Why it failed (with --failed)", HelpName = "TEXT" };
        var command = options.Step("execute", "Record the reset as executed by the executor (--actor)", idpEvent, changedAt, failed, reason);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) => parse.GetValue(failed)
            ? CaseCommands.FailExecution(current, actor, parse.GetValue(reason)
                ?? throw new CommandFailedException("--failed needs --reason", ExitCodes.Usage), now)
            : CaseCommands.Execute(current, actor, parse.GetValue(idpEvent), parse.GetValue(changedAt), now)));
        return command;
    }
}
