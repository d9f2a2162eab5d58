using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Cli.Storage;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Cli.Demo;

/// <summary>
/// <c>resettrail demo</c>: fills a database with a month of a service desk's cases under the sample policy,
/// every step through the real workflow and store, for trying the product and for the UI.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliIO io)
    {
        var database = new Option<string>("--db") { Description = "The database to fill; created (with FILE.key) when it does not exist", HelpName = "FILE", Required = true };
        var key = LogOptions.Key();
        var days = new Option<int>("--days") { Description = "How many days back the cases go, ending now", HelpName = "N", DefaultValueFactory = _ => 30 };
        var perDay = new Option<int>("--cases-per-day") { Description = "Cases opened on a weekday (a quarter of that at weekends)", HelpName = "N", DefaultValueFactory = _ => 12 };
        var seed = new Option<ulong>("--seed") { Description = "The same seed gives the same cases", HelpName = "N", DefaultValueFactory = _ => 1 };
        var origin = new Option<string>("--origin") { Description = "The log's origin when the database is created", HelpName = "ORIGIN", DefaultValueFactory = _ => "demo.resettrail.example" };
        days.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 366) { r.AddError("--days must be between 1 and 366"); } });
        perDay.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) { r.AddError("--cases-per-day must be between 1 and 1000"); } });
        var command = new Command("demo", "Fill a database with a realistic month of reset cases (clean ones, and every kind of control failure)")
        {
            database, key, days, perDay, seed, origin,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(database)!;
            var options = new DemoOptions(parse.GetValue(days), parse.GetValue(perDay), parse.GetValue(seed), parse.GetValue(origin)!);
            using var store = OpenOrCreate(path, LogOptions.KeyPath(parse, database, key), options.Origin, io);
            Fill(store.Log, store.Cases, options, io);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Store OpenOrCreate(string database, string keyPath, string origin, CliIO io)
    {
        var opened = Stores.HoldsLog(database, io.Time) ? Stores.Open(database, keyPath, io.Time) : Stores.Initialize(database, origin, keyPath, io.Time);
        return opened.IsSuccess ? opened.Value : throw new CommandFailedException(opened.Error);
    }

    internal static void Fill(IEvidenceLog log, ICaseStore store, DemoOptions options, CliIO io)
    {
        var now = io.Time.GetUtcNow();
        var bytes = SamplePolicy.Bytes();
        var policy = SamplePolicy.Load(bytes);
        var before = log.LatestCheckpoint().Size;
        if (store.ActivePolicy()?.Hash != policy.Hash)
        {
            store.Publish(bytes, policy.Hash, policy.Version, SamplePolicy.Source, "iam.rossi@" + Roster.Domain, now - TimeSpan.FromDays(options.Days) - TimeSpan.FromHours(1));
            io.Output.WriteLine($"published the sample policy {policy.Version} ({policy.Hash}) as the active policy");
        }

        var run = new DemoRun(store, log, policy, options, now);
        using (var progress = new ProgressBar(io, "demo: simulating the desk (hours)", (ulong)options.Days * 24))
        {
            run.Run(progress);
        }

        var cases = run.Scripts.Select(s => s.Current!).ToList();
        DemoSummary.Print(io, cases, now, log.LatestCheckpoint().Size - before, log.Verifier.ToString(), run.Planner.UnexecutableRules);
    }
}
