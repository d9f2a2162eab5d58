using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResetTrail.Core.Access;
using ResetTrail.Server.Authentication;

namespace ResetTrail.Server.Tests.Authentication;

/// <summary>Found API tokens are kept for a short while (ADR 0042); a revocation in this server ends that at once.</summary>
public sealed class ApiTokenCacheTests
{
    private static async Task<(string Id, HttpClient Client)> CreateAsync(RunningServer server, HttpClient admin, string name)
    {
        using var created = await admin.PostAsJsonAsync("api/v1/tokens/", new { name, roles = new[] { "auditor" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("secret").GetString());
        return (body.GetProperty("token").GetProperty("id").GetString()!, client);
    }

    [Fact]
    public async Task A_token_revoked_through_the_server_is_refused_on_its_next_request_though_it_was_just_used()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);
        var (id, bot) = await CreateAsync(server, admin, "bot");
        using var _ = bot;
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode); // now kept

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/tokens/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/tokens/")).StatusCode); // other tokens are read again and still work
    }

    [Fact]
    public async Task A_token_revoked_by_another_process_is_refused_once_the_kept_copy_is_older_than_the_lifetime()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);
        var (id, bot) = await CreateAsync(server, admin, "bot");
        using var _ = bot;
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode);

        // As 'resettrail token revoke' does from another process: straight to the file, not through this server.
        Assert.True(new Storage.Sqlite.Tokens.SqliteTokenStore(server.Database.Name).Revoke(id, "cli:ops", server.Time.GetUtcNow()));

        server.Time.Advance(ApiTokenCache.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode); // the documented window

        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_token_created_by_another_process_works_at_once_after_being_refused()
    {
        await using var server = await RunningServer.StartAsync();
        var secret = ResetTrail.Server.Tokens.ApiTokenSecret.Generate();
        using var bot = server.Anonymous();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode);

        var now = server.Time.GetUtcNow();
        Assert.True(new Storage.Sqlite.Tokens.SqliteTokenStore(server.Database.Name).Add(
            new Core.Access.StoredApiToken("tok-1", "bot", secret.Hash(), ["auditor"], "cli:ops", now, null, null, null), now));

        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("api/v1/evidence/checkpoint")).StatusCode);
    }
}
