using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log key</c>: prints the verifier key (public; safe to share with auditors).</summary>
internal static class KeyCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var all = new Option<bool>("--all") { Description = "Print every key that has signed this log, oldest first (after key rotations)" };
        var command = new Command("key", "Print the log's verifier key") { database, all };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            foreach (var key in parse.GetValue(all) ? log.AllVerifiers() : [log.Verifier])
            {
                io.Output.WriteLine(key.ToString());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
