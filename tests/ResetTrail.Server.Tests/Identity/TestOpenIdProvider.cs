using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using ResetTrail.Server.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ResetTrail.Server.Tests.Identity;

/// <summary>
/// A real OpenID provider for the tests: OpenIddict's server on a free loopback port, without a database (its degraded
/// mode, with the client and redirect checks written here). The authorization endpoint signs in <see cref="User"/>
/// without a login page; the token endpoint redeems codes (PKCE required) and runs the client-credentials grant for
/// <see cref="MachineName"/>. Access tokens are signed, not encrypted, as enterprise providers issue them.
/// </summary>
internal sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "resettrail";
    public const string ClientSecret = "test-client-secret-1234567890";

    private readonly WebApplication app;

    private TestOpenIdProvider(WebApplication app)
    {
        this.app = app;
        Issuer = new Uri(ServerHost.Addresses(app).Single() + "/");
    }

    public Uri Issuer { get; }

    /// <summary>The redirect URI the provider accepts (ResetTrail's callback, known once the server runs).</summary>
    public string? RedirectUri { get; set; }

    public (string Name, string[] Groups) User { get; set; } = ("olivia", ["rt-approvers", "staff"]);

    public string MachineName { get; set; } = "ci-pipeline";

    public string[] MachineGroups { get; set; } = ["rt-admins"];

    public string Audience { get; set; } = "resettrail-api";

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        TestOpenIdProvider? self = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            // ES256 signatures (published in its JWKS) and a symmetric key for its own codes: RSA key generation is slow here.
            options.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)))
                .AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))
                .DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri != self!.RedirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "unknown client or redirect URI");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "unknown client or wrong secret");
                }

                return default;
            }));
        });
        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var identity = Identity(self!.User.Name, self.User.Groups, self.Audience, Destinations.AccessToken, Destinations.IdentityToken);
            identity.SetScopes(request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            if (request.IsAuthorizationCodeGrantType())
            {
                var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                return Results.SignIn(redeemed.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            var machine = Identity(self!.MachineName, self.MachineGroups, self.Audience, Destinations.AccessToken);
            return Results.SignIn(new ClaimsPrincipal(machine), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        self = new TestOpenIdProvider(app);
        return self;
    }

    /// <summary>An access token from the client-credentials grant, as a pipeline would get one.</summary>
    public async Task<string> MachineTokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Issuer, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static ClaimsIdentity Identity(string name, string[] groups, string audience, params string[] destinations)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "sub-" + name).SetClaim(Claims.PreferredUsername, name).SetClaims("groups", [.. groups]);
        identity.SetResources(audience);
        identity.SetDestinations(_ => destinations);
        return identity;
    }
}
