using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log rotate-key</c>: replaces the signing key without breaking older checkpoints.</summary>
internal static class RotateKeyCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var key = LogOptions.Key();
        var newKey = new Option<string>("--new-key")
        {
            Description = "Where to write the new private key (must not exist)",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("rotate-key", "Sign the current tree with the old and a new key, then sign with the new key only; print the new verifier key")
        {
            database, key, newKey,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(newKey)!;
            if (File.Exists(target))
            {
                throw new CommandFailedException($"'{target}' already exists; choose a new file for the new key");
            }

            using var store = LogOptions.OpenForWriting(parse, database, key, io);
            io.Output.WriteLine(store.RotateKey(target).ToString());
            io.Error.WriteLine($"resettrail: new key written to '{target}'; pass it with --key from now on (or move it to the default path)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
