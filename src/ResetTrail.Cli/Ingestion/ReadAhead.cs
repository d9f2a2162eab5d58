using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Cli.Ingestion;

/// <summary>
/// Reads and parses the files on a second thread while the caller works on the first (detect runs its rules, ingest
/// writes the database): the reader hands items over in file order, in batches (one hand-over per
/// <see cref="BatchSize"/> items; at most <see cref="BatchesAhead"/> batches wait, so memory stays bounded). A failure
/// of the reader (a malformed record without --skip-bad) is rethrown to the caller after the items before it.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 512;
    private const int BatchesAhead = 16;

    /// <summary>An event, or (Event null) the time of a record no rule reads.</summary>
    public readonly record struct Item(IdentityEvent? Event, DateTimeOffset Time);

    /// <summary>detect's items: the events its rules read, and the times of the records counted unparsed.</summary>
    public static IEnumerable<Item> Items(EventFiles reader, IReadOnlyList<string> paths, Func<ChangeKind, string, bool> wanted) =>
        Of<Item>(hand =>
        {
            foreach (var e in reader.Read(paths, counted => hand(new Item(null, counted.Time ?? throw new InvalidOperationException("a prefilter counted a record without its time"))), wanted))
            {
                hand(new Item(e, e.Time));
            }
        });

    /// <summary>Every event of the files, parsed on the second thread.</summary>
    public static IEnumerable<IdentityEvent> Events(EventFiles reader, IReadOnlyList<string> paths) =>
        Of<IdentityEvent>(hand =>
        {
            foreach (var e in reader.Read(paths))
            {
                hand(e);
            }
        });

    /// <summary>What <paramref name="produce"/> hands over on a second thread, in order, on the caller's.</summary>
    public static IEnumerable<T> Of<T>(Action<Action<T>> produce)
    {
        using var batches = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            var batch = new T[BatchSize];
            var filled = 0;
            void Hand(T item)
            {
                batch[filled++] = item;
                if (filled == BatchSize)
                {
                    batches.Add(batch, stop.Token);
                    batch = new T[BatchSize];
                    filled = 0;
                }
            }

            try
            {
                produce(Hand);
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
            Name = "resettrail reader",
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
