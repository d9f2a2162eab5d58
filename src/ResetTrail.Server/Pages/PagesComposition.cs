using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ResetTrail.Server.Pages;

/// <summary>
/// The web UI: server-rendered Razor Pages (no client framework, no inline script or style, so the strict
/// Content-Security-Policy holds) and the embedded stylesheet. Every page names a permission policy; every form
/// carries an antiforgery token, which Razor Pages validate on each POST.
/// </summary>
public static class PagesComposition
{
    public const string StaticPrefix = "/static";

    public static IServiceCollection AddResetTrailPages(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "resettrail.csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__csrf";
        });
        services.AddSingleton<CaseDesk>();
        services.AddSingleton<FindingsView>();
        return services;
    }

    /// <summary>The stylesheet, served before authentication so a sign-in page is styled too; it holds nothing secret.</summary>
    public static IApplicationBuilder UseResetTrailStaticAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new EmbeddedFileProvider(typeof(PagesComposition).Assembly, "ResetTrail.Server.wwwroot"),
        RequestPath = StaticPrefix,
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
    });

    public static WebApplication MapResetTrailPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        // Browsers ask for /favicon.ico on pages that name no icon (an empty 403, say): send them to the served one.
        app.MapGet("/favicon.ico", () => Results.Redirect(StaticPrefix + "/favicon.svg")).AllowAnonymous().WithTags("Web UI");
        return app;
    }
}
