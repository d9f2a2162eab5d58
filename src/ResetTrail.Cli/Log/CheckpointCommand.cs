using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log checkpoint</c>: prints a signed checkpoint (C2SP tlog-checkpoint, signed note).</summary>
internal static class CheckpointCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var size = LogOptions.Size();
        var command = new Command("checkpoint", "Print the latest signed checkpoint, or the one for size N") { database, size };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            var requested = parse.GetValue(size);
            var checkpoint = requested is null ? log.LatestCheckpoint() : LogOptions.Require(log.CheckpointAt(requested.Value));
            io.Output.Write(checkpoint.SignedNote);
            return ExitCodes.Ok;
        });
        return command;
    }
}
