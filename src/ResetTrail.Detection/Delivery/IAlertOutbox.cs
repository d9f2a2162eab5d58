using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>An alert waiting for one sink: how often delivery was tried so far.</summary>
public sealed record OutboxItem(long Id, string Sink, Alert Alert, int Attempts);

/// <summary>
/// The durable outbox between detection and delivery. Detection writes alerts (one row per sink, deduplicated on
/// the alert id) together with how far it has read, in one transaction: after a crash it resumes from that
/// position and nothing is lost or queued twice. Each sink drains its own queue, so a sink that is down delays only
/// itself. Delivery is at least once: an item is marked delivered after the sink took it.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Queues the alerts for every sink and records the detector's position on <paramref name="stream"/>, atomically.</summary>
    void Enqueue(IReadOnlyList<Alert> alerts, IReadOnlyList<string> sinks, string stream, string position);

    /// <summary>Where the detector had got to on <paramref name="stream"/> at its last enqueue, or null.</summary>
    string? Position(string stream);

    /// <summary>The oldest item of <paramref name="sink"/> due at <paramref name="now"/>, or null.</summary>
    OutboxItem? NextDue(string sink, DateTimeOffset now);

    void Delivered(long id, DateTimeOffset at);

    /// <summary>Records a failed attempt; the item is due again at <paramref name="retryAt"/>.</summary>
    void Failed(long id, DateTimeOffset retryAt, string reason);

    /// <summary>Items of <paramref name="sink"/> not delivered yet.</summary>
    long Pending(string sink);

    /// <summary>The alerts queued so far, each once whatever the number of sinks, latest queued first, at most <paramref name="limit"/> (the UI's alert list).</summary>
    IReadOnlyList<Alert> Recent(int limit);
}
