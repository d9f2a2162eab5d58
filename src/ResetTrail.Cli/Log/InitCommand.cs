using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Storage;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log init</c>: creates the database, the signing key and the first checkpoint.</summary>
internal static class InitCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var key = LogOptions.Key();
        var origin = new Option<string>("--origin")
        {
            Description = "The log's origin line and key name, a schema-less URL such as example.com/resettrail",
            HelpName = "ORIGIN",
            Required = true,
        };
        var command = new Command("init", "Create the database and the signing key; print the verifier key") { database, key, origin };
        command.SetAction(parse =>
        {
            var created = Stores.Initialize(parse.GetValue(database)!, parse.GetValue(origin)!, LogOptions.KeyPath(parse, database, key), io.Time);
            if (!created.IsSuccess)
            {
                throw new CommandFailedException(created.Error);
            }

            using var store = created.Value;
            io.Output.WriteLine(store.Log.Verifier.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }
}
