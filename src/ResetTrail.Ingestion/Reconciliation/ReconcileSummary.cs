namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>What a run read and found: the table's last lines, and the share of changes with complete evidence.</summary>
public sealed class ReconcileSummary
{
    public long EventsRead { get; internal set; }

    public long CredentialChanges { get; internal set; }

    public long MatchedToCase { get; internal set; }

    public long MatchedToTicket { get; internal set; }

    /// <summary>Credential changes matched to a case or ticket with no finding against them.</summary>
    public long WithCompleteEvidence { get; internal set; }

    public SortedDictionary<string, long> ByCode { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> ByOwner { get; } = new(StringComparer.Ordinal);

    /// <summary>Events of types no source mapping acts on (kept, counted, reported), by source event type.</summary>
    public SortedDictionary<string, long> Unmapped { get; } = new(StringComparer.Ordinal);

    public double CompleteShare => CredentialChanges == 0 ? 1.0 : (double)WithCompleteEvidence / CredentialChanges;
}
