using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Metrics;

/// <summary>
/// /metrics in the Prometheus text exposition format (0.0.4). Not public: request counts per route reveal how the
/// desk works; a scraper sends an API token with the auditor or administrator role.
/// </summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", Scrape).RequireAuthorization(Permissions.ReadMetrics).WithTags("Metrics").WithName("Metrics")
            .WithSummary("Prometheus text exposition: request durations by route and status, log size, appends");
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Scrape(RequestMetrics metrics, ServerDatabase database)
    {
        var text = new StringBuilder();
        metrics.WriteTo(text);
        var checkpoint = database.Log.LatestCheckpoint();
        text.Append("# HELP resettrail_log_entries Entries in the evidence log at its latest checkpoint.\n");
        text.Append("# TYPE resettrail_log_entries gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"resettrail_log_entries {checkpoint.Size}\n");
        text.Append("# HELP resettrail_log_checkpoint_timestamp_seconds When the latest checkpoint was signed (Unix time).\n");
        text.Append("# TYPE resettrail_log_checkpoint_timestamp_seconds gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"resettrail_log_checkpoint_timestamp_seconds {checkpoint.SignedAt.ToUnixTimeSeconds()}\n");
        text.Append("# HELP resettrail_evidence_appends_total Evidence entries this server process appended (case steps, policy versions).\n");
        text.Append("# TYPE resettrail_evidence_appends_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"resettrail_evidence_appends_total {metrics.EvidenceAppends}\n");
        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }
}
