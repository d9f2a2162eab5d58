namespace ResetTrail.Ingestion.Sources;

/// <summary>How much of each record a reader must turn into an event.</summary>
public enum ReadDetail
{
    /// <summary>Every record becomes an event (normalize, ingest).</summary>
    Full,

    /// <summary>
    /// Only records that can be credential changes become events; a record whose type (read from its bytes) cannot be
    /// one may come as a <see cref="CountedEvent"/> instead (reconcile, which only counts those).
    /// </summary>
    CredentialChanges,
}
