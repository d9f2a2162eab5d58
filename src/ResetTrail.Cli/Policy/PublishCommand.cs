using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Policy;

/// <summary>
/// <c>resettrail policy publish</c>: makes a policy file the one new cases are decided by. Publishing is itself
/// evidence: the entry holds the file's exact bytes, so every decision's policy hash leads to the text that made it.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file (YAML)" };
        var database = LogOptions.Database();
        var key = LogOptions.Key();
        var actor = new Option<string>("--actor") { Description = "Who publishes this version (recorded in the evidence)", HelpName = "NAME", Required = true };
        var command = new Command("publish", "Check a policy file and publish it as the active version (an evidence entry)") { file, database, key, actor };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw new CommandFailedException($"no policy file at {path}");
            var loaded = PolicyLoader.Load(bytes, path);
            if (loaded.Policy is not { } policy)
            {
                PolicyFile.Print(io, loaded.Errors);
                throw new CommandFailedException($"{path} has errors; nothing was published (run 'resettrail policy check {path}')");
            }

            PolicyFile.Print(io, loaded.Warnings);
            using var opened = LogOptions.OpenForWriting(parse, database, key, io);
            var store = opened.Cases;
            if (store.ActivePolicy() is { } active && active.Hash == policy.Hash)
            {
                io.Output.WriteLine($"ok: version {policy.Version} (sha256 {policy.Hash}) is already the active policy");
                return ExitCodes.Ok;
            }

            var published = store.Publish(bytes, policy.Hash, policy.Version, Path.GetFileName(path), parse.GetValue(actor)!, io.Time.GetUtcNow());
            io.Output.WriteLine($"ok: published version {published.Version} (sha256 {published.Hash}) as evidence entry {published.LogIndex}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
