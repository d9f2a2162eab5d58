using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case ...</c>: the controlled reset path, one evidence entry per step.</summary>
internal static class CaseCommandGroup
{
    public static Command Create(CliIO io) => new("case", "Reset cases: open, verify, approve, execute, follow up, close; every step is evidence")
    {
        OpenCaseCommand.Create(io),
        VerifyCaseCommand.Create(io),
        ApproveCaseCommand.Create(io),
        SimpleCaseCommands.Deny(io),
        ExecuteCaseCommand.Create(io),
        SimpleCaseCommands.Link(io),
        SimpleCaseCommands.Task(io),
        SimpleCaseCommands.Review(io),
        SimpleCaseCommands.Close(io),
        SimpleCaseCommands.Cancel(io),
        SimpleCaseCommands.Expire(io),
        ShowCaseCommand.Create(io),
        ListCasesCommand.Create(io),
        Reindex(io),
    };

    private static Command Reindex(CliIO io)
    {
        var database = LogOptions.Database();
        var key = LogOptions.Key();
        var command = new Command("reindex", "Rebuild the case tables from the evidence log alone") { database, key };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForWriting(parse, database, key, io);
            io.Output.WriteLine($"ok: {store.RebuildIndexes()} cases rebuilt from the log");
            return ExitCodes.Ok;
        });
        return command;
    }
}
