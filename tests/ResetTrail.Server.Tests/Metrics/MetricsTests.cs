using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using ResetTrail.Core.Access;
using ResetTrail.Server.Tests.Cases;

namespace ResetTrail.Server.Tests.Metrics;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_count_requests_by_route_template_and_report_the_log()
    {
        await using var server = await RunningServer.StartAsync();
        await CaseApiTests.Publish(server);
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        using var scraper = server.ClientAs("prometheus", Role.Auditor);
        (await desk.PostAsJsonAsync("api/v1/cases/", CaseApiTests.OpenBody("rc-metrics-secret-id"))).EnsureSuccessStatusCode();
        await desk.GetAsync("api/v1/cases/rc-metrics-secret-id");
        await desk.GetAsync("api/v1/cases/rc-metrics-secret-id");

        using var response = await scraper.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_route=\"/api/v1/cases/{id}\",http_response_status_code=\"200\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/cases/\",http_response_status_code=\"201\"", text, StringComparison.Ordinal);
        Assert.Contains($"resettrail_log_entries {server.Database.Log.LatestCheckpoint().Size}\n", text, StringComparison.Ordinal);
        Assert.Contains("resettrail_evidence_appends_total 2\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rc-metrics-secret-id", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_step_taken_on_the_pages_counts_as_an_evidence_append_like_the_apis()
    {
        await using var server = await RunningServer.StartAsync();
        await CaseApiTests.Publish(server);
        var metrics = server.Services.GetRequiredService<ResetTrail.Server.Metrics.RequestMetrics>();
        var desk = server.Services.GetRequiredService<ResetTrail.Server.Pages.CaseDesk>();
        var before = metrics.EvidenceAppends;
        var body = new ResetTrail.Server.Cases.OpenCaseBody("rc-page-step", new("servicenow", "INC0012399", null),
            new("okta", "sam.user@example.com", "Sam User", null, null, null), "mfa_factor", "phone", new("internal", null), "sam.user");
        var request = ResetTrail.Server.Cases.CaseOpening.Read(body, "unused", "dana.desk");
        Assert.True(request.IsSuccess, request.Error?.ToString());

        var opened = desk.Open(request.Value);

        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        Assert.Equal(before + 1, metrics.EvidenceAppends);
    }
}
