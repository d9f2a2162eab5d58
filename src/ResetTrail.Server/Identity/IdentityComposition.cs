using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.Passwords;
using ResetTrail.Accounts.SignIn;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Identity.Local;
using ResetTrail.Server.Identity.Oidc;
using ResetTrail.Server.Identity.Pages;
using ResetTrail.Server.Identity.Setup;

namespace ResetTrail.Server.Identity;

/// <summary>
/// Sign-in for people: local accounts (password, then TOTP), the first-administrator setup page, and OpenID Connect
/// when configured. docs/design/sign-in.md describes the flows; ADR 0012 the choices.
/// </summary>
public static class IdentityComposition
{
    public const string SignInRateLimit = "signin";

    public static IServiceCollection AddResetTrailIdentity(this IServiceCollection services, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var identity = settings.Identity;
        services.AddSingleton(identity);
        services.AddSingleton(provider =>
        {
            var opened = provider.GetRequiredService<ServerDatabase>().OpenAccounts(provider.GetRequiredService<TimeProvider>());
            return opened.IsSuccess ? opened.Value : throw new InvalidOperationException($"local accounts: {opened.Error}");
        });
        services.AddSingleton(new PasswordHasher());
        services.AddSingleton(new LockoutOptions());
        services.AddSingleton<LocalSignIn>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton(provider => SetupToken.Create(needed: !provider.GetRequiredService<AccountAdministration>().AnyEnabledAdministrator()));

        services.AddAntiforgery(options =>
        {
            options.FormFieldName = HtmlPage.CsrfField;
            options.Cookie.Name = "resettrail.csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication().AddCookie(LocalSignInEndpoints.PartialScheme, options =>
        {
            options.Cookie.Name = "resettrail.signin";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            options.SlidingExpiration = false;
        });
        // A browser asking for a page is sent to the sign-in form; everything else (the API, tiles, metrics, scripts)
        // keeps the server's own 401.
        services.PostConfigure<CookieAuthenticationOptions>(ResetTrailSchemes.Cookie, options =>
        {
            options.LoginPath = "/signin";
            var plainAnswer = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context => WantsPage(context.Request) ? RedirectToSignIn(context) : plainAnswer(context);
        });
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = identity.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        // OpenIddict logs whole protocol messages (codes, tokens) at Information: keep it to warnings and errors.
        services.AddLogging(logging => logging.AddFilter("OpenIddict", LogLevel.Warning).AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
        if (identity.Oidc is { } oidc)
        {
            var servesHttp = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
            services.AddResetTrailOidc(oidc, servesHttp);
        }

        return services;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Open the accounts now: a bad secrets key file stops the start-up with its fix, not the first sign-in.
        _ = app.Services.GetRequiredService<IAccountStore>();
        app.MapLocalSignIn();
        app.MapAccountPages();
        app.MapSetupPage();
        if (app.Services.GetService<OidcSettings>() is not null)
        {
            app.MapOidcSignIn();
        }

        var token = app.Services.GetRequiredService<SetupToken>();
        app.Lifetime.ApplicationStarted.Register(() =>
            AnnounceSetup(token, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [], Console.Out));
        return app;
    }

    /// <summary>Prints the setup link and token to the console (standard output, never the log), once.</summary>
    internal static void AnnounceSetup(SetupToken token, IEnumerable<string> addresses, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(console);
        if (token.Reveal() is not { } secret)
        {
            return;
        }

        var address = addresses.FirstOrDefault() ?? "http://HOST:PORT";
        console.WriteLine($"No administrator exists yet. Open {address}/setup and give this one-time setup token: {secret}");
        console.WriteLine("(or create one with: resettrail account create-admin --db FILE --login NAME)");
    }

    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments(ServerComposition.ApiPrefix, StringComparison.Ordinal)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectToSignIn(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
