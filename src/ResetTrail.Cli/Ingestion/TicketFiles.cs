using ResetTrail.Cli.Console;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Cli.Ingestion;

/// <summary>Reads ticket exports (format detected per file), with the same bad-record rules as events.</summary>
internal sealed class TicketFiles(CliIO io, IReadOnlyList<ITicketSource> formats, bool skipBad)
{
    public List<TicketRecord> Read(IReadOnlyList<string> paths)
    {
        var tickets = new List<TicketRecord>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new CommandFailedException($"'{path}' does not exist");
            }

            using var input = InputFile.Open(path);
            var format = formats.FirstOrDefault(f => f.Recognises(input.Head.Span))
                ?? throw new CommandFailedException($"'{path}' is not a ticket export this version reads ({string.Join(", ", formats.Select(f => f.Name))})");
            foreach (var result in format.Read(input.Content, path))
            {
                if (result.Problem is { } problem)
                {
                    if (!skipBad)
                    {
                        throw new CommandFailedException($"{problem} (--skip-bad skips and reports such records)");
                    }

                    io.Error.WriteLine($"resettrail: skipped {problem}");
                    continue;
                }

                tickets.Add(result.Ticket!);
            }
        }

        return tickets;
    }
}
