using System.CommandLine;
using ResetTrail.Cli.Console;
using Microsoft.Extensions.Hosting;
using ResetTrail.Cli.Demo;
using ResetTrail.Cli.Storage;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Cli.Server;

/// <summary>
/// <c>resettrail serve</c>: the product as a service on its embedded SQLite file, or on a PostgreSQL database that
/// several servers share. Creates the log and its signing key when missing (as 'log init' does), optionally fills it
/// with the demo month, and prints where to go.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliIO io)
    {
        var database = new Option<string?>("--db") { Description = "The database: a SQLite file (created when missing) or postgres://user@host:port/db. Setting Db, $RESETTRAIL_DB", HelpName = "FILE|URL" };
        var key = new Option<string?>("--key") { Description = "The signing key file. Setting KeyFile, $RESETTRAIL_KEYFILE. Default: the SQLite file + .key; required with PostgreSQL", HelpName = "FILE" };
        var urls = new Option<string?>("--urls") { Description = "Where to listen, ';'-separated. Setting Urls, $RESETTRAIL_URLS. Default http://127.0.0.1:5080", HelpName = "URLS" };
        var demo = new Option<bool>("--demo") { Description = "Fill the database with the demo month first (as 'resettrail demo')" };
        var config = new Option<string?>("--config") { Description = "A JSON settings file; its keys, each also $RESETTRAIL_KEY with ':' as '__': " + string.Join(", ", ResetTrail.Server.Hosting.ServerSettingsReader.Settings) + " (docs/design/server.md, Settings)", HelpName = "FILE" };
        var command = new Command("serve", "Run the ResetTrail server (HTTP API, tlog-tiles, health, metrics) on the database") { database, key, urls, demo, config };
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (parse.GetValue(database) is { } db)
            {
                overrides["Db"] = db;
            }

            if (parse.GetValue(key) is { } keyFile)
            {
                overrides["KeyFile"] = keyFile;
            }

            if (parse.GetValue(urls) is { } listen)
            {
                overrides["Urls"] = listen;
            }

            var (settings, problems) = ServerSettingsReader.Read(parse.GetValue(config), overrides);
            if (settings is null)
            {
                foreach (var problem in problems)
                {
                    io.Error.WriteLine($"resettrail serve: {problem}");
                }

                return ExitCodes.Usage;
            }

            var created = !Stores.HoldsLog(settings.Db, io.Time);
            var opened = ServerDatabase.OpenOrCreate(settings, io.Time);
            using var store = opened.IsSuccess ? opened.Value : throw new CommandFailedException(opened.Error);
            if (created)
            {
                io.Output.WriteLine($"created {store.Name} (log {store.Log.Origin}); verifier key {store.Log.Verifier}");
            }

            if (parse.GetValue(demo))
            {
                DemoCommand.Fill(store.Log, store.Cases, new DemoOptions(30, 12, 1, store.Log.Origin), io);
            }

            using var app = ServerHost.Build(settings, store, io.Time);
            app.Start();
            foreach (var address in ServerHost.Addresses(app))
            {
                io.Output.WriteLine($"ResetTrail is serving {store.Name}: open {address}/ (API {address}/api/v1, OpenAPI {address}/openapi/v1.json)");
            }

            if (store.Tokens.List().Count == 0)
            {
                io.Output.WriteLine($"no API token exists yet; create one with: resettrail token create --db {store.Name} --name NAME --role administrator");
            }

            app.WaitForShutdown();
            return ExitCodes.Ok;
        });
        return command;
    }
}
