using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case list</c>: cases, newest first, filterable by state and target.</summary>
internal static class ListCasesCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var state = new Option<string?>("--state") { Description = $"Only cases in this state: {string.Join(", ", WireName.All<CaseState>())}", HelpName = "STATE" };
        var target = new Option<string?>("--target") { Description = "Only cases for this account id", HelpName = "ID" };
        var limit = new Option<int>("--limit") { Description = "At most this many", HelpName = "N", DefaultValueFactory = _ => 100 };
        var format = ShowCaseCommand.Format();
        var command = new Command("list", "List cases, newest first") { database, state, target, limit, format };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var query = new CaseQuery
            {
                State = parse.GetValue(state) is { } s ? CaseOptions.ParseWire<CaseState>(s, "--state") : null,
                Target = parse.GetValue(target),
                Limit = parse.GetValue(limit),
            };
            var cases = store.Cases.List(query);
            if (parse.GetValue(format) == "json")
            {
                var array = new JsonArray([.. cases.Select(c => (JsonNode)CaseJson.Summary(c))]);
                io.Output.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            io.Output.WriteLine($"{"CASE",-16} {"STATE",-18} {"TIER",-10} {"KIND",-22} {"CHANNEL",-12} {"OPENED",-25} TARGET");
            foreach (var c in cases)
            {
                io.Output.WriteLine($"{c.CaseId,-16} {WireName.Of(c.State),-18} {c.Tier,-10} {c.Kind,-22} {c.Channel,-12} {EvidenceRecord.FormatTime(c.OpenedAt),-25} {c.Target}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
