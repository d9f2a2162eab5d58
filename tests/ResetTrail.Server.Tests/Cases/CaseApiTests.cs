using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Cases;

/// <summary>The reset path over HTTP, each step by the person whose token makes the call, as the desk would run it.</summary>
public sealed class CaseApiTests
{
    [Fact]
    public async Task A_case_runs_from_ticket_to_closed_with_each_step_recorded_under_the_callers_name()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using var approver = server.ClientAs("lee.lead", Role.Approver);
        using var executor = server.ClientAs("eve.exec", Role.Executor);
        await Publish(server);

        var opened = await Ok(await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-api-1")), HttpStatusCode.Created);
        Assert.Equal("opened", opened.GetProperty("state").GetString());
        await Ok(await desk.PostAsJsonAsync("api/v1/cases/rc-api-1/verify", new { method = "callback_on_record", result = "passed" }));
        var shown = await Ok(await approver.GetAsync("api/v1/cases/rc-api-1"));
        var digest = shown.GetProperty("approval_digest").GetString();
        await Ok(await approver.PostAsJsonAsync("api/v1/cases/rc-api-1/approve", new { authority = "service_desk_lead", digest }));
        await Ok(await executor.PostAsJsonAsync("api/v1/cases/rc-api-1/execute", new { idp_event = "okta:evt-1" }));
        foreach (var task in new[] { "revoke_sessions", "reenrol_factors", "notify_user", "notify_manager", "follow_up" })
        {
            await Ok(await executor.PostAsJsonAsync("api/v1/cases/rc-api-1/task", new { task }));
        }

        var closed = await Ok(await desk.PostAsJsonAsync("api/v1/cases/rc-api-1/close", new { note = "done" }));

        Assert.Equal("closed", closed.GetProperty("state").GetString());
        var actors = closed.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("actor").GetString()).ToList();
        Assert.Equal(["dana.desk", "dana.desk", "lee.lead", "eve.exec", "eve.exec", "eve.exec", "eve.exec", "eve.exec", "eve.exec", "dana.desk"], actors);
        Assert.Equal(10, closed.GetProperty("entries").GetArrayLength());
        var listed = await Ok(await desk.GetAsync("api/v1/cases/?state=closed"));
        Assert.Equal("rc-api-1", listed.EnumerateArray().Single().GetProperty("case").GetString());
    }

    [Fact]
    public async Task An_approver_cannot_approve_their_own_request()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using var requesterWhoApproves = server.ClientAs("rita.requester", Role.Approver);
        await Publish(server);
        await Ok(await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-self", requester: "rita.requester")), HttpStatusCode.Created);
        await Ok(await desk.PostAsJsonAsync("api/v1/cases/rc-self/verify", new { method = "callback_on_record", result = "passed" }));
        var digest = (await Ok(await desk.GetAsync("api/v1/cases/rc-self"))).GetProperty("approval_digest").GetString();

        using var refused = await requesterWhoApproves.PostAsJsonAsync("api/v1/cases/rc-self/approve", new { authority = "service_desk_lead", digest });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RT-2101", problem.GetProperty("code").GetString());
        Assert.Contains("rita.requester", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", (await Ok(await desk.GetAsync("api/v1/cases/rc-self"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Whoever_verified_cannot_approve_even_holding_both_roles()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using var both = server.ClientAs("vic.both", Role.Verifier, Role.Approver);
        await Publish(server);
        await Ok(await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-both")), HttpStatusCode.Created);
        await Ok(await both.PostAsJsonAsync("api/v1/cases/rc-both/verify", new { method = "callback_on_record", result = "passed" }));
        var digest = (await Ok(await both.GetAsync("api/v1/cases/rc-both"))).GetProperty("approval_digest").GetString();

        using var refused = await both.PostAsJsonAsync("api/v1/cases/rc-both/approve", new { authority = "service_desk_lead", digest });

        Assert.Equal("RT-2101", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_step_body_that_names_the_actor_is_refused_and_records_nothing()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        await Publish(server);
        await Ok(await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-actor")), HttpStatusCode.Created);
        var before = server.Database.Log.LatestCheckpoint().Size;

        using var refused = await desk.PostAsJsonAsync("api/v1/cases/rc-actor/verify", new { method = "callback_on_record", result = "passed", verifier = "someone.else" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("RT-3107", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, server.Database.Log.LatestCheckpoint().Size);
    }

    [Fact]
    public async Task Refusals_carry_the_workflow_code_and_name_the_field()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);

        using var noPolicy = await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-x"));
        await Publish(server);
        using var badKind = await desk.PostAsJsonAsync("api/v1/cases/", OpenBody("rc-x", kind: "everything"));
        using var missing = await desk.GetAsync("api/v1/cases/rc-none");
        using var wrongState = await desk.PostAsJsonAsync("api/v1/cases/rc-none/close", new { note = "x" });

        Assert.Equal("RT-3113", await Code(noPolicy));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("kind: 'everything' is not one of", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("RT-2002", await Code(missing));
        Assert.Equal("RT-2002", await Code(wrongState));
    }

    internal static async Task Publish(RunningServer server)
    {
        using var iam = server.ClientAs("ivy.iam", Role.IamAdmin);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "policies", "sample-policy.yaml"));
        using var published = await iam.PostAsync("api/v1/policy/publish", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
    }

    internal static object OpenBody(string id, string requester = "sam.user", string kind = "mfa_factor") => new
    {
        case_id = id,
        ticket = new { system = "servicenow", key = "INC0012345" },
        target = new { directory = "okta", id = "sam.user@example.com", display_name = "Sam User" },
        kind,
        channel = "phone",
        initiator = new { type = "internal" },
        requester,
    };

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ResetTrail.slnx not found above the test binaries");
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
