using ResetTrail.Core.Workflow;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Findings;

/// <summary>
/// /api/v1/findings: the identity-provider events stored in the database ('resettrail ingest') reconciled against
/// its cases, as 'resettrail reconcile --db' does, filtered by code, severity and owner. Computed per request over the cached fold of every case (CaseSnapshot).
/// </summary>
internal static class FindingEndpoints
{
    public static RouteGroupBuilder MapFindingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/findings", Reconcile).WithTags("Findings").RequireAuthorization(Permissions.ReadFindings).WithName("Findings")
            .WithSummary("Reconcile the stored identity-provider events against the cases; filter by ?code=, ?severity=, ?owner=");
        return api;
    }

    private static Ok<JsonObject> Reconcile(ServerDatabase database, Cases.CaseSnapshot cases, TimeProvider time, string? code, string? severity, string? owner)
    {
        var reconciler = new Reconciler(cases.Current(), [], EvidentPersonMatcher.Instance, new ReconcileOptions(), time.GetUtcNow());
        var findings = reconciler.Reconcile(database.Events.ReadAll())
            .Where(f => (code is null || f.Code == code) && (severity is null || f.Severity == severity) && (owner is null || f.Owner == owner))
            .ToList();
        var summary = reconciler.Summary;
        return TypedResults.Ok(new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["events_read"] = summary.EventsRead,
                ["credential_changes"] = summary.CredentialChanges,
                ["matched_to_case"] = summary.MatchedToCase,
                ["with_complete_evidence"] = summary.WithCompleteEvidence,
                ["by_code"] = new JsonObject([.. summary.ByCode.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
                ["by_owner"] = new JsonObject([.. summary.ByOwner.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
            },
            ["findings"] = System.Text.Json.JsonSerializer.SerializeToNode(findings, FindingJson.Options),
        });
    }
}

internal static class FindingJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
}
