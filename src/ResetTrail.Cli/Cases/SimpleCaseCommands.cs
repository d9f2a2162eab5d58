using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary>The case steps that take a reason or a note and little else.</summary>
internal static class SimpleCaseCommands
{
    public static Command Deny(CliIO io)
    {
        var options = new CaseOptions();
        var reason = Reason(required: true);
        var command = options.Step("deny", "Deny the request (ends the case)", reason);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) => CaseCommands.Deny(current, actor, parse.GetValue(reason)!, now)));
        return command;
    }

    public static Command Cancel(CliIO io)
    {
        var options = new CaseOptions();
        var reason = Reason(required: true);
        var command = options.Step("cancel", "Cancel the case before the reset (ends the case)", reason);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) => CaseCommands.Cancel(current, actor, parse.GetValue(reason)!, now)));
        return command;
    }

    public static Command Expire(CliIO io)
    {
        var options = new CaseOptions();
        var command = options.Step("expire", "Expire a case whose approval window has passed with no valid approval");
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) => CaseCommands.Expire(current, actor, now)));
        return command;
    }

    public static Command Task(CliIO io)
    {
        var options = new CaseOptions();
        var task = new Option<string>("--task") { Description = $"The post-reset task done: {string.Join(", ", Core.WireName.All<PostResetTaskKind>())}", HelpName = "TASK", Required = true };
        var note = Note();
        var command = options.Step("task", "Record a post-reset task as done", task, note);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) =>
            CaseCommands.CompleteTask(current, actor, CaseOptions.ParseWire<PostResetTaskKind>(parse.GetValue(task), "--task"), parse.GetValue(note), now)));
        return command;
    }

    public static Command Review(CliIO io)
    {
        var options = new CaseOptions();
        var authority = new Option<string>("--authority") { Description = "The authority reviewing the emergency path (the policy names it)", HelpName = "NAME", Required = true };
        var note = Note();
        var command = options.Step("review", "Record the mandatory review of a reset done on the emergency path", authority, note);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) =>
            CaseCommands.ReviewEmergency(current, actor, parse.GetValue(authority)!, parse.GetValue(note), now)));
        return command;
    }

    public static Command Close(CliIO io)
    {
        var options = new CaseOptions();
        var note = Note();
        var command = options.Step("close", "Close the case once every post-reset task is done", note);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) => CaseCommands.Close(current, actor, parse.GetValue(note), now)));
        return command;
    }

    public static Command Link(CliIO io)
    {
        var options = new CaseOptions();
        var source = new Option<string>("--source") { Description = "The identity provider (okta, entra, ad, keycloak, google)", HelpName = "IDP", Required = true };
        var eventId = new Option<string>("--event-id") { Description = "The identity provider's event id for the credential change", HelpName = "ID", Required = true };
        var changedAt = ChangedAt();
        var command = options.Step("link", "Link the identity provider's own record of the change to the case", source, eventId, changedAt);
        command.SetAction(parse => options.RunOnCase(parse, io, (_, current, actor, now) =>
            CaseCommands.LinkIdpEvent(current, actor, parse.GetValue(source)!, parse.GetValue(eventId)!, parse.GetValue(changedAt), now)));
        return command;
    }

    internal static Option<DateTimeOffset?> ChangedAt() =>
        new("--changed-at") { Description = "When the identity provider changed the credential (ISO 8601)", HelpName = "TIME" };

    private static Option<string?> Reason(bool required) => new("--reason") { Description = "Why", HelpName = "TEXT", Required = required };

    private static Option<string?> Note() => new("--note") { Description = "A note for the record", HelpName = "TEXT" };
}
