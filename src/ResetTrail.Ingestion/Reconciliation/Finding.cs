namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>
/// A control failure found by reconciliation: a stable code users script against, what it means for a reviewer,
/// the evidence it rests on, and who owns the fix.
/// </summary>
public sealed record Finding
{
    public required string Code { get; init; }

    /// <summary>critical, high, medium, low.</summary>
    public required string Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>One paragraph a reviewer can act on: what happened, why it matters, what to check.</summary>
    public required string Explanation { get; init; }

    /// <summary>The identity-provider events it rests on (source:id).</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];

    public string? Ticket { get; init; }

    public string? Case { get; init; }

    public required string Target { get; init; }

    public string? Actor { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>service_desk, iam or security.</summary>
    public required string Owner { get; init; }

    /// <summary>Framework ids: NIST CSF 2.0, OWASP Non-Human Identity Top 10, CSA MAESTRO, MITRE ATT&amp;CK.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];
}
