using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources;

/// <summary>
/// A record read only far enough to know it cannot be a credential change: its source, its event type verbatim, the
/// kind that type maps to (Other when the source does not understand it: still counted and reported) and the key of
/// its id, for duplicate detection (<see cref="EventKey"/>).
/// </summary>
public sealed record CountedEvent(string Source, string SourceEventType, ChangeKind Kind, ulong Key)
{
    /// <summary>The record's time as the full parse would read it, when the prefilter read it (detect moves time with it).</summary>
    public DateTimeOffset? Time { get; init; }
}
