using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResetTrail.Core;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Identity.Pages;

namespace ResetTrail.Server.Identity.Local;

/// <summary>/account shows who is signed in and with which roles; /signout (a form post, so another site cannot sign you out) ends it.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account", Show).AllowAnonymous().WithTags("Sign-in");
        app.MapPost("/signout", SignOut).AllowAnonymous().WithTags("Sign-in");
        return app;
    }

    private static IResult Show(HttpContext context, IAntiforgery antiforgery)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.FindFirst(ResetTrailClaims.TokenId) is not null)
        {
            return HtmlPage.Render("Not signed in", "<p><a href=\"/signin\">Sign in</a>.</p>");
        }

        var roles = string.Join(", ", context.User.Roles().Select(WireName.Of));
        var body = $"<p>Signed in as <strong id=\"name\">{HtmlPage.Encode(context.User.Actor())}</strong>.</p>\n"
            + $"<p>Roles: <span id=\"roles\">{HtmlPage.Encode(roles.Length == 0 ? "none" : roles)}</span></p>\n"
            + HtmlPage.Form(context, antiforgery, "/signout", string.Empty, "Sign out");
        return HtmlPage.Render("Your account", body);
    }

    private static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AccountEndpoints));
        if (await HtmlPage.ReadValidFormAsync(context, antiforgery) is null)
        {
            SignInLog.CsrfRefused(logger, context.Request.Path);
            return HtmlPage.CsrfRefused();
        }

        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(ResetTrailClaims.Name)?.Value is { } name)
        {
            SignInLog.SignedOut(logger, name);
        }

        await context.SignOutAsync(ResetTrailSchemes.Cookie);
        await context.SignOutAsync(LocalSignInEndpoints.PartialScheme);
        return Results.Redirect("/signin");
    }
}
