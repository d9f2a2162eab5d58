using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Api;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Metrics;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Policy;

/// <summary>
/// /api/v1/policy: check a policy file (problems with line and column), explain what the active policy requires
/// for a request, publish a version (IAM administrators; an evidence entry), and read the active version.
/// </summary>
internal static class PolicyEndpoints
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/plain"];

    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/policy").WithTags("Policy");
        policy.MapPost("/check", Check).RequireAuthorization(Permissions.ReadPolicy).WithName("CheckPolicy")
            .Accepts<string>("application/yaml").WithSummary("Validate a policy file (the body, YAML); every problem has a line and column");
        policy.MapPost("/explain", Explain).RequireAuthorization(Permissions.ReadPolicy).WithName("ExplainPolicy")
            .WithSummary("What the active policy requires for a request, and which rule and line say so");
        policy.MapPost("/publish", Publish).RequireAuthorization(Permissions.PublishPolicy).WithName("PublishPolicy")
            .Accepts<string>("application/yaml").WithSummary("Publish a policy version (the body, YAML) as the active one; an evidence entry");
        policy.MapGet("/active", Active).RequireAuthorization(Permissions.ReadPolicy).WithName("ActivePolicy").WithSummary("The active policy version and its text");
        return api;
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Check(HttpRequest request)
    {
        var bytes = await ReadYaml(request);
        if (!bytes.IsSuccess)
        {
            return Problem.For(bytes.Error);
        }

        var loaded = PolicyLoader.Load(bytes.Value, "policy");
        return TypedResults.Ok(Report(loaded));
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Explain(ExplainBody body, ServerDatabase database)
    {
        if (PublishedPolicies.Active(database.Cases) is not { } policy)
        {
            return Problem.For(HttpErrors.NoPolicy());
        }

        var missing = Fields.Missing("target.id", body.Target?.Id);
        if (missing is not null)
        {
            return Problem.For(missing);
        }

        if (!Fields.TryWire<ResetKind>("kind", body.Kind, out var kind, out var error) ||
            !Fields.TryWire<Channel>("channel", body.Channel, out var channel, out error) ||
            !Fields.TryWire<InitiatorType>("initiator", body.Initiator ?? "internal", out var initiator, out error))
        {
            return Problem.For(error!);
        }

        if (body.FailedVerifications is < 0)
        {
            return Problem.For(HttpErrors.BadRequest("failed_verifications: cannot be negative"));
        }

        var target = body.Target!;
        var facts = new RequestFacts(
            new TargetIdentity(target.Directory ?? string.Empty, target.Id!) { Groups = target.Groups ?? [], Roles = target.Roles ?? [], Site = target.Site },
            kind, channel, initiator)
        {
            RecentFailedVerifications = body.FailedVerifications ?? 0,
        };
        return TypedResults.Ok(PolicyDecisionJson.WithExplanations(policy.Decide(facts)));
    }

    private static async Task<Results<Created<JsonObject>, Ok<JsonObject>, ProblemHttpResult>> Publish(
        HttpRequest request, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, RequestMetrics metrics)
    {
        var bytes = await ReadYaml(request);
        if (!bytes.IsSuccess)
        {
            return Problem.For(bytes.Error);
        }

        var loaded = PolicyLoader.Load(bytes.Value, "policy");
        if (loaded.Policy is not { } policy)
        {
            var problem = Problem.For(HttpErrors.PolicyInvalid(loaded.Errors.Count()));
            problem.ProblemDetails.Extensions["problems"] = Report(loaded)["problems"];
            return problem;
        }

        if (database.Cases.ActivePolicy() is { } active && active.Hash == policy.Hash)
        {
            return TypedResults.Ok(Published(active));
        }

        var published = database.Cases.Publish(bytes.Value, policy.Hash, policy.Version, "api", user.Actor(), time.GetUtcNow());
        metrics.CountAppend();
        return TypedResults.Created("/api/v1/policy/active", Published(published));
    }

    private static Results<Ok<JsonObject>, ProblemHttpResult> Active(ServerDatabase database)
    {
        if (database.Cases.ActivePolicy() is not { } active)
        {
            return Problem.For(HttpErrors.NoPolicy());
        }

        var json = Published(active);
        json["text"] = System.Text.Encoding.UTF8.GetString(active.Text);
        return TypedResults.Ok(json);
    }

    private static JsonObject Published(PublishedPolicy p) => new()
    {
        ["version"] = p.Version,
        ["hash"] = p.Hash,
        ["source"] = p.Source,
        ["log_index"] = p.LogIndex,
        ["published_at"] = EvidenceRecord.FormatTime(p.PublishedAt),
    };

    private static JsonObject Report(PolicyLoadResult loaded) => new()
    {
        ["valid"] = loaded.Policy is not null,
        ["version"] = loaded.Policy?.Version,
        ["hash"] = loaded.Policy?.Hash,
        ["rules"] = loaded.Policy?.RuleCount,
        ["problems"] = new JsonArray([.. loaded.Problems.Select(p => (JsonNode)new JsonObject
        {
            ["line"] = p.Line,
            ["column"] = p.Column,
            ["field"] = p.Field,
            ["code"] = p.Code,
            ["severity"] = p.IsError ? "error" : "warning",
            ["message"] = p.Message,
        })]),
    };

    /// <summary>The body as policy bytes: YAML media types only, and never more than the loader accepts plus one byte.</summary>
    private static async Task<Outcome<byte[]>> ReadYaml(HttpRequest request)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is null || !YamlTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return HttpErrors.UnsupportedMediaType("application/yaml (or text/plain): the policy file itself");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}

internal sealed record ExplainBody(TargetBody? Target, string? Kind, string? Channel, string? Initiator, int? FailedVerifications);
