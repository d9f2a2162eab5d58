using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case show</c>: one case, its requirements, its approval digest and its evidence steps.</summary>
internal static class ShowCaseCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var id = new Argument<string>("CASE") { Description = "The case id" };
        var format = Format();
        var command = new Command("show", "Show a case: state, requirements, approval digest, steps, control failures") { id, database, format };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var found = store.Cases.Find(parse.GetValue(id)!)
                ?? throw new CommandFailedException($"RT-2002: no case {parse.GetValue(id)}");
            var now = io.Time.GetUtcNow();
            if (parse.GetValue(format) == "json")
            {
                io.Output.WriteLine(CaseJson.Case(found, now).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            WriteTable(io.Output, found, now);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "table or json", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    private static void WriteTable(TextWriter output, ResetCase c, DateTimeOffset now)
    {
        var d = c.Decision;
        output.WriteLine($"case        {c.Id}  [{WireName.Of(c.State)}]");
        output.WriteLine($"ticket      {c.Ticket.System}:{c.Ticket.Key}{(c.Ticket.Url is { } url ? $"  {url}" : string.Empty)}");
        output.WriteLine($"target      {c.Target}{(c.Target.DisplayName is { } name ? $" ({name})" : string.Empty)}  tier {WireName.Of(d.Tier)}");
        output.WriteLine($"request     {WireName.Of(c.Kind)} over {WireName.Of(c.Channel)}, initiated by {WireName.Of(c.Initiator.Type)}{(c.Initiator.Organisation is { } org ? $" ({org})" : string.Empty)}, requested by {c.Requester}");
        output.WriteLine($"policy      version {d.PolicyVersion}  sha256 {d.PolicyHash}  rule {d.RuleId} (line {d.RuleLine})");
        output.WriteLine($"requires    {string.Join(" | ", d.Verification.AcceptedMethods.Select(m => WireName.Of(m)))} strength >= {d.Verification.MinimumStrength}"
            + $"{(d.Verification.CallbackRequired ? ", callback" : string.Empty)}{(d.Verification.StepUpRequired ? ", step-up" : string.Empty)};"
            + $" {c.ApprovalsRequired} approval(s) from {(d.Approvals.Authorities.Count == 0 ? "anyone" : string.Join("/", d.Approvals.Authorities))}");
        if (c.State is CaseState.AwaitingApproval or CaseState.Approved or CaseState.Verifying or CaseState.Opened)
        {
            output.WriteLine($"digest      {c.ApprovalDigest()}");
        }

        output.WriteLine($"next        {NextStep.Describe(c, now)}");
        foreach (var failure in c.ControlFailures(now))
        {
            output.WriteLine($"FAILURE     {failure}");
        }

        output.WriteLine();
        output.WriteLine("steps");
        foreach (var step in c.Steps)
        {
            output.WriteLine($"  {EvidenceRecord.FormatTime(step.At)}  {step.Actor,-20}  {step.Summary}");
        }
    }
}
