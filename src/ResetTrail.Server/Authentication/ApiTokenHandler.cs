using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Tokens;

namespace ResetTrail.Server.Authentication;

/// <summary>
/// Authenticates 'Authorization: Bearer rt_...' against the stored SHA-256 of API tokens. The stored hash is
/// compared in constant time; an unknown, revoked or expired token fails the same way, and no token text is
/// ever written to a log or an answer.
/// </summary>
internal sealed partial class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServerDatabase database, ApiTokenCache cache, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string BearerPrefix = "Bearer ";

    /// <summary>Whether a request carries an API token (and so belongs to this handler, not to the cookie).</summary>
    public static bool CarriesApiToken(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix + ApiTokenSecret.Prefix, StringComparison.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (!ApiTokenSecret.HasTokenShape(token))
        {
            return Task.FromResult(Refuse("malformed"));
        }

        var hash = ApiTokenSecret.Hash(token);
        var stored = cache.Find(hash, database.Tokens.FindByHash);
        // The lookup is by hash (an index), and the hash of a 256-bit secret leaks nothing an attacker can steer;
        // the final comparison is still constant-time so no byte of a stored hash is learnt from timing.
        if (stored is null || !CryptographicOperations.FixedTimeEquals(stored.Hash, hash))
        {
            return Task.FromResult(Refuse("unknown"));
        }

        if (!stored.IsActiveAt(time.GetUtcNow()))
        {
            return Task.FromResult(Refuse(stored.RevokedAt is null ? "expired" : "revoked"));
        }

        var roles = stored.Roles.Select(r => WireName.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>();
        var principal = ResetTrailClaims.CreatePrincipal(stored.Name, roles, ResetTrailSchemes.ApiToken,
            new System.Security.Claims.Claim(ResetTrailClaims.TokenId, stored.Id));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"resettrail\"";
        return base.HandleChallengeAsync(properties);
    }

    private AuthenticateResult Refuse(string why)
    {
        LogRefused(Logger, why);
        return AuthenticateResult.Fail("the API token is malformed, unknown, revoked or expired");
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "API token refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
