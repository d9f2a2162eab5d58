namespace ResetTrail.Core.Access;

/// <summary>
/// An API token as stored: its SHA-256, never the token. <paramref name="Roles"/> are role wire names; a token
/// acts under <paramref name="Name"/>, which the workflow records as the actor of the steps it takes.
/// </summary>
public sealed record StoredApiToken(
    string Id,
    string Name,
    byte[] Hash,
    IReadOnlyList<string> Roles,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
