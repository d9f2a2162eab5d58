using System.CommandLine;
using System.Globalization;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Cli.Log;

/// <summary>
/// <c>resettrail log append</c>: each line of standard input (its bytes, without the newline) is one
/// entry. Lines are committed in batches, each with its own signed checkpoint, and the indices of a
/// batch are printed once it is durable, so an interrupted import can resume after the last printed index.
/// </summary>
internal static class AppendCommand
{
    /// <summary>The limit every store enforces (SQLite and PostgreSQL alike), checked before anything is written.</summary>
    private const int MaxEntryBytes = ResetTrail.Storage.Sqlite.EvidenceLog.SqliteEvidenceLog.MaxEntryBytes;

    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var key = LogOptions.Key();
        var batch = new Option<int>("--batch")
        {
            Description = "Entries per commit and checkpoint",
            HelpName = "N",
            DefaultValueFactory = _ => 4096,
        };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                result.AddError("--batch must be between 1 and 1000000");
            }
        });
        var command = new Command("append", "Append each line of standard input as one entry; print the indices assigned") { database, key, batch };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForWriting(parse, database, key, io);
            var log = store.Log;
            using var input = io.OpenInputBytes();
            var pending = new List<byte[]>();
            var line = 0;
            foreach (var entry in LineReader.ReadLines(input))
            {
                line++;
                if (entry.Length > MaxEntryBytes)
                {
                    throw new CommandFailedException($"standard input line {line} has {entry.Length} bytes; an entry may have at most {MaxEntryBytes}");
                }

                pending.Add(entry);
                if (pending.Count == parse.GetValue(batch))
                {
                    Commit(log, pending, io);
                }
            }

            if (pending.Count > 0)
            {
                Commit(log, pending, io);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Commit(IEvidenceLog log, List<byte[]> pending, CliIO io)
    {
        var result = log.Append(pending);
        for (var i = 0UL; i < (ulong)result.Count; i++)
        {
            io.Output.WriteLine((result.FirstIndex + i).ToString(CultureInfo.InvariantCulture));
        }

        io.Output.Flush();
        pending.Clear();
    }
}
