namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>How generous matching is, and who counts as a third party.</summary>
public sealed record ReconcileOptions
{
    /// <summary>A change this long before a case or ticket opened still belongs to it (clock skew, a quick desk).</summary>
    public TimeSpan Before { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A change this long after a case executed or a ticket closed still belongs to it.</summary>
    public TimeSpan After { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A change this long after its ticket closed is still inside the ticket's window (a desk closing early).</summary>
    public TimeSpan ClosedGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An open ticket without a closing time covers changes for this long after it opened.</summary>
    public TimeSpan OpenTicketSpan { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Changes of one case closer together than this are one reset (Okta Identity Engine deactivates factor by factor).</summary>
    public TimeSpan SameResetSpan { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Actors that are third parties by name ('*' wildcards): the IdP vendor's own support acts as system@okta.com.
    /// </summary>
    public IReadOnlyList<string> ThirdPartyActors { get; init; } = ["*@okta.com"];
}
