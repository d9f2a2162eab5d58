using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Authorization;

/// <summary>
/// Every endpoint the server maps × every role, plus no credentials at all, over real HTTP with real tokens.
/// The table below is the expected access; an endpoint without a row fails, and so does a row without an endpoint.
/// </summary>
public sealed partial class EndpointAccessTests
{
    private static readonly Role[] Everyone = Enum.GetValues<Role>();
    private static readonly Role[] Readers = [.. Everyone.Except([Role.Administrator])];
    private static readonly Role[] Evidence = [Role.Auditor, Role.IamAdmin, Role.SecurityAnalyst];

    /// <summary>null: public by design (anonymous allowed). Otherwise: exactly the roles allowed.</summary>
    private static readonly Dictionary<string, Role[]?> Expected = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = null,
        ["GET /readyz"] = null,
        ["GET /openapi/{documentName}.json"] = null,
        ["GET /tlog/checkpoint"] = null,
        ["GET /tlog/tile/{**path}"] = null,
        ["GET /tlog/tile/entries/{**path}"] = Evidence,
        ["GET /metrics"] = [Role.Administrator, Role.Auditor],
        ["POST /api/v1/tokens/"] = [Role.Administrator],
        ["GET /api/v1/tokens/"] = [Role.Administrator],
        ["DELETE /api/v1/tokens/{id}"] = [Role.Administrator],
        ["POST /api/v1/cases/"] = [Role.DeskAgent],
        ["GET /api/v1/cases/"] = Readers,
        ["GET /api/v1/cases/{id}"] = Readers,
        ["POST /api/v1/cases/{id}/verify"] = [Role.DeskAgent, Role.Verifier],
        ["POST /api/v1/cases/{id}/approve"] = [Role.Approver],
        ["POST /api/v1/cases/{id}/deny"] = [Role.Approver],
        ["POST /api/v1/cases/{id}/execute"] = [Role.Executor],
        ["POST /api/v1/cases/{id}/link"] = [Role.Executor, Role.DeskAgent, Role.IamAdmin],
        ["POST /api/v1/cases/{id}/task"] = [Role.Executor, Role.DeskAgent, Role.IamAdmin],
        ["POST /api/v1/cases/{id}/review"] = [Role.SecurityAnalyst, Role.IamAdmin],
        ["POST /api/v1/cases/{id}/close"] = [Role.DeskAgent, Role.IamAdmin],
        ["POST /api/v1/cases/{id}/cancel"] = [Role.DeskAgent, Role.IamAdmin],
        ["POST /api/v1/cases/{id}/expire"] = [Role.DeskAgent, Role.IamAdmin],
        ["POST /api/v1/policy/check"] = Readers,
        ["POST /api/v1/policy/explain"] = Readers,
        ["POST /api/v1/policy/publish"] = [Role.IamAdmin],
        ["GET /api/v1/policy/active"] = Readers,
        ["GET /api/v1/evidence/checkpoint"] = Evidence,
        ["GET /api/v1/evidence/proofs/inclusion"] = Evidence,
        ["GET /api/v1/evidence/proofs/consistency"] = Evidence,
        ["GET /api/v1/evidence/entries"] = Evidence,
        ["GET /api/v1/evidence/cases/{id}/bundle"] = Evidence,
        ["GET /api/v1/evidence/verification"] = Evidence,
        ["GET /api/v1/findings"] = [Role.IamAdmin, Role.SecurityAnalyst, Role.Auditor],
        ["GET /hooks/okta"] = [],
        ["POST /hooks/okta"] = [],
        ["POST /hooks/events/{source}"] = [Role.IamAdmin],

        // The web UI's pages (GET; each page's POST handlers sit behind the same policy as its GET).
        ["GET "] = Readers,
        ["GET cases"] = Readers,
        ["GET cases/open"] = [Role.DeskAgent],
        ["GET cases/{id}"] = Readers,
        ["GET cases/{id}/verify"] = [Role.DeskAgent, Role.Verifier],
        ["GET cases/{id}/approve"] = [Role.Approver],
        ["GET cases/{id}/execute"] = [Role.Executor],
        ["GET cases/{id}/follow-up"] = [Role.Executor, Role.DeskAgent, Role.IamAdmin],
        ["GET cases/{id}/link"] = [Role.Executor, Role.DeskAgent, Role.IamAdmin],
        ["GET cases/{id}/review"] = [Role.SecurityAnalyst, Role.IamAdmin],
        ["GET cases/{id}/end"] = [Role.DeskAgent, Role.IamAdmin],
        ["GET approvals"] = [Role.Approver],
        ["GET findings"] = [Role.IamAdmin, Role.SecurityAnalyst, Role.Auditor],
        ["GET alerts"] = [Role.IamAdmin, Role.SecurityAnalyst, Role.Auditor],
        ["GET log"] = Evidence,
        ["GET evidence/{id}"] = Evidence,
        ["GET evidence/{id}/bundle"] = Evidence,
        // Sign-in pages (Identity/): public by design; their forms need an antiforgery token.
        ["GET /signin"] = null, ["POST /signin"] = null, ["GET /signin/code"] = null, ["POST /signin/code"] = null,
        ["GET /signin/enrol"] = null, ["POST /signin/enrol"] = null, ["GET /account"] = null, ["POST /signout"] = null,
        ["GET /setup"] = null, ["POST /setup"] = null,
        // The site icon's old address, redirected to the stylesheet's folder (public like the stylesheet).
        ["GET /favicon.ico"] = null,
    };

    /// <summary>
    /// Endpoints for machines that prove a shared secret instead of a role (anonymous to the role system): without
    /// the secret every caller is refused (401, or 404 while the channel is not configured), roles or not, except the
    /// roles in the table, whose API tokens are accepted too.
    /// </summary>
    private static readonly HashSet<string> SecretAuthenticated = new(StringComparer.Ordinal) { "GET /hooks/okta", "POST /hooks/okta", "POST /hooks/events/{source}" };

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_table_says()
    {
        await using var server = await RunningServer.StartAsync();
        var endpoints = Endpoints(server);
        var clients = Everyone.ToDictionary(r => r, r => server.ClientAs("access-" + r, r));
        using var anonymous = server.Anonymous();
        var failures = new List<string>();

        Assert.Empty(endpoints.Select(e => e.Key).Except(Expected.Keys).Select(k => $"no row in the access table for {k}"));
        Assert.Empty(Expected.Keys.Except(endpoints.Select(e => e.Key)).Select(k => $"the access table names {k}, which is not mapped"));
        foreach (var (key, endpoint) in endpoints)
        {
            var allowed = Expected[key];
            if (SecretAuthenticated.Contains(key))
            {
                Assert.True(HasExplicitAuthorization(endpoint, isPublic: true), $"{key} authenticates by a shared secret and must be AllowAnonymous to the role system");
                foreach (var (who, client) in clients.Select(c => (c.Key.ToString(), c.Value)).Append(("anonymous", anonymous)))
                {
                    var code = await Send(client, key, "application/json");
                    var mayPass = Enum.TryParse<Role>(who, out var role) && allowed!.Contains(role);
                    if (mayPass ? code is 401 or 403 : code is not (401 or 404))
                    {
                        failures.Add($"{key} as {who} without the secret: {code}");
                    }
                }

                continue;
            }

            Assert.True(HasExplicitAuthorization(endpoint, allowed is null), $"{key} must name a permission policy (or AllowAnonymous when public)");
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? types[0] : "application/json";
            var status = await Send(anonymous, key, contentType);
            if (allowed is null ? status is 401 or 403 : status != 401)
            {
                failures.Add($"{key} anonymous: {status}");
            }

            foreach (var role in Everyone)
            {
                status = await Send(clients[role], key, contentType);
                var ok = allowed is null || allowed.Contains(role) ? status is not (401 or 403) : status == 403;
                if (!ok)
                {
                    failures.Add($"{key} as {role}: {status}");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Empty(failures);
    }

    private static List<KeyValuePair<string, RouteEndpoint>> Endpoints(RunningServer server) =>
        [.. server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new KeyValuePair<string, RouteEndpoint>($"{m} {e.RoutePattern.RawText}", e)))];

    private static bool HasExplicitAuthorization(RouteEndpoint endpoint, bool isPublic) => isPublic
        ? endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null);

    /// <summary>Sends a body of the type the endpoint accepts: routing answers a wrong type with 415 before authorization runs.</summary>
    private static async Task<int> Send(HttpClient client, string key, string contentType)
    {
        var split = key.IndexOf(' ', StringComparison.Ordinal);
        var path = Parameter().Replace(key[(split + 1)..], match => Sample(match.Groups[1].Value));
        using var request = new HttpRequestMessage(new HttpMethod(key[..split]), path.TrimStart('/'));
        if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            request.Content = new StringContent(contentType == "application/json" ? "{}" : "version: x", Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Sample(string parameter) => parameter.TrimStart('*').Split(':')[0] switch
    {
        "index" or "size" or "from" or "to" or "level" => "0",
        _ => "x",
    };

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameter();
}
