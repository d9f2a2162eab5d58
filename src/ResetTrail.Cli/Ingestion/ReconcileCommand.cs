using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Cli.Log;
using ResetTrail.Cli.Storage;

namespace ResetTrail.Cli.Ingestion;

/// <summary>
/// <c>resettrail reconcile</c>: every credential change in the identity providers' logs matched to its case (from
/// --db) or ticket; what does not hold comes out as findings with stable codes, owners and framework controls.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliIO io)
    {
        var events = new Option<string[]>("--events")
        {
            Description = "Identity-provider log files (.gz read directly). Default: the events 'resettrail ingest' stored in --db",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var tickets = new Option<string[]>("--tickets") { Description = "Ticket exports: ServiceNow, Jira / JSM JSON, CSV", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var identities = new Option<string?>("--identities") { Description = "A directory export tying each person's identifiers together", HelpName = "FILE" };
        var database = new Option<string?>("--db") { Description = "A ResetTrail database whose cases the changes are matched to", HelpName = "FILE" };
        var source = new Option<string?>("--source") { Description = "Force the events' source (default: detected per file)", HelpName = "SOURCE" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip malformed records, reporting and counting each, instead of stopping" };
        var format = new Option<string>("--format") { Description = "jsonl, ocsf (Detection Finding), csv, or table (with a summary)", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("jsonl", "ocsf", "csv", "table");
        var command = new Command("reconcile", "Match every credential change to its case or ticket; print findings")
        {
            events, tickets, identities, database, source, skipBad, format,
        };
        command.SetAction(parse =>
        {
            var bad = parse.GetValue(skipBad);
            var people = IdentityFiles.Load(parse.GetValue(identities));
            var ticketList = new TicketFiles(io, TicketFormats.All, bad).Read(parse.GetValue(tickets) ?? []);
            using var store = parse.GetValue(database) is { } named ? LogOptions.Require(Stores.Open(named, keyPath: null, io.Time)) : null;
            var cases = LoadCases(store);
            var reconciler = new Reconciler(cases, ticketList, people, new ReconcileOptions(), io.Time.GetUtcNow());
            using var chunked = new ChunkedWriter(io.Output);
            var output = new FindingOutput(chunked, parse.GetValue(format)!);
            var files = parse.GetValue(events) ?? [];
            var stream = files.Length > 0
                ? new EventFiles(io, parse.GetValue(source), bad).Read(files, reconciler.Count)
                : store is not null
                    ? store.Events.ReadAll()
                    : throw new CommandFailedException("give --events FILE..., or --db with events stored by 'resettrail ingest'", ExitCodes.Usage);
            foreach (var finding in reconciler.Reconcile(stream))
            {
                output.Write(finding);
            }

            output.WriteSummary(reconciler.Summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every case in the database (none without one), for the reconciler and the detector.</summary>
    internal static List<ResetCase> LoadCases(string? database, CliIO io)
    {
        if (database is null)
        {
            return [];
        }

        using var store = LogOptions.Require(Stores.Open(database, keyPath: null, io.Time));
        return LoadCases(store);
    }

    private static List<ResetCase> LoadCases(Store? opened)
    {
        if (opened is null)
        {
            return [];
        }

        var store = opened.Cases;
        return [.. store.List(new CaseQuery { Limit = int.MaxValue }).Select(summary => store.Find(summary.CaseId)!)];
    }
}
