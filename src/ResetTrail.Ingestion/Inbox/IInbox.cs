namespace ResetTrail.Ingestion.Inbox;

/// <summary>One delivery as received: which channel, which source it claims, its bytes.</summary>
public sealed record InboxItem(long Id, string Channel, string? Source, string? Peer, DateTimeOffset ReceivedAt, byte[] Body);

/// <summary>What processing one delivery yielded: events read, and records that could not be read.</summary>
public sealed record InboxCompletion(long Id, int Events, int Problems);

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

    /// <summary>Marks deliveries processed with what each yielded, in one transaction (one flush for a batch).</summary>
    void Complete(IReadOnlyList<InboxCompletion> done, DateTimeOffset at);

    /// <summary>Marks a delivery processed with what it yielded.</summary>
    void Complete(long id, int events, int problems, DateTimeOffset at) => Complete([new InboxCompletion(id, events, problems)], at);

    long PendingCount();

    /// <summary>Deletes processed deliveries older than <paramref name="before"/>; pending ones are never purged.</summary>
    int Purge(DateTimeOffset before);
}
