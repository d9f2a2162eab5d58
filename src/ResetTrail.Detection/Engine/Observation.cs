using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Engine;

/// <summary>What the engine orders by time and hands to rules: an identity event or a case signal.</summary>
public sealed class Observation
{
    private Observation(DateTimeOffset time, IdentityEvent? identityEvent, CaseSignal? signal)
    {
        Time = time;
        Event = identityEvent;
        Signal = signal;
    }

    public DateTimeOffset Time { get; }

    public IdentityEvent? Event { get; }

    public CaseSignal? Signal { get; }

    /// <summary>The account this is about, lower-cased: the event's target or the case's target.</summary>
    public string Target => target ??= Subjects.Normalise(Event is { } e ? e.Target.Key : Signal!.Target);

    /// <summary>Who acted, lower-cased, or null when the source does not say.</summary>
    public string? Actor => Event is { } e ? (e.Actor is { } a ? actor ??= Subjects.Normalise(a.Key) : null) : actor ??= Subjects.Normalise(Signal!.Actor);

    private string? target;
    private string? actor;
    private AlertEvidence? evidence;

    public static Observation Of(IdentityEvent e) => new(e.Time, e, null);

    public static Observation Of(CaseSignal s) => new(s.Time, null, s);

    /// <summary>Where this came from, as alert evidence names it: the event's source, or "case".</summary>
    public string EvidenceSource => Event is { } e ? e.Source : "case";

    /// <summary>Its id there: the source's event id, or the case step's entry id.</summary>
    public string EvidenceId => Event is { } e ? e.SourceEventId : Signal!.EntryId;

    /// <summary>This as an alert's evidence; made once, however many alerts rest on it.</summary>
    public AlertEvidence ToEvidence() => evidence ??=
        new AlertEvidence(EvidenceSource, EvidenceId, Event?.SourceEventType ?? Signals.CaseSignalWire.Name(Signal!.Kind), Time);

    public override string ToString() => Event is { } e ? $"{e.Source}:{e.SourceEventId}" : $"case:{Signal!.EntryId}";
}
