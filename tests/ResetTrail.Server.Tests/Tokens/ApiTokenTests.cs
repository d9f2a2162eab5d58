using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Tokens;

public sealed class ApiTokenTests
{
    [Fact]
    public async Task A_created_token_is_shown_once_stored_as_its_sha256_and_works_until_revoked()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);

        using var created = await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "deploy-bot", roles = new[] { "auditor" }, expires_in = "90d" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetString()!;
        Assert.Matches("^rt_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("2027-02-25T09:00:00.000Z", body.GetProperty("token").GetProperty("expires_at").GetString());

        var stored = server.Database.Tokens.List().Single(t => t.Id == id);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), stored.Hash);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("api/v1/tokens/"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(server.Database.Name, Encoding.Latin1), StringComparison.Ordinal);

        using var bot = server.Anonymous();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.GetAsync("api/v1/tokens/")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("api/v1/tokens/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"api/v1/tokens/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);
        using var created = await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "short", roles = new[] { "administrator" }, expires_in = "1h" });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var shortLived = server.Anonymous();
        shortLived.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await shortLived.GetAsync("api/v1/tokens/")).StatusCode);

        server.Time.Advance(TimeSpan.FromMinutes(61));

        using var refused = await shortLived.GetAsync("api/v1/tokens/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer realm=\"resettrail\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("""{"name":"x","roles":["root"]}""", "'root' is not a role")]
    [InlineData("""{"name":"x","roles":[]}""", "at least one of")]
    [InlineData("""{"name":"","roles":["auditor"]}""", "name:")]
    [InlineData("""{"name":"x","roles":["auditor"],"expires_in":"forever"}""", "expires_in:")]
    public async Task A_bad_token_request_names_the_field_to_fix(string json, string message)
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);

        using var response = await admin.PostAsync("api/v1/tokens/", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RT-3104", problem.GetProperty("code").GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_active_tokens_cannot_share_a_name()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);
        await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "bot", roles = new[] { "auditor" } });

        using var second = await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "bot", roles = new[] { "auditor" } });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("RT-3109", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task No_token_reaches_the_server_log_whether_it_works_or_not()
    {
        await using var server = await RunningServer.StartAsync();
        var working = server.TokenFor("ops", Role.Administrator);
        using var admin = server.Anonymous();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", working);
        using var created = await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "made", roles = new[] { "auditor" } });
        var made = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var forged = "rt_" + new string('A', 43);
        using var stranger = server.Anonymous();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await stranger.GetAsync("api/v1/tokens/");
        await admin.GetAsync("api/v1/tokens/");

        var log = server.Log.Text;
        Assert.Contains("API token refused: unknown", log, StringComparison.Ordinal);
        Assert.Contains("created by ops", log, StringComparison.Ordinal);
        Assert.DoesNotContain(working[3..], log, StringComparison.Ordinal);
        Assert.DoesNotContain(made[3..], log, StringComparison.Ordinal);
        Assert.DoesNotContain(forged[3..], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_endpoints_are_rate_limited_per_caller()
    {
        await using var server = await RunningServer.StartAsync(s => s with { Limits = s.Limits with { TokenRequestsPerMinute = 3 } });
        using var admin = server.ClientAs("admin", Role.Administrator);
        using var other = server.ClientAs("other-admin", Role.Administrator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await admin.GetAsync("api/v1/tokens/")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var limited = await admin.GetAsync("api/v1/tokens/");
        Assert.Equal("RT-3106", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("api/v1/tokens/")).StatusCode);
    }
}
