using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ResetTrail.Cli.Ingestion;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Cli.Detection;

/// <summary>
/// Reads and parses the files on a second thread while the rules run on the caller's: the reader hands over events,
/// and the times of the records it counted unparsed, in file order, in batches (one hand-over per
/// <see cref="BatchSize"/> records; at most <see cref="BatchesAhead"/> batches wait, so memory stays bounded). A
/// failure of the reader (a malformed record without --skip-bad) is rethrown to the caller after the items before it.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 512;
    private const int BatchesAhead = 16;

    /// <summary>An event, or (Event null) the time of a record no rule reads.</summary>
    public readonly record struct Item(IdentityEvent? Event, DateTimeOffset Time);

    public static IEnumerable<Item> Items(EventFiles reader, IReadOnlyList<string> paths, Func<ChangeKind, string, bool> wanted)
    {
        using var batches = new BlockingCollection<Item[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            var batch = new Item[BatchSize];
            var filled = 0;
            void Hand(Item item)
            {
                batch[filled++] = item;
                if (filled == BatchSize)
                {
                    batches.Add(batch, stop.Token);
                    batch = new Item[BatchSize];
                    filled = 0;
                }
            }

            try
            {
                void Counted(CountedEvent counted) =>
                    Hand(new Item(null, counted.Time ?? throw new InvalidOperationException("a prefilter counted a record without its time")));

                foreach (var e in reader.Read(paths, Counted, wanted))
                {
                    Hand(new Item(e, e.Time));
                }

                if (filled > 0)
                {
                    batches.Add(batch[..filled], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped reading.
            }
#pragma warning disable CA1031 // Any failure of the reader is the caller's to report, on its thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                batches.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "resettrail detect reader",
        };

        thread.Start();
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            thread.Join();
        }

        failure?.Throw();
    }
}
