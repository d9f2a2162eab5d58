using System.Globalization;
using System.Security.Cryptography;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Tokens;

/// <summary>A created token: the secret (shown once) and what was stored.</summary>
public sealed record IssuedToken(ApiTokenSecret Secret, StoredApiToken Stored);

/// <summary>
/// Creates, lists and revokes API tokens; the command line (<c>resettrail token</c>) and the administrator's API
/// both come here, so the rules are the same: a name, at least one known role, an optional expiry, unique active names.
/// </summary>
public sealed class TokenIssuer(ITokenStore store, TimeProvider time)
{
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(3650);

    public Outcome<IssuedToken> Create(string? name, IReadOnlyList<string>? roles, string? expiresIn, string createdBy)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            return HttpErrors.BadRequest("name: give the token a name of 1 to 100 printable characters; steps taken with it are recorded under that name");
        }

        if (roles is null || roles.Count == 0)
        {
            return HttpErrors.BadRequest($"roles: give at least one of {string.Join(", ", WireName.All<Role>())}");
        }

        var unknown = roles.FirstOrDefault(r => !WireName.TryParse<Role>(r, out _));
        if (unknown is not null)
        {
            return HttpErrors.BadRequest($"roles: '{unknown}' is not a role; the roles are {string.Join(", ", WireName.All<Role>())}");
        }

        var now = time.GetUtcNow();
        DateTimeOffset? expires = null;
        if (expiresIn is not null)
        {
            if (ParseLifetime(expiresIn) is not { } lifetime)
            {
                return HttpErrors.BadRequest($"expires_in: '{expiresIn}' should read like 90d, 12h or 30m (at most {LongestLifetime.TotalDays:0}d)");
            }

            expires = now + lifetime;
        }

        var secret = ApiTokenSecret.Generate();
        var stored = new StoredApiToken(
            "tok-" + RandomNumberGenerator.GetHexString(12, lowercase: true), name.Trim(), secret.Hash(), [.. roles.Distinct(StringComparer.Ordinal)],
            createdBy, now, expires, null, null);
        return store.Add(stored, now) ? new IssuedToken(secret, stored) : HttpErrors.TokenNameInUse(stored.Name);
    }

    public IReadOnlyList<StoredApiToken> List() => store.List();

    public Outcome<bool> Revoke(string id, string revokedBy) =>
        store.Revoke(id, revokedBy, time.GetUtcNow()) ? true : HttpErrors.TokenNotFound(id);

    /// <summary>Lifetimes as the command line writes them: a whole number and d, h or m.</summary>
    public static TimeSpan? ParseLifetime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        TimeSpan? lifetime = text[^1] switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => null,
        };
        return lifetime <= LongestLifetime ? lifetime : null;
    }
}
