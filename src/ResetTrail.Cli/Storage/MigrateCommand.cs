using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Storage.Postgres;

namespace ResetTrail.Cli.Storage;

/// <summary>
/// <c>resettrail migrate</c>: applies the schema migrations a database lacks and prints its version. Every command
/// migrates on open as well; this one lets an operator do it once, before rolling out servers of a new version.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var command = new Command("migrate", "Apply the database schema migrations that are missing; print the schema version") { database };
        command.SetAction(parse =>
        {
            var named = parse.GetValue(database)!;
            if (!Stores.IsPostgres(named))
            {
                // The SQLite store migrates whenever it opens; opening is the migration.
                using var store = LogOptions.OpenForReading(parse, database, io);
                io.Output.WriteLine($"ok: {store.Name} is at the current schema");
                return ExitCodes.Ok;
            }

            using var dataSource = LogOptions.Require(PostgresDatabase.DataSource(named));
            foreach (var applied in Migrations.Apply(dataSource, io.Time))
            {
                io.Output.WriteLine($"applied {applied}");
            }

            io.Output.WriteLine($"schema version: {Migrations.Current(dataSource)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
