using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.Events;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Cli.Storage;

/// <summary>
/// <c>resettrail copy</c>: moves an installation from a SQLite file to an empty PostgreSQL database. Entries are
/// re-appended in batches under the same signing key (each batch's root checked against the original's checkpoint
/// where it has one), the original's checkpoint and key history replaces the copy's, the case caches and events are
/// rebuilt and copied, and the copy is audited against the original's keys and must end at the original's latest
/// checkpoint: same size, same root, a signature by the same key.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CliIO io)
    {
        var from = new Option<string>("--from") { Description = "The SQLite database file to copy", HelpName = "FILE", Required = true };
        var to = new Option<string>("--to") { Description = "The empty PostgreSQL database: postgres://user@host:port/db or Host=...", HelpName = "URL", Required = true };
        var key = new Option<string?>("--key") { Description = "The log's signing key file. Default: the SQLite file's path + .key", HelpName = "FILE" };
        var batch = new Option<int>("--batch") { Description = "Entries per re-appended batch", HelpName = "N", DefaultValueFactory = _ => 4096 };
        batch.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 100_000) { r.AddError("--batch must be between 1 and 100000"); } });
        var command = new Command("copy", "Copy an installation from a SQLite file to an empty PostgreSQL database and verify the copy against the original checkpoint")
        {
            from, to, key, batch,
        };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(to)!;
            if (Stores.IsPostgres(source) || !Stores.IsPostgres(target))
            {
                throw new CommandFailedException("copy goes from a SQLite file (--from FILE) to a PostgreSQL database (--to postgres://...)", ExitCodes.Usage);
            }

            var keyPath = parse.GetValue(key) ?? SigningKeyFile.DefaultPathFor(source);
            using var original = LogOptions.Require(SqliteEvidenceLog.Open(source, keyPath: null, io.Time));
            Refuse(Stores.HoldsLog(target, io.Time), $"{ResetTrail.Storage.Postgres.PostgresDatabase.Redacted(target)} already holds a log; copy into an empty database");
            var signer = LogOptions.Require(SigningKeyFile.Read(keyPath));
            var matches = signer.Verifier.ToString() == original.Verifier.ToString();
            signer.Dispose();
            Refuse(!matches, $"the key in '{keyPath}' is not the log's current signing key ({original.Verifier}); pass it with --key");

            using var copy = LogOptions.Require(PostgresEvidenceLog.Initialize(target, original.Origin, keyPath, io.Time));
            var latest = original.LatestCheckpoint();
            CopyEntries(io, original, copy, latest.Size, parse.GetValue(batch));
            copy.ImportHistory(original.AllCheckpoints().TakeWhile(c => c.Size <= latest.Size), original.KeyHistory());
            var cases = new PostgresCaseStore(copy).RebuildIndexes();
            var (events, _) = new PostgresEventStore(copy.DataSource).Store(new ResetTrail.Storage.Sqlite.Events.SqliteEventStore(source).ReadAll());
            Verify(io, original, copy, latest);
            io.Output.WriteLine($"ok: copied {latest.Size} entries, {cases} cases and {events} events; the copy's checkpoint at size {latest.Size} " +
                $"has the original's root {Convert.ToHexStringLower(latest.RootHash)} and verifies with {original.Verifier}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void CopyEntries(CliIO io, SqliteEvidenceLog original, PostgresEvidenceLog copy, ulong size, int batch)
    {
        using var progress = new ProgressBar(io, "copying entries", size);
        var pending = new List<byte[]>(batch);
        foreach (var entry in original.ReadEntries(0, size))
        {
            pending.Add(entry.Data);
            if (pending.Count == batch)
            {
                Append(original, copy, pending);
                progress.Report(copy.LatestCheckpoint().Size);
            }
        }

        if (pending.Count > 0)
        {
            Append(original, copy, pending);
        }

        progress.Report(size);
    }

    private static void Append(SqliteEvidenceLog original, PostgresEvidenceLog copy, List<byte[]> pending)
    {
        var appended = copy.Append(pending).Checkpoint;
        pending.Clear();
        if (original.CheckpointAt(appended.Size) is { IsSuccess: true } published && !published.Value.RootHash.AsSpan().SequenceEqual(appended.RootHash))
        {
            throw new CommandFailedException($"after copying {appended.Size} entries the root differs from the original's checkpoint at that size; the copy is not usable");
        }
    }

    private static void Verify(CliIO io, SqliteEvidenceLog original, PostgresEvidenceLog copy, ResetTrail.EvidenceLog.Storage.StoredCheckpoint latest)
    {
        var copied = copy.LatestCheckpoint();
        Refuse(copied.Size != latest.Size || !copied.RootHash.AsSpan().SequenceEqual(latest.RootHash),
            $"the copy ends at size {copied.Size}, not at the original's checkpoint (size {latest.Size}) with its root");
        var opened = Checkpoint.Open(copied.SignedNote, original.Origin, [original.Verifier]);
        Refuse(!opened.IsSuccess, $"the copy's latest checkpoint does not verify with the original's key: {opened.Error}");
        using var progress = new ProgressBar(io, "verifying the copy", latest.Size);
        var audit = copy.Audit([.. original.AllVerifiers()], progress);
        Refuse(!audit.IsIntact, $"the copy does not verify: {audit.Problem}");
    }

    private static void Refuse(bool condition, string message)
    {
        if (condition)
        {
            throw new CommandFailedException(message);
        }
    }
}
