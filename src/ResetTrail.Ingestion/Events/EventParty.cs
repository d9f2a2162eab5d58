namespace ResetTrail.Ingestion.Events;

/// <summary>A user or principal as a source names it: its id there, login name, e-mail, display name and type.</summary>
public sealed record EventParty(string? Uid, string? Name)
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The source's principal type (User, ServicePrincipal, SystemPrincipal, ...), verbatim.</summary>
    public string? Type { get; init; }

    /// <summary>The best key to show and to match on: e-mail, then login name, then id.</summary>
    public string Key => Email ?? Name ?? Uid ?? "(unknown)";
}
