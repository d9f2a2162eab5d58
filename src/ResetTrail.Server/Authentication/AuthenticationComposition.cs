using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ResetTrail.Server.Authentication;

internal static class AuthenticationComposition
{
    /// <summary>
    /// The policy scheme <see cref="ResetTrailSchemes.Default"/> forwards API tokens to their handler and every
    /// other request to the cookie scheme. The cookie is registered here so the forward always lands; the sign-in
    /// that issues it (local accounts, OpenID Connect) is added by the Identity feature. Until a sign-in page
    /// exists, the cookie answers 401/403 instead of redirecting.
    /// </summary>
    public static IServiceCollection AddResetTrailAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokenCache>();
        services.AddAuthentication(ResetTrailSchemes.Default)
            .AddPolicyScheme(ResetTrailSchemes.Default, "ResetTrail", options =>
                options.ForwardDefaultSelector = context => ApiTokenHandler.CarriesApiToken(context.Request) ? ResetTrailSchemes.ApiToken : ResetTrailSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ResetTrailSchemes.ApiToken, displayName: "API token", _ => { })
            .AddCookie(ResetTrailSchemes.Cookie, options =>
            {
                options.Cookie.Name = "resettrail";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden),
                };
            });
        return services;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
