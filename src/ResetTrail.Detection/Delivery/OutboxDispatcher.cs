using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// Drains the outbox into the sinks: one independent loop per sink, so a sink that is down (and backing off) never
/// holds up another, and detection, which only writes the outbox, is never held up at all. A failed delivery is
/// retried with <see cref="Backoff"/>; the error text is kept on the item for the operator.
/// </summary>
public sealed class OutboxDispatcher(IAlertOutbox outbox, IReadOnlyList<IAlertSink> sinks, TimeProvider time, Backoff backoff)
{
    /// <summary>How long an idle loop sleeps before looking again.</summary>
    public static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Delivered { get; private set; }

    public long Failures { get; private set; }

    public IReadOnlyList<string> SinkNames => [.. sinks.Select(s => s.Name)];

    /// <summary>Delivers every item of <paramref name="sink"/> due now, stopping at the first failure; returns how many went.</summary>
    public async Task<int> DrainAsync(IAlertSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var count = 0;
        while (!cancellationToken.IsCancellationRequested && outbox.NextDue(sink.Name, time.GetUtcNow()) is { } item)
        {
            try
            {
                await sink.DeliverAsync(item.Alert, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failures++;
                outbox.Failed(item.Id, time.GetUtcNow() + backoff.After(item.Attempts + 1), Describe(e));
                return count;
            }

            outbox.Delivered(item.Id, time.GetUtcNow());
            Delivered++;
            count++;
        }

        return count;
    }

    /// <summary>Drains every sink once, each independently (all are tried even when one fails).</summary>
    public async Task<int> DrainAllAsync(CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(sinks.Select(s => DrainAsync(s, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    /// <summary>Something was queued: idle loops look now instead of at their next poll (alerts go out within milliseconds).</summary>
    public void Wake() => Interlocked.Exchange(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Runs one loop per sink until cancelled; each sleeps <see cref="IdlePoll"/> when idle, or until <see cref="Wake"/>.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(sinks.Select(sink => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Taken before draining, so a wake during the drain is not missed.
                var woken = Volatile.Read(ref wake).Task;
                await DrainAsync(sink, cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.WhenAny(woken, Task.Delay(IdlePoll, time, cancellationToken)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, cancellationToken)));

    /// <summary>The failure in one line, without the alert (which may name accounts) or any secret.</summary>
    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}

/// <summary>Writes alerts to the outbox as detection raises them; the caller commits with a position.</summary>
public sealed class OutboxWriter(IAlertOutbox outbox, IReadOnlyList<string> sinks) : Engine.IDetectionOutput
{
    private readonly List<Alert> pending = [];

    public List<(Engine.Observation Observation, DateTimeOffset Watermark)> LateEvents { get; } = [];

    public void Alert(Alert alert) => pending.Add(alert);

    public void Late(Engine.Observation observation, DateTimeOffset watermark) => LateEvents.Add((observation, watermark));

    /// <summary>Queues the alerts raised since the last commit with the detector's position, in one transaction.</summary>
    public int Commit(string stream, string position)
    {
        outbox.Enqueue(pending, sinks, stream, position);
        var count = pending.Count;
        pending.Clear();
        return count;
    }
}
