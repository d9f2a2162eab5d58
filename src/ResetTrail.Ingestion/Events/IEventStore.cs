namespace ResetTrail.Ingestion.Events;

/// <summary>
/// Normalised identity events kept beside the log, keyed by their source and the source's own event id: storing the
/// same event twice stores it once. Events are context, not evidence. Each backend implements it natively.
/// </summary>
public interface IEventStore
{
    /// <summary>Stores the events; returns how many were new and how many were already there.</summary>
    (long Added, long AlreadyStored) Store(IEnumerable<IdentityEvent> events);

    /// <summary>Every stored event in time order, read back from its OCSF form.</summary>
    IEnumerable<IdentityEvent> ReadAll();

    /// <summary>
    /// The stored events at or after <paramref name="since"/>, in time order, read by the time index (a store that keeps
    /// times to the millisecond compares at that precision).
    /// </summary>
    IEnumerable<IdentityEvent> ReadSince(DateTimeOffset since);

    /// <summary>The time of the newest stored event, as precisely as the store keeps it; null when none is stored.</summary>
    DateTimeOffset? Newest();

    long Count();
}
