using ResetTrail.Cli.Console;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Cli.Ingestion;

/// <summary>
/// Streams events from identity-provider files: detects each file's source (or takes --source), reads gzip
/// directly, stops at the first malformed record with its file:line (or skips and reports it with --skip-bad),
/// drops repeats of an event already read (same source and id; exact for credential changes, within a window for
/// the rest: <see cref="RepeatFilter"/>), and shows progress on a terminal. Given a counter, it asks the sources for
/// credential changes only and hands it the records their prefilters counted without parsing.
/// </summary>
internal sealed class EventFiles(CliIO io, string? sourceName, bool skipBad)
{
    private readonly RepeatFilter seen = new();

    public long Skipped { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>
    /// Every event of the files; with <paramref name="counter"/>, records that cannot be credential changes (or, given
    /// <paramref name="wanted"/>, whose kind and type it refuses) may go to it instead.
    /// </summary>
    public IEnumerable<IdentityEvent> Read(IReadOnlyList<string> paths, Action<CountedEvent>? counter = null, Func<ChangeKind, string, bool>? wanted = null)
    {
        var detail = counter is null ? ReadDetail.Full : ReadDetail.CredentialChanges;
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
            var records = counter is not null && wanted is not null ? source.Read(input.Content, path, wanted) : source.Read(input.Content, path, detail);
            foreach (var record in records)
            {
                if (++count % 4096 == 0)
                {
                    progress.Report((ulong)input.Position);
                }

                if (record.Counted is { } counted)
                {
                    if (seen.IsRepeat(counted.Key, credentialChange: false))
                    {
                        Duplicates++;
                    }
                    else
                    {
                        counter!(counted);
                    }

                    continue;
                }

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
                if (seen.IsRepeat(EventKey.Of(e.Source, e.SourceEventId), e.IsCredentialChange))
                {
                    Duplicates++;
                    continue;
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
}
