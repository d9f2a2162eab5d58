namespace ResetTrail.Ingestion.Inbox;

/// <summary>One delivery as received: which channel, which source it claims, its bytes.</summary>
public sealed record InboxItem(long Id, string Channel, string? Source, string? Peer, DateTimeOffset ReceivedAt, byte[] Body);

/// <summary>One delivery to accept.</summary>
public sealed record InboxDelivery(string Channel, string? Source, string? Peer, byte[] Body);

/// <summary>
/// What real-time channels (Okta Event Hooks, webhooks, syslog) delivered, committed durably before the sender is
/// answered, then processed in arrival order by a worker. An accepted delivery survives a crash: the worker finds it
/// still pending when the server starts again. Processing is idempotent (events are keyed by their source ids), so a
/// delivery processed twice (after a crash, or by two servers sharing one database) changes nothing twice.
/// </summary>
public interface IInbox
{
    /// <summary>Commits the deliveries in one transaction and returns their ids, in order.</summary>
    IReadOnlyList<long> Accept(IReadOnlyList<InboxDelivery> deliveries, DateTimeOffset receivedAt);

    long Accept(InboxDelivery delivery, DateTimeOffset receivedAt);

    /// <summary>The oldest deliveries not yet processed, in arrival order.</summary>
    IReadOnlyList<InboxItem> Pending(int limit);

    /// <summary>Marks a delivery processed with what it yielded.</summary>
    void Complete(long id, int events, int problems, DateTimeOffset at);

    long PendingCount();

    /// <summary>Deletes processed deliveries older than <paramref name="before"/>; pending ones are never purged.</summary>
    int Purge(DateTimeOffset before);
}
