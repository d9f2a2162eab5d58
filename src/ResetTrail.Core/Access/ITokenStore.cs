namespace ResetTrail.Core.Access;

/// <summary>
/// Where API tokens live, beside the log and not in it: credentials, not evidence. Stores hold the token's SHA-256
/// only, so a leaked database yields no usable token. Each backend implements it natively.
/// </summary>
public interface ITokenStore
{
    /// <summary>Stores the token unless an active token (not revoked, not expired at <paramref name="now"/>) has its name.</summary>
    bool Add(StoredApiToken token, DateTimeOffset now);

    /// <summary>The token whose SHA-256 is <paramref name="hash"/>, or null. The caller checks expiry and revocation.</summary>
    StoredApiToken? FindByHash(byte[] hash);

    /// <summary>Every token, oldest first.</summary>
    IReadOnlyList<StoredApiToken> List();

    /// <summary>Revokes a token by id; false when there is no such token or it was revoked already.</summary>
    bool Revoke(string id, string revokedBy, DateTimeOffset now);
}
