using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Accounts.SignIn;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Identity.Pages;

namespace ResetTrail.Server.Identity.Local;

/// <summary>
/// Local sign-in: /signin (name and password), then /signin/code (TOTP) or, for an account with no authenticator yet,
/// /signin/enrol. Between the steps the person holds only a short-lived cookie of its own scheme, which grants nothing.
/// Every refusal reads "Sign-in refused." whatever the reason; the reason goes to the log.
/// </summary>
internal static class LocalSignInEndpoints
{
    /// <summary>The half-way cookie: the password was right, the second factor is still owed.</summary>
    public const string PartialScheme = "ResetTrail.SignIn";

    private const string LoginClaim = "rt_login";
    private const string StageClaim = "rt_stage";
    private const string ReturnClaim = "rt_return";
    private const string Refusal = "Sign-in refused.";

    public static IEndpointRouteBuilder MapLocalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", ShowPassword).AllowAnonymous().WithTags("Sign-in");
        app.MapPost("/signin", PostPassword).AllowAnonymous().RequireRateLimiting(IdentityComposition.SignInRateLimit).WithTags("Sign-in");
        app.MapGet("/signin/code", ShowCode).AllowAnonymous().WithTags("Sign-in");
        app.MapPost("/signin/code", PostCode).AllowAnonymous().RequireRateLimiting(IdentityComposition.SignInRateLimit).WithTags("Sign-in");
        app.MapGet("/signin/enrol", ShowEnrol).AllowAnonymous().WithTags("Sign-in");
        app.MapPost("/signin/enrol", PostEnrol).AllowAnonymous().RequireRateLimiting(IdentityComposition.SignInRateLimit).WithTags("Sign-in");
        return app;
    }

    /// <summary>A local path to return to after sign-in, or /account: never another site (open redirect).</summary>
    public static string SafeReturn(string? path) =>
        path is { Length: > 1 } p && p[0] == '/' && p[1] is not ('/' or '\\') && !p.Contains("://", StringComparison.Ordinal) ? p : "/account";

    public static async Task<IResult> CompleteAsync(HttpContext context, ILogger logger, string login, IEnumerable<Core.Access.Role> roles, string method, string returnTo)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.SignOutAsync(PartialScheme);
        await context.SignInAsync(ResetTrailSchemes.Cookie, ResetTrailClaims.CreatePrincipal(login, roles, method));
        SignInLog.SignedIn(logger, login, method);
        return Results.Redirect(SafeReturn(returnTo));
    }

    private static IResult ShowPassword(HttpContext context, IAntiforgery antiforgery, IdentitySettings settings, string? returnUrl = null) =>
        PasswordPage(context, antiforgery, settings, SafeReturn(returnUrl), message: null, StatusCodes.Status200OK);

    private static async Task<IResult> PostPassword(HttpContext context, IAntiforgery antiforgery, IdentitySettings settings, LocalSignIn signIn, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LocalSignInEndpoints));
        var form = await HtmlPage.ReadValidFormAsync(context, antiforgery);
        if (form is null)
        {
            SignInLog.CsrfRefused(logger, context.Request.Path);
            return HtmlPage.CsrfRefused();
        }

        var returnTo = SafeReturn(form["return"]);
        var step = signIn.CheckPassword(form["login"].ToString(), form["password"].ToString());
        if (step.Status == SignInStatus.Refused)
        {
            SignInLog.Refused(logger, step);
            return PasswordPage(context, antiforgery, settings, returnTo, Refusal, StatusCodes.Status401Unauthorized);
        }

        var stage = step.Status == SignInStatus.NeedsTotp ? "code" : "enrol";
        var partial = new ClaimsIdentity([new(LoginClaim, step.Account!.Login), new(StageClaim, stage), new(ReturnClaim, returnTo)], PartialScheme);
        await context.SignInAsync(PartialScheme, new ClaimsPrincipal(partial));
        return Results.Redirect("/signin/" + stage);
    }

    private static async Task<IResult> ShowCode(HttpContext context, IAntiforgery antiforgery)
    {
        var partial = await PartialAsync(context, "code");
        return partial is null ? Results.Redirect("/signin") : CodePage(context, antiforgery, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PostCode(HttpContext context, IAntiforgery antiforgery, LocalSignIn signIn, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LocalSignInEndpoints));
        var form = await HtmlPage.ReadValidFormAsync(context, antiforgery);
        if (form is null)
        {
            SignInLog.CsrfRefused(logger, context.Request.Path);
            return HtmlPage.CsrfRefused();
        }

        var partial = await PartialAsync(context, "code");
        if (partial is null)
        {
            return Results.Redirect("/signin");
        }

        var step = signIn.CheckTotp(partial.Value.Login, form["code"].ToString());
        return step.Status == SignInStatus.SignedIn
            ? await CompleteAsync(context, logger, step.Account!.Login, step.Account.Roles, "local", partial.Value.Return)
            : await RefuseSecondStepAsync(context, logger, step, () => CodePage(context, antiforgery, Refusal, StatusCodes.Status401Unauthorized));
    }

    private static async Task<IResult> ShowEnrol(HttpContext context, IAntiforgery antiforgery, LocalSignIn signIn, IdentitySettings settings)
    {
        var partial = await PartialAsync(context, "enrol");
        var secret = partial is null ? null : signIn.BeginEnrolment(partial.Value.Login);
        return secret is null ? Results.Redirect("/signin") : EnrolPage(context, antiforgery, settings, partial!.Value.Login, secret);
    }

    private static async Task<IResult> PostEnrol(HttpContext context, IAntiforgery antiforgery, LocalSignIn signIn, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LocalSignInEndpoints));
        var form = await HtmlPage.ReadValidFormAsync(context, antiforgery);
        if (form is null)
        {
            SignInLog.CsrfRefused(logger, context.Request.Path);
            return HtmlPage.CsrfRefused();
        }

        var partial = await PartialAsync(context, "enrol");
        if (partial is null)
        {
            return Results.Redirect("/signin");
        }

        var step = signIn.ConfirmEnrolment(partial.Value.Login, form["code"].ToString());
        if (step.Status != SignInStatus.SignedIn)
        {
            return await RefuseSecondStepAsync(context, logger, step, () =>
                HtmlPage.Render("Set up your authenticator", HtmlPage.Alert(Refusal) + "<p><a href=\"/signin/enrol\">Show a new secret and try again</a>.</p>", StatusCodes.Status401Unauthorized));
        }

        SignInLog.Enrolled(logger, step.Account!.Login);
        return await CompleteAsync(context, logger, step.Account.Login, step.Account.Roles, "local", partial.Value.Return);
    }

    private static async Task<IResult> RefuseSecondStepAsync(HttpContext context, ILogger logger, SignInStep step, Func<IResult> retry)
    {
        SignInLog.Refused(logger, step);
        if (step.Reason is RefusalReason.WrongCode or RefusalReason.ReplayedCode)
        {
            return retry();
        }

        // Locked (now), disabled or gone: the half-way cookie is worth nothing any more; start again from the name.
        await context.SignOutAsync(PartialScheme);
        return HtmlPage.Render("Sign in", HtmlPage.Alert(Refusal) + "<p><a href=\"/signin\">Sign in again</a>.</p>", StatusCodes.Status401Unauthorized);
    }

    private static async Task<(string Login, string Return)?> PartialAsync(HttpContext context, string stage)
    {
        var result = await context.AuthenticateAsync(PartialScheme);
        var principal = result.Succeeded ? result.Principal : null;
        return principal?.FindFirst(StageClaim)?.Value == stage && principal.FindFirst(LoginClaim)?.Value is { } login
            ? (login, principal.FindFirst(ReturnClaim)?.Value ?? "/account")
            : null;
    }

    private static IResult PasswordPage(HttpContext context, IAntiforgery antiforgery, IdentitySettings settings, string returnTo, string? message, int status)
    {
        var fields = $"<input type=\"hidden\" name=\"return\" value=\"{HtmlPage.Encode(returnTo)}\">\n"
            + HtmlPage.Field("login", "Name", "text", "username", " autofocus")
            + HtmlPage.Field("password", "Password", "password", "current-password", $" maxlength=\"{Accounts.Passwords.PasswordRules.MaximumLength}\"");
        var oidc = settings.Oidc is null ? string.Empty : "<p>Or <a href=\"/signin/oidc\">sign in with your organisation's account</a>.</p>\n";
        return HtmlPage.Render("Sign in", HtmlPage.Alert(message) + HtmlPage.Form(context, antiforgery, "/signin", fields, "Continue") + oidc, status);
    }

    private static IResult CodePage(HttpContext context, IAntiforgery antiforgery, string? message, int status) =>
        HtmlPage.Render("Enter your code", HtmlPage.Alert(message)
            + "<p>Type the 6-digit code your authenticator app shows for ResetTrail.</p>\n"
            + HtmlPage.Form(context, antiforgery, "/signin/code", CodeField(), "Sign in"), status);

    private static IResult EnrolPage(HttpContext context, IAntiforgery antiforgery, IdentitySettings settings, string login, TotpSecret secret)
    {
        var uri = OtpAuthUri.For(secret, settings.TotpIssuer, login);
        var grouped = string.Join(' ', secret.Base32Text.Chunk(4).Select(c => new string(c)));
        var body = "<p>This account has no authenticator yet. Add it to an authenticator app (any RFC 6238 TOTP app):</p>\n"
            + $"<p>Open this link on the phone: <a href=\"{HtmlPage.Encode(uri)}\">add ResetTrail to your authenticator</a></p>\n"
            + $"<p>or type this secret: <code>{HtmlPage.Encode(grouped)}</code></p>\n"
            + "<p>The secret is shown this once; reloading the page makes a new one. Then type the code the app shows.</p>\n"
            + HtmlPage.Form(context, antiforgery, "/signin/enrol", CodeField(), "Confirm and sign in");
        return HtmlPage.Render("Set up your authenticator", body);
    }

    private static string CodeField() =>
        HtmlPage.Field("code", "Code", "text", "one-time-code", " inputmode=\"numeric\" pattern=\"[0-9 ]{6,7}\" maxlength=\"7\" autofocus");
}
