using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Core;
using ResetTrail.Server.Authentication;

namespace ResetTrail.Server.Authorization;

internal static class AuthorizationComposition
{
    /// <summary>
    /// A policy per permission, and a fallback that requires a signed-in user: an endpoint mapped without a policy
    /// is still closed to anonymous callers. The public-by-design resources opt out explicitly (AllowAnonymous).
    /// </summary>
    public static IServiceCollection AddResetTrailAuthorization(this IServiceCollection services) => services.AddAuthorization(options =>
    {
        foreach (var (name, roles) in Permissions.Grants)
        {
            options.AddPolicy(name, policy => policy
                .AddAuthenticationSchemes(ResetTrailSchemes.Default)
                .RequireAuthenticatedUser()
                .RequireClaim(ResetTrailClaims.Role, roles.Select(r => WireName.Of(r))));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder(ResetTrailSchemes.Default).RequireAuthenticatedUser().Build();
    });
}
