using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Cli.Policy;

namespace ResetTrail.Cli;

/// <summary>Builds the command tree and runs one command; the one place that knows every command.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, TimeProvider time)
    {
        var io = new CliIO(input, output, error, time);
        var root = new RootCommand("ResetTrail: every help-desk credential reset provably legitimate, or flagged.")
        {
            LogCommands.Create(io),
            PolicyCommands.Create(io),
            Cases.CaseCommandGroup.Create(io),
            Bundles.BundleCommands.Create(io),
            Demo.DemoCommand.Create(io),
            Ingestion.NormalizeCommand.Create(io),
            Ingestion.IngestCommand.Create(io),
            Ingestion.ReconcileCommand.Create(io),
            Detection.DetectCommand.Create(io),
            Storage.MigrateCommand.Create(io),
            Storage.CopyCommand.Create(io),
            Accounts.AccountCommands.Create(io),
            Server.ServeCommand.Create(io),
            Server.TokenCommands.Create(io),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? ["resettrail"] : ["resettrail", .. CommandPath(parsed.CommandResult)]);
            // An unknown word explains more than the missing command it leads to.
            var first = parsed.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
            error.WriteLine($"resettrail: {first.Message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parsed.Invoke(configuration);
        }
        catch (CommandFailedException failure)
        {
            error.WriteLine($"resettrail: {failure.Message}");
            return failure.ExitCode;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Infrastructure failures a user can act on: one line, the cause, no stack trace.
            error.WriteLine($"resettrail: {Describe(e)}");
            return ExitCodes.Failed;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        System.Data.Common.DbException db when db.Message.Contains("unable to open database file", StringComparison.Ordinal) =>
            "cannot open the database file: check that its folder exists and is writable",
        System.Data.Common.DbException db => $"database error: {db.Message}",
        UnauthorizedAccessException => $"permission denied: {e.Message}",
        _ => e.Message,
    };

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }
}
