using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Realtime;
using ResetTrail.Server.Hosting;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.Server.Ingest;

/// <summary>
/// Reads accepted deliveries in arrival order: their events are stored (idempotently, by source id) and shown to the
/// observers, then the delivery is marked processed. A failure leaves the delivery pending and is retried, so a crash
/// anywhere loses nothing; what a retry repeats is absorbed by the event ids. On a shared database only the server
/// that leads (<see cref="ServerDatabase.TryLead"/>) processes; the others' deliveries wake it through the database's
/// announcements (<see cref="SharedDatabaseListener"/>), and its poll (<see cref="IngestSettings.InboxPoll"/>) is the fallback.
/// </summary>
internal sealed partial class InboxWorker(
    ServerDatabase database, InboxSignal signal, IEnumerable<IRealtimeEventObserver> observers, IngestSettings settings, TimeProvider time, ILogger<InboxWorker> logger) : BackgroundService
{
    private const int Batch = 256;
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One server of a shared database processes the inbox (and runs detection); the others only accept.
                if (!database.TryLead() || ProcessPending() < Batch)
                {
                    await signal.WaitAsync(settings.InboxPoll, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing store or observer must not stop the worker: the delivery stays pending and is retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogStoreFailed(logger, e.Message);
                await Task.Delay(Backoff, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Processes up to one batch of pending deliveries together; returns how many. Their events are stored in one
    /// transaction and shown to the observers in arrival order, then every delivery of the batch is marked processed
    /// in one more: two flushes a batch rather than two a delivery, which is what lets the worker keep up when
    /// deliveries arrive faster than a flush. A crash between the two repeats the batch, absorbed by the event ids.
    /// </summary>
    internal int ProcessPending()
    {
        var items = database.Inbox.Pending(Batch);
        if (items.Count == 0)
        {
            return 0;
        }

        var events = new List<IdentityEvent>();
        var done = new List<InboxCompletion>(items.Count);
        foreach (var item in items)
        {
            var records = DeliveryReader.Read(item.Channel, item.Source, item.Body, $"inbox {item.Id}");
            var read = records.Where(r => r.Event is not null).Select(r => r.Event!).ToList();
            var problems = records.Count(r => r.Problem is not null);
            events.AddRange(read);
            done.Add(new InboxCompletion(item.Id, read.Count, problems));
            if (problems > 0)
            {
                // The problems name positions, not content; the delivery stays in the inbox for the operator to read.
                LogProblems(logger, item.Id, item.Channel, problems, records.First(r => r.Problem is not null).Problem!.Message);
            }
        }

        if (events.Count > 0)
        {
            database.Events.Store(events);
            foreach (var observer in observers)
            {
                observer.Observe(events);
            }
        }

        database.Inbox.Complete(done, time.GetUtcNow());
        return items.Count;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "inbox delivery {Id} ({Channel}): {Problems} record(s) not read; first: {First}")]
    private static partial void LogProblems(ILogger logger, long id, string channel, int problems, string first);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "the inbox could not be processed; retrying: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);
}
