using ResetTrail.Cli.Console;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Cli.Ingestion;

/// <summary>
/// Streams events from identity-provider files: detects each file's source (or takes --source), reads gzip
/// directly, stops at the first malformed record with its file:line (or skips and reports it with --skip-bad),
/// drops repeats of an event already read (same source and id), and shows progress on a terminal.
/// </summary>
internal sealed class EventFiles(CliIO io, string? sourceName, bool skipBad)
{
    private readonly HashSet<ulong> seen = [];

    public long Skipped { get; private set; }

    public long Duplicates { get; private set; }

    public IEnumerable<IdentityEvent> Read(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new CommandFailedException($"'{path}' does not exist");
            }

            using var input = InputFile.Open(path);
            var source = Choose(input);
            using var progress = new ProgressBar(io, Path.GetFileName(path), (ulong)Math.Max(1, input.Length));
            var count = 0L;
            foreach (var record in source.Read(input.Content, path))
            {
                if (record.Problem is { } problem)
                {
                    if (!skipBad)
                    {
                        throw new CommandFailedException($"{problem} (nothing was written for later records; --skip-bad skips and reports such records)");
                    }

                    Skipped++;
                    io.Error.WriteLine($"resettrail: skipped {problem}");
                    continue;
                }

                var e = record.Event!;
                if (!seen.Add(Key(e.Source, e.SourceEventId)))
                {
                    Duplicates++;
                    continue;
                }

                if (++count % 4096 == 0)
                {
                    progress.Report((ulong)input.Position);
                }

                yield return e;
            }
        }
    }

    private IEventSource Choose(InputFile input)
    {
        if (sourceName is not null)
        {
            return SourceCatalog.ByName(sourceName)
                ?? throw new CommandFailedException($"--source '{sourceName}' is not one of: {string.Join(", ", SourceCatalog.All.Select(s => s.Name))}", ExitCodes.Usage);
        }

        return SourceCatalog.Detect(input.Head.Span)
            ?? throw new CommandFailedException($"cannot tell which identity provider wrote '{input.Path}'; name it with --source ({string.Join(", ", SourceCatalog.All.Select(s => s.Name))})");
    }

    // FNV-1a, 64 bits: collisions among a million event ids are about one in thirty million.
    private static ulong Key(string source, string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in source + "\n" + id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
