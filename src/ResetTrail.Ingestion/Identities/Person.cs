namespace ResetTrail.Ingestion.Identities;

/// <summary>One person as the identities file ties them together: every identifier they have, their tier attributes and manager.</summary>
public sealed record Person
{
    /// <summary>The file's person_id, else the first identifier given.</summary>
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Every identifier, as written: person id, e-mails, Okta login, Entra UPN and object id, AD account and SID, Google address, others.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public IReadOnlyList<string> Emails { get; init; } = [];

    public string? OktaLogin { get; init; }

    public string? EntraUpn { get; init; }

    public string? EntraObjectId { get; init; }

    /// <summary>DOMAIN\sAMAccountName.</summary>
    public string? AdAccount { get; init; }

    public string? AdSid { get; init; }

    public string? GoogleAddress { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The manager, by any of their identifiers; <see cref="IdentityDirectory.ManagerOf"/> resolves it.</summary>
    public string? Manager { get; init; }

    /// <summary>Where the person was read (file:line or file#N); null for an evident person.</summary>
    public string? Location { get; init; }
}
