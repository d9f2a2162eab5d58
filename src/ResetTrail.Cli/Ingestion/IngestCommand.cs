using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;

namespace ResetTrail.Cli.Ingestion;

/// <summary>
/// <c>resettrail ingest</c>: normalise identity-provider logs and keep them in the database, keyed by source and
/// event id, so a file ingested twice adds nothing the second time.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliIO io)
    {
        var files = new Argument<string[]>("FILE") { Description = "Log files (JSON, NDJSON, XML; .gz read directly)", Arity = ArgumentArity.OneOrMore };
        var database = LogOptions.Database();
        var source = new Option<string?>("--source") { Description = "okta, entra, windows, keycloak or google_workspace (default: detected per file)", HelpName = "SOURCE" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip malformed records, reporting and counting each, instead of stopping" };
        var command = new Command("ingest", "Normalise identity-provider logs and store them in the database (idempotent by event id)")
        {
            files, database, source, skipBad,
        };
        command.SetAction(parse =>
        {
            // Opening the log checks the database and applies its migrations.
            using var store = LogOptions.OpenForReading(parse, database, io);
            var reader = new EventFiles(io, parse.GetValue(source), parse.GetValue(skipBad));
            // Parsing on a second thread while this one writes the database.
            var (added, stored) = store.Events.Store(ReadAhead.Events(reader, parse.GetValue(files)!));
            io.Output.WriteLine($"ok: {added} new events stored, {stored + reader.Duplicates} already stored or repeated, {reader.Skipped} malformed records skipped");
            return ExitCodes.Ok;
        });
        return command;
    }
}
