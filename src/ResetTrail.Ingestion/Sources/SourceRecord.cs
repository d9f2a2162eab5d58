using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources;

/// <summary>
/// What a source yields for each record: an event, or a problem (a malformed record), or an event of a type the
/// source does not understand (kept as ChangeKind.Other, counted and reported, never dropped). When the caller asks
/// only for credential changes (<see cref="ReadDetail.CredentialChanges"/>), a record whose type cannot be one comes
/// as <see cref="Counted"/>: its source, type and id, read without parsing the rest of it.
/// </summary>
public sealed record SourceRecord(IdentityEvent? Event, RecordProblem? Problem)
{
    public CountedEvent? Counted { get; private init; }

    public static SourceRecord Of(IdentityEvent e) => new(e, null);

    public static SourceRecord Bad(string location, string message) => new(null, new RecordProblem(location, message));

    public static SourceRecord Count(CountedEvent counted) => new(null, null) { Counted = counted };
}
