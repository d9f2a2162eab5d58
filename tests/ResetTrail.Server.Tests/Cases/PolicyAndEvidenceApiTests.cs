using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ResetTrail.Bundles.Format;
using ResetTrail.Bundles.Verification;
using ResetTrail.Core.Access;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Server.Tests.Cases;

public sealed class PolicyAndEvidenceApiTests
{
    [Fact]
    public async Task Policy_check_names_line_and_column_and_publish_refuses_a_broken_file()
    {
        await using var server = await RunningServer.StartAsync();
        using var iam = server.ClientAs("ivy.iam", Role.IamAdmin);
        const string Broken = "version: \"1\"\nrules:\n  - id: x\n    match: any\n    alowed: false\n";

        var check = await (await iam.PostAsync("api/v1/policy/check", Yaml(Broken))).Content.ReadFromJsonAsync<JsonElement>();
        using var publish = await iam.PostAsync("api/v1/policy/publish", Yaml(Broken));
        using var asJson = await iam.PostAsync("api/v1/policy/check", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetProperty("line").GetInt32() == 5 && p.GetProperty("column").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        var problem = await publish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RT-3114", problem.GetProperty("code").GetString());
        Assert.NotEqual(0, problem.GetProperty("problems").GetArrayLength());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asJson.StatusCode);
    }

    [Fact]
    public async Task Explain_and_active_read_the_published_policy()
    {
        await using var server = await RunningServer.StartAsync();
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);

        var explained = await desk.PostAsJsonAsync("api/v1/policy/explain", new { target = new { directory = "okta", id = "sam@example.com" }, kind = "mfa_factor", channel = "phone" });
        var active = await desk.GetFromJsonAsync<JsonElement>("api/v1/policy/active");

        var decision = await explained.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        Assert.Equal("standard-factors", decision.GetProperty("rule").GetString());
        Assert.NotEqual(0, decision.GetProperty("explanations").GetArrayLength());
        Assert.Equal("2026-11-01", active.GetProperty("version").GetString());
    }

    [Fact]
    public async Task An_auditor_downloads_a_bundle_that_verifies_offline_and_the_proofs_of_its_entries()
    {
        await using var server = await RunningServer.StartAsync();
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using var auditor = server.ClientAs("audrey", Role.Auditor);
        (await desk.PostAsJsonAsync("api/v1/cases/", CaseApiTests.OpenBody("rc-bundle"))).EnsureSuccessStatusCode();
        (await desk.PostAsJsonAsync("api/v1/cases/rc-bundle/verify", new { method = "callback_on_record", result = "passed" })).EnsureSuccessStatusCode();
        (await desk.PostAsJsonAsync("api/v1/cases/rc-bundle/cancel", new { reason = "the caller hung up" })).EnsureSuccessStatusCode();

        using var download = await auditor.GetAsync("api/v1/evidence/cases/rc-bundle/bundle");
        var report = BundleVerifier.Verify(await download.Content.ReadAsByteArrayAsync(), VerifierKey.Parse(server.Database.Log.Verifier.ToString()).Value);
        var proof = await auditor.GetStringAsync("api/v1/evidence/proofs/inclusion?index=1");
        var verification = await auditor.GetFromJsonAsync<JsonElement>("api/v1/evidence/verification");
        var entries = await auditor.GetFromJsonAsync<JsonElement>("api/v1/evidence/entries?from=0&to=3");
        using var tooMany = await auditor.GetAsync("api/v1/evidence/entries?from=0&to=5000");

        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(report.IsValid, string.Join("; ", report.Failures));
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 1\n", proof, StringComparison.Ordinal);
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(3, entries.GetArrayLength());
        Assert.Equal("case.opened", entries[1].GetProperty("record").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Findings_reconcile_the_stored_events_against_the_cases()
    {
        await using var server = await RunningServer.StartAsync();
        using var analyst = server.ClientAs("sally.sec", Role.SecurityAnalyst);
        server.Database.Events.Store([new IdentityEvent
        {
            Source = "okta",
            SourceEventId = "evt-orphan",
            SourceEventType = "user.mfa.factor.reset_all",
            Time = server.Time.GetUtcNow() - TimeSpan.FromHours(2),
            Kind = ChangeKind.MfaFactorsResetAll,
            Target = new EventParty("00u1", "sam@example.com"),
            Actor = new EventParty("00u9", "helpdesk.bot@example.com"),
            ProductName = "Okta",
            VendorName = "Okta",
        }]);

        var all = await analyst.GetFromJsonAsync<JsonElement>("api/v1/findings");
        var code = all.GetProperty("findings")[0].GetProperty("code").GetString();
        var filtered = await analyst.GetFromJsonAsync<JsonElement>($"api/v1/findings?code={code}");
        var none = await analyst.GetFromJsonAsync<JsonElement>("api/v1/findings?owner=nobody");

        Assert.Equal(1, all.GetProperty("summary").GetProperty("credential_changes").GetInt64());
        Assert.Contains("sam@example.com", all.GetProperty("findings")[0].GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.Equal(all.GetProperty("findings").GetArrayLength(), filtered.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, none.GetProperty("findings").GetArrayLength());
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
