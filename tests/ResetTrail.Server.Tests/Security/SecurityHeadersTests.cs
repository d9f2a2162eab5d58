using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Security;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("healthz")]
    [InlineData("api/v1/tokens/")]
    [InlineData("no/such/page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Anonymous();

        using var response = await client.GetAsync(path);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("api/v1/tokens/", null, 401, "RT-3101")]
    [InlineData("api/v1/tokens/", Role.Auditor, 403, "RT-3102")]
    [InlineData("api/v1/nothing-here", Role.Administrator, 404, "RT-3103")]
    public async Task Refusals_are_problem_details_with_a_stable_code(string path, Role? role, int status, string code)
    {
        await using var server = await RunningServer.StartAsync();
        using var client = role is { } r ? server.ClientAs("someone", r) : server.Anonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("urn:resettrail:error:" + code, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var server = await RunningServer.StartAsync(s => s with { Limits = s.Limits with { MaxRequestBodyBytes = 2048 } });
        using var admin = server.ClientAs("admin", Role.Administrator);
        var json = $"{{\"name\":\"{new string('n', 4096)}\",\"roles\":[\"auditor\"]}}";

        using var response = await admin.PostAsync("api/v1/tokens/", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RT-3105", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_that_names_the_actor_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        using var admin = server.ClientAs("admin", Role.Administrator);

        using var response = await admin.PostAsJsonAsync("api/v1/tokens/", new { name = "bot", roles = new[] { "auditor" }, actor = "someone-else" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RT-3107", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(server.Database.Tokens.List(), t => t.Name == "bot");
    }
}
