using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenIddict.Client.AspNetCore;
using ResetTrail.Server.Identity.Local;
using ResetTrail.Server.Identity.Pages;

namespace ResetTrail.Server.Identity.Oidc;

/// <summary>
/// The authorization-code flow: /signin/oidc sends the browser to the provider (OpenIddict adds PKCE, state and nonce and
/// binds them to a cookie); the provider returns to /signin-oidc, where OpenIddict redeems the code and validates the
/// identity token, and this endpoint signs the person in with the roles the role map gives.
/// </summary>
internal static class OidcEndpoints
{
    public const string CallbackPath = "signin-oidc";

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin/oidc", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalSignInEndpoints.SafeReturn(returnUrl) }, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]))
            .AllowAnonymous().WithTags("Sign-in");
        app.MapMethods("/" + CallbackPath, [HttpMethods.Get, HttpMethods.Post], Callback).AllowAnonymous().WithTags("Sign-in");
        return app;
    }

    private static async Task<IResult> Callback(HttpContext context, OidcSettings settings, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(OidcEndpoints));
        var result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            SignInLog.OidcRefused(logger, "the provider's answer did not validate");
            return Refused();
        }

        var (name, roles) = RoleMapping.Map(result.Principal, settings);
        if (name is null || roles.Count == 0)
        {
            SignInLog.OidcRefused(logger, name is null ? $"no '{settings.NameClaim}' claim" : $"no '{settings.RoleClaim}' value maps to a role for {name}");
            return Refused();
        }

        return await LocalSignInEndpoints.CompleteAsync(context, logger, name, roles, "oidc", result.Properties?.RedirectUri ?? "/account");
    }

    private static IResult Refused() =>
        HtmlPage.Render("Sign-in refused", "<p>Your organisation's sign-in did not give access to ResetTrail. Ask an administrator for a role.</p>"
            + "<p><a href=\"/signin\">Back to sign-in</a>.</p>", StatusCodes.Status403Forbidden);
}
