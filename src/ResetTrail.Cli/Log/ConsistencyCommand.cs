using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log consistency</c>: prints the RFC 6962 consistency proof between two tree sizes.</summary>
internal static class ConsistencyCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var from = new Option<ulong>("--from") { Description = "The older tree size (at least 1)", HelpName = "A", Required = true };
        var to = new Option<ulong>("--to") { Description = "The newer tree size", HelpName = "B", Required = true };
        var command = new Command("consistency", "Print the consistency proof from size A to size B, one base64 hash a line") { database, from, to };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            foreach (var hash in LogOptions.Require(log.ConsistencyProof(parse.GetValue(from), parse.GetValue(to))))
            {
                io.Output.WriteLine(Convert.ToBase64String(hash));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
