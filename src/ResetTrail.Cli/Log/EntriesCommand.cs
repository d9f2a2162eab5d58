using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log entries</c>: prints entries, one base64 entry a line.</summary>
internal static class EntriesCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var from = new Option<ulong>("--from") { Description = "First index to print", HelpName = "A", DefaultValueFactory = _ => 0 };
        var to = new Option<ulong?>("--to") { Description = "Stop before this index (exclusive). Default: the end of the log", HelpName = "B" };
        var command = new Command("entries", "Print entries [A, B), one base64 entry a line") { database, from, to };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            var end = parse.GetValue(to) ?? log.LatestCheckpoint().Size;
            foreach (var entry in log.ReadEntries(parse.GetValue(from), end))
            {
                io.Output.WriteLine(Convert.ToBase64String(entry.Data));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
