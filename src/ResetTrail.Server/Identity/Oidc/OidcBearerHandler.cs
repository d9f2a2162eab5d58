using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Identity.Local;

namespace ResetTrail.Server.Identity.Oidc;

/// <summary>
/// Bearer JWTs from the enterprise's provider: OpenIddict's validation checks signature (the provider's published keys),
/// issuer, audience and lifetime; this handler then builds ResetTrail's principal with the mapped roles. A valid token
/// whose holder has no name or no mapped role is refused like an invalid one.
/// </summary>
internal sealed class OidcBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OidcSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ResetTrail.Oidc";

    /// <summary>'Authorization: Bearer X' where X is not one of our own API tokens: the provider's JWT.</summary>
    public static bool CarriesProviderToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(ApiTokenHandler.BearerPrefix, StringComparison.Ordinal) && !ApiTokenHandler.CarriesApiToken(request);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var validated = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (validated.None)
        {
            return AuthenticateResult.NoResult();
        }

        if (!validated.Succeeded || validated.Principal is null)
        {
            return Refuse("not valid (signature, issuer, audience or lifetime)");
        }

        var (name, roles) = RoleMapping.Map(validated.Principal, settings);
        if (name is null)
        {
            return Refuse($"no '{settings.NameClaim}' claim");
        }

        if (roles.Count == 0)
        {
            return Refuse($"no '{settings.RoleClaim}' value maps to a role");
        }

        var principal = ResetTrailClaims.CreatePrincipal(name, roles, "oidc-bearer");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"resettrail\"";
        return base.HandleChallengeAsync(properties);
    }

    private AuthenticateResult Refuse(string why)
    {
        SignInLog.BearerRefused(Logger, why);
        return AuthenticateResult.Fail("the bearer token is not accepted by this server");
    }
}
