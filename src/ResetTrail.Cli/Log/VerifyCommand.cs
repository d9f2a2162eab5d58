using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.Cli.Log;

/// <summary>
/// <c>resettrail log verify</c>: recomputes every hash from the stored entries and checks every
/// checkpoint; on any edited, deleted, inserted or reordered row it names the first bad index.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var trusted = new Option<string[]>("--trusted-key")
        {
            Description = "A verifier key pinned out of band (repeatable). Default: the keys the database lists, which proves only that it agrees with itself",
            HelpName = "VKEY",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("verify", "Recompute every hash and check every checkpoint; name the first bad index") { database, trusted };
        command.SetAction(parse =>
        {
            var pinned = ParseKeys(parse.GetValue(trusted) ?? []);
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            var size = log.LatestCheckpoint().Size;
            using var progress = new ProgressBar(io, "verifying", size);
            var report = log.Audit(pinned, progress);
            progress.Dispose();
            if (!report.IsIntact)
            {
                var where = report.FirstBadIndex is { } index ? $"first bad index {index}: " : string.Empty;
                io.Output.WriteLine($"FAILED: {where}{report.Problem}");
                return ExitCodes.Failed;
            }

            io.Output.WriteLine($"ok: {report.EntriesChecked} entries and {report.CheckpointsChecked} checkpoints verified");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<VerifierKey>? ParseKeys(string[] texts)
    {
        if (texts.Length == 0)
        {
            return null;
        }

        var keys = new List<VerifierKey>();
        foreach (var text in texts)
        {
            var parsed = VerifierKey.Parse(text);
            keys.Add(parsed.IsSuccess ? parsed.Value : throw new CommandFailedException($"--trusted-key '{text}': {parsed.Error}", ExitCodes.Usage));
        }

        return keys;
    }
}
