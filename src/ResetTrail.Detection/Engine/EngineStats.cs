namespace ResetTrail.Detection.Engine;

/// <summary>Counters the engine reports: nothing it drops or limits goes uncounted.</summary>
public sealed class EngineStats
{
    /// <summary>Events and signals handed to the rules.</summary>
    public long Observed { get; internal set; }

    /// <summary>Out of order but within the allowed lateness: reordered and processed.</summary>
    public long LateAccepted { get; internal set; }

    /// <summary>Older than the watermark: reported through <see cref="IDetectionOutput.Late"/>, not evaluated.</summary>
    public long TooLate { get; internal set; }

    /// <summary>Events released before their lateness had passed because the reorder buffer was full.</summary>
    public long ForcedReleases { get; internal set; }

    /// <summary>Times a rule's state hit its per-key or key-count cap and dropped its oldest state.</summary>
    public long StateCapHits { get; internal set; }

    public long Alerts { get; internal set; }

    /// <summary>Alerts dropped because the same alert (same id) was raised already.</summary>
    public long Deduplicated { get; internal set; }

    /// <summary>Alerts held back because the rule alerted on the same subject within its throttle period.</summary>
    public long Throttled { get; internal set; }

    public override string ToString() =>
        $"{Observed} observed, {Alerts} alerts, {LateAccepted} late within lateness, {TooLate} too late (reported), "
        + $"{ForcedReleases} forced releases, {StateCapHits} state cap hits, {Deduplicated} duplicates, {Throttled} throttled";
}
