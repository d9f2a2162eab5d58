using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources;

/// <summary>
/// What a source yields for each record: an event, or a problem (a malformed record), or an event of a type the
/// source does not understand (kept as ChangeKind.Other, counted and reported, never dropped).
/// </summary>
public sealed record SourceRecord(IdentityEvent? Event, RecordProblem? Problem)
{
    public static SourceRecord Of(IdentityEvent e) => new(e, null);

    public static SourceRecord Bad(string location, string message) => new(null, new RecordProblem(location, message));
}
