using System.Net;
using System.Net.Http.Headers;
using ResetTrail.Server.Identity;

namespace ResetTrail.Server.Tests.Identity;

/// <summary>
/// OpenID Connect against a real provider (OpenIddict's server) on loopback: the authorization-code flow with PKCE
/// through a cookie-keeping client that follows redirects, and the provider's access tokens as API bearer tokens.
/// </summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task The_code_flow_signs_in_with_the_roles_the_map_gives()
    {
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var server = await StartServerAsync(provider);
        using var browser = new Browser(server.Address, followRedirects: true);

        var (status, body, _) = await browser.GetAsync("/signin/oidc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<strong id=\"name\">olivia</strong>", body, StringComparison.Ordinal);
        Assert.Contains("<span id=\"roles\">approver</span>", body, StringComparison.Ordinal);
        Assert.Contains("Signed in: olivia (oidc)", server.Log.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/tokens/")).Status);
    }

    [Fact]
    public async Task A_person_whose_groups_map_to_no_role_is_refused()
    {
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var server = await StartServerAsync(provider);
        provider.User = ("mallory", ["staff"]);
        using var browser = new Browser(server.Address, followRedirects: true);

        var (status, _, _) = await browser.GetAsync("/signin/oidc");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("no 'groups' value maps to a role for mallory", server.Log.Text, StringComparison.Ordinal);
        Assert.Contains("Not signed in", (await browser.GetAsync("/account")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_providers_access_token_is_a_bearer_on_the_api_with_the_mapped_roles()
    {
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var server = await StartServerAsync(provider);
        var adminToken = await provider.MachineTokenAsync();
        provider.MachineGroups = ["rt-approvers"];
        var approverToken = await provider.MachineTokenAsync();

        Assert.Equal(HttpStatusCode.OK, await GetTokensAsync(server, adminToken));
        Assert.Equal(HttpStatusCode.Forbidden, await GetTokensAsync(server, approverToken));
        Assert.DoesNotContain(adminToken, server.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_from_another_issuer_for_another_audience_or_expired_are_refused()
    {
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var stranger = await TestOpenIdProvider.StartAsync();
        await using var server = await StartServerAsync(provider);
        var foreign = await stranger.MachineTokenAsync();
        provider.Audience = "another-api";
        var otherAudience = await provider.MachineTokenAsync();
        provider.Audience = "resettrail-api";
        var good = await provider.MachineTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await GetTokensAsync(server, foreign));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetTokensAsync(server, otherAudience));
        Assert.Equal(HttpStatusCode.OK, await GetTokensAsync(server, good));
        server.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetTokensAsync(server, good));
        Assert.Contains("Bearer token from the OpenID provider refused", server.Log.Text, StringComparison.Ordinal);
    }

    private static async Task<RunningServer> StartServerAsync(TestOpenIdProvider provider)
    {
        var server = await RunningServer.StartAsync(settings => settings with
        {
            Identity = new IdentitySettings
            {
                Oidc = new OidcSettings
                {
                    Issuer = provider.Issuer,
                    ClientId = TestOpenIdProvider.ClientId,
                    ClientSecret = TestOpenIdProvider.ClientSecret,
                    Audience = "resettrail-api",
                    RoleClaim = "groups",
                    RoleMap = new Dictionary<string, IReadOnlyList<string>> { ["rt-approvers"] = ["approver"], ["rt-admins"] = ["administrator", "auditor"] },
                    AllowHttpIssuer = true,
                },
            },
        });
        // The provider signs with the real clock; the server's validation reads its own (fake) clock: start them together.
        server.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
        provider.RedirectUri = new Uri(server.Address, "signin-oidc").ToString();
        return server;
    }

    private static async Task<HttpStatusCode> GetTokensAsync(RunningServer server, string bearer)
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await client.GetAsync("api/v1/tokens/");
        return response.StatusCode;
    }
}
