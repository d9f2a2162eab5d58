using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResetTrail.Accounts.Administration;
using ResetTrail.Server.Identity.Local;
using ResetTrail.Server.Identity.Pages;

namespace ResetTrail.Server.Identity.Setup;

/// <summary>
/// /setup: creates the first administrator with the one-time token the server printed at start. Once an enabled
/// administrator exists (made here or with 'resettrail account create-admin') the page is gone (404).
/// </summary>
internal static class SetupEndpoints
{
    public static IEndpointRouteBuilder MapSetupPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/setup", Show).AllowAnonymous().WithTags("Sign-in");
        app.MapPost("/setup", Post).AllowAnonymous().RequireRateLimiting(IdentityComposition.SignInRateLimit).WithTags("Sign-in");
        return app;
    }

    private static IResult Show(HttpContext context, IAntiforgery antiforgery, SetupToken token, AccountAdministration administration) =>
        Closed(token, administration) ?? Page(context, antiforgery, null, StatusCodes.Status200OK);

    private static async Task<IResult> Post(HttpContext context, IAntiforgery antiforgery, SetupToken token, AccountAdministration administration, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SetupEndpoints));
        var form = await HtmlPage.ReadValidFormAsync(context, antiforgery);
        if (form is null)
        {
            SignInLog.CsrfRefused(logger, context.Request.Path);
            return HtmlPage.CsrfRefused();
        }

        if (Closed(token, administration) is { } closed)
        {
            SignInLog.SetupRefused(logger, "an administrator exists or the token was used");
            return closed;
        }

        if (!token.Matches(form["token"]))
        {
            SignInLog.SetupRefused(logger, "wrong setup token");
            return Page(context, antiforgery, "That is not the setup token the server printed.", StatusCodes.Status401Unauthorized);
        }

        var password = form["password"].ToString();
        if (password != form["repeat"].ToString())
        {
            return Page(context, antiforgery, "The two passwords differ.", StatusCodes.Status400BadRequest);
        }

        var created = administration.CreateFirstAdministrator(form["login"].ToString(), form["display"], password);
        if (!created.IsSuccess)
        {
            SignInLog.SetupRefused(logger, created.Error.Code);
            return Page(context, antiforgery, $"{created.Error.Code}: {created.Error.Message}", StatusCodes.Status400BadRequest);
        }

        token.Retire();
        SignInLog.SetupDone(logger, created.Value.Login);
        return Results.Redirect("/signin");
    }

    private static IResult? Closed(SetupToken token, AccountAdministration administration) =>
        token.IsActive && !administration.AnyEnabledAdministrator()
            ? null
            : HtmlPage.Render("Not found", "<p>Setup is done: an administrator exists. <a href=\"/signin\">Sign in</a>.</p>", StatusCodes.Status404NotFound);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? message, int status)
    {
        var fields = HtmlPage.Field("token", "Setup token (printed by the server at start)", "password", "off")
            + HtmlPage.Field("login", "Administrator's name", "text", "username")
            + HtmlPage.Field("display", "Display name", "text", "name").Replace(" required", string.Empty, StringComparison.Ordinal)
            + HtmlPage.Field("password", "Password (at least 12 characters)", "password", "new-password", " minlength=\"12\"")
            + HtmlPage.Field("repeat", "Password again", "password", "new-password", " minlength=\"12\"");
        return HtmlPage.Render("Create the first administrator", HtmlPage.Alert(message) + HtmlPage.Form(context, antiforgery, "/setup", fields, "Create"), status);
    }
}
