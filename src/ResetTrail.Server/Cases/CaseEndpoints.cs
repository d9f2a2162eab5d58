using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Metrics;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Cases;

/// <summary>
/// /api/v1/cases: the reset workflow over HTTP, through the same <see cref="CaseCommands"/> and store as the
/// command line. The actor of every step is the authenticated name; the workflow's rules (separation of duties,
/// digests, approvals) run on it inside the store's transaction.
/// </summary>
internal static partial class CaseEndpoints
{
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", Open).RequireAuthorization(Permissions.OpenCase).WithName("OpenCase").WithSummary("Open a case from a ticket; the active policy decides what it requires");
        cases.MapGet("/", List).RequireAuthorization(Permissions.ReadCases).WithName("ListCases").WithSummary("Cases, newest first");
        cases.MapGet("/{id}", Show).RequireAuthorization(Permissions.ReadCases).WithName("ShowCase").WithSummary("A case with its steps, evidence entries and next step");
        cases.MapPost("/{id}/verify", Verify).RequireAuthorization(Permissions.VerifyCase).WithName("VerifyCase");
        cases.MapPost("/{id}/approve", Approve).RequireAuthorization(Permissions.ApproveCase).WithName("ApproveCase");
        cases.MapPost("/{id}/deny", Deny).RequireAuthorization(Permissions.ApproveCase).WithName("DenyCase");
        cases.MapPost("/{id}/execute", Execute).RequireAuthorization(Permissions.ExecuteCase).WithName("ExecuteCase");
        cases.MapPost("/{id}/link", Link).RequireAuthorization(Permissions.FollowUpCase).WithName("LinkIdpEvent");
        cases.MapPost("/{id}/task", CompleteTask).RequireAuthorization(Permissions.FollowUpCase).WithName("CompleteTask");
        cases.MapPost("/{id}/review", Review).RequireAuthorization(Permissions.ReviewCase).WithName("ReviewEmergency");
        cases.MapPost("/{id}/close", Close).RequireAuthorization(Permissions.EndCase).WithName("CloseCase");
        cases.MapPost("/{id}/cancel", Cancel).RequireAuthorization(Permissions.EndCase).WithName("CancelCase");
        cases.MapPost("/{id}/expire", Expire).RequireAuthorization(Permissions.EndCase).WithName("ExpireCase");
        return api;
    }

    private static Results<Created<JsonObject>, ProblemHttpResult> Open(OpenCaseBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps)
    {
        var request = CaseOpening.Read(body, CaseIds.New(), user.Actor());
        if (!request.IsSuccess)
        {
            return Problem.For(request.Error);
        }

        var now = time.GetUtcNow();
        var opened = request.Value;
        var receipt = database.Cases.Apply(opened.CaseId, current =>
        {
            // The policy and the failure count are read inside the step's transaction: the ones in force when it commits.
            if (PublishedPolicies.Active(database.Cases) is not { } policy)
            {
                return HttpErrors.NoPolicy();
            }

            var failures = database.Cases.FailedVerificationsSince(opened.Target, now - TimeSpan.FromDays(30));
            return CaseCommands.Open(opened with { RecentFailedVerifications = failures }, policy, now);
        });
        if (!receipt.IsSuccess)
        {
            return Problem.For(receipt.Error);
        }

        metrics.CountAppend();
        steps.Committed();
        return TypedResults.Created($"/api/v1/cases/{opened.CaseId}", View(database, receipt.Value, now));
    }

    private static Results<Ok<JsonArray>, ProblemHttpResult> List(ServerDatabase database, string? state, string? target, DateTimeOffset? openedFrom, DateTimeOffset? openedTo, int? limit)
    {
        CaseState? parsed = null;
        if (state is not null)
        {
            if (!Api.Fields.TryWire<CaseState>("state", state, out var s, out var error))
            {
                return Problem.For(error!);
            }

            parsed = s;
        }

        if (limit is < 1 or > 10_000)
        {
            return Problem.For(HttpErrors.BadRequest("limit: from 1 to 10000"));
        }

        var query = new CaseQuery { State = parsed, Target = target, OpenedFrom = openedFrom, OpenedTo = openedTo, Limit = limit ?? 100 };
        return TypedResults.Ok(new JsonArray([.. database.Cases.List(query).Select(c => (JsonNode)CaseJson.Summary(c))]));
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Show(string id, ServerDatabase database, TimeProvider time)
    {
        var found = database.Cases.Find(id);
        if (found is null)
        {
            return Problem.For(WorkflowErrors.CaseNotFound(id));
        }

        var json = CaseJson.Case(found, time.GetUtcNow());
        json["entries"] = new JsonArray([.. database.Cases.EntryIndices(id).Select(i => (JsonNode)i)]);
        return TypedResults.Ok(json);
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Verify(string id, VerifyBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps)
    {
        if (!Api.Fields.TryWire<Core.Policy.VerificationMethod>("method", body.Method, out var method, out var error))
        {
            return Problem.For(error!);
        }

        if (body.Result is not ("passed" or "failed"))
        {
            return Problem.For(HttpErrors.BadRequest("result: 'passed' or 'failed'"));
        }

        var artifacts = body.Artifacts ?? [];
        if (artifacts.FirstOrDefault(a => !ArtifactHash().IsMatch(a)) is { } bad)
        {
            return Problem.For(HttpErrors.BadRequest($"artifacts: '{bad}' is not 'sha256:' + 64 lowercase hex digits; send the artifact's hash, never the artifact"));
        }

        return Step(id, user, database, time, metrics, steps, (current, actor, now) =>
            CaseCommands.Verify(current, actor, method, body.Result == "passed", artifacts, PublishedPolicies.ForCase(database.Cases, current), now));
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Approve(string id, ApproveBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        (Api.Fields.Missing("authority", body.Authority) ?? Api.Fields.Missing("digest", body.Digest)) is { } error
            ? Problem.For(error)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) =>
                CaseCommands.Approve(current, actor, body.Authority!, body.Digest!.Trim().ToLowerInvariant(), body.Emergency, body.Reason, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Deny(string id, ReasonBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        Api.Fields.Missing("reason", body.Reason) is { } error
            ? Problem.For(error)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.Deny(current, actor, body.Reason!, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Execute(string id, ExecuteBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps)
    {
        if (body.Failed && Api.Fields.Missing("reason", body.Reason) is { } error)
        {
            return Problem.For(error);
        }

        return Step(id, user, database, time, metrics, steps, (current, actor, now) => body.Failed
            ? CaseCommands.FailExecution(current, actor, body.Reason!, now)
            : CaseCommands.Execute(current, actor, body.IdpEvent, body.ChangedAt, now));
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Link(string id, LinkBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        (Api.Fields.Missing("source", body.Source) ?? Api.Fields.Missing("event_id", body.EventId)) is { } error
            ? Problem.For(error)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.LinkIdpEvent(current, actor, body.Source!, body.EventId!, body.ChangedAt, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> CompleteTask(string id, TaskBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        !Api.Fields.TryWire<Core.Policy.PostResetTaskKind>("task", body.Task, out var task, out var error)
            ? Problem.For(error!)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.CompleteTask(current, actor, task, body.Note, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Review(string id, ReviewBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        Api.Fields.Missing("authority", body.Authority) is { } error
            ? Problem.For(error)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.ReviewEmergency(current, actor, body.Authority!, body.Note, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Close(string id, NoteBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.Close(current, actor, body.Note, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Cancel(string id, ReasonBody body, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        Api.Fields.Missing("reason", body.Reason) is { } error
            ? Problem.For(error)
            : Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.Cancel(current, actor, body.Reason!, now));

    private static Results<Ok<JsonObject>, ProblemHttpResult> Expire(string id, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps) =>
        Step(id, user, database, time, metrics, steps, (current, actor, now) => CaseCommands.Expire(current, actor, now));

    /// <summary>Runs one step on an existing case as the signed-in user, and answers with the case after it.</summary>
    private static Results<Ok<JsonObject>, ProblemHttpResult> Step(
        string id, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics, CaseStepSignal steps, Func<ResetCase, string, DateTimeOffset, Outcome<EvidenceRecord>> step)
    {
        var actor = user.Actor();
        var now = time.GetUtcNow();
        var receipt = database.Cases.Apply(id, current => current is null ? WorkflowErrors.CaseNotFound(id) : step(current, actor, now));
        if (!receipt.IsSuccess)
        {
            return Problem.For(receipt.Error);
        }

        metrics.CountAppend();
        steps.Committed();
        return TypedResults.Ok(View(database, receipt.Value, now));
    }

    private static JsonObject View(ServerDatabase database, CaseStepReceipt receipt, DateTimeOffset now)
    {
        var json = CaseJson.Case(receipt.Case, now);
        json["evidence_entry"] = receipt.LogIndex;
        json["entries"] = new JsonArray([.. database.Cases.EntryIndices(receipt.Case.Id).Select(i => (JsonNode)i)]);
        return json;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial System.Text.RegularExpressions.Regex ArtifactHash();
}
