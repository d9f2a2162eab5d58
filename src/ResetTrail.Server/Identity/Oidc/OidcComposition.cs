using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ResetTrail.Server.Identity.Oidc;

internal static class OidcComposition
{
    /// <summary>
    /// OpenIddict's client (authorization-code flow with PKCE for the UI) and validation (the provider's JWTs on the API).
    /// The client keeps no token store: it needs the tokens only to sign the person in. Its state is protected with
    /// per-process keys, so a sign-in in flight across a restart fails and is simply started again.
    /// </summary>
    public static IServiceCollection AddResetTrailOidc(this IServiceCollection services, OidcSettings oidc, bool servesHttp)
    {
        services.AddSingleton(oidc);
        services.AddOpenIddict()
            .AddClient(options =>
            {
                options.AllowAuthorizationCodeFlow();
                // The client's keys protect only its own state between the redirect and the callback, so they are
                // symmetric and per process (ephemeral RSA keys cost seconds to generate on a small machine).
                options.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))
                    .AddSigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                options.DisableTokenStorage();
                options.SetRedirectionEndpointUris(OidcEndpoints.CallbackPath);
                var aspNet = options.UseAspNetCore().EnableRedirectionEndpointPassthrough();
                if (servesHttp)
                {
                    // The server listens on plain http (loopback installs, TLS ended by a proxy): without this OpenIddict
                    // refuses to start a sign-in from a non-HTTPS page.
                    aspNet.DisableTransportSecurityRequirement();
                }

                options.UseSystemNetHttp();
                var registration = new OpenIddictClientRegistration
                {
                    Issuer = oidc.Issuer,
                    ClientId = oidc.ClientId,
                    ClientSecret = oidc.ClientSecret,
                    RedirectUri = new Uri(OidcEndpoints.CallbackPath, UriKind.Relative),
                };
                registration.Scopes.Add(Scopes.OpenId);
                foreach (var scope in oidc.Scopes.Where(s => s != Scopes.OpenId))
                {
                    registration.Scopes.Add(scope);
                }

                options.AddRegistration(registration);
            })
            .AddValidation(options =>
            {
                options.SetIssuer(oidc.Issuer);
                options.AddAudiences(oidc.Audience);
                options.UseSystemNetHttp();
                options.UseAspNetCore();
            });

        // The correlation cookie comes back on the provider's top-level redirect: Lax is enough and works over http.
        services.Configure<OpenIddictClientAspNetCoreOptions>(options =>
        {
            options.CookieBuilder.Name = "resettrail.oidc";
            options.CookieBuilder.SameSite = SameSiteMode.Lax;
            options.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, OidcBearerHandler>(OidcBearerHandler.SchemeName, "OpenID Connect bearer", _ => { });
        services.PostConfigure<PolicySchemeOptions>(Authentication.ResetTrailSchemes.Default, options =>
        {
            var inner = options.ForwardDefaultSelector;
            options.ForwardDefaultSelector = context => OidcBearerHandler.CarriesProviderToken(context.Request) ? OidcBearerHandler.SchemeName : inner?.Invoke(context);
        });
        return services;
    }
}
