using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Bundles.Export;
using ResetTrail.Bundles.Format;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Proofs;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Evidence;

/// <summary>
/// /api/v1/evidence: what an auditor needs from the log: checkpoints, inclusion and consistency proofs (the same
/// formats as 'resettrail log'), entries, a case's bundle, and whether the whole log still verifies.
/// </summary>
internal static class EvidenceEndpoints
{
    public const int MaxEntriesPerRequest = 1000;

    public static RouteGroupBuilder MapEvidenceEndpoints(this RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("/evidence").WithTags("Evidence").RequireAuthorization(Permissions.ReadEvidence);
        evidence.MapGet("/checkpoint", Checkpoint).WithName("Checkpoint").WithSummary("The latest signed checkpoint (or the one at ?size=N), as a C2SP signed note");
        evidence.MapGet("/proofs/inclusion", Inclusion).WithName("InclusionProof").WithSummary("c2sp.org/tlog-proof@v1 for entry ?index= against the latest checkpoint (or ?size=)");
        evidence.MapGet("/proofs/consistency", Consistency).WithName("ConsistencyProof").WithSummary("RFC 6962 consistency proof from ?from= to ?to=, base64 hashes");
        evidence.MapGet("/entries", Entries).WithName("Entries").WithSummary($"Entries [from, to), at most {MaxEntriesPerRequest}, base64 with the parsed record");
        evidence.MapGet("/cases/{id}/bundle", Bundle).WithName("CaseBundle").WithSummary("A case's evidence bundle for offline verification (download)");
        evidence.MapGet("/verification", Verification).WithName("LogVerification").WithSummary("Recompute every hash and check every checkpoint");
        return api;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Checkpoint(ServerDatabase database, ulong? size)
    {
        if (size is null)
        {
            return TypedResults.Text(database.Log.LatestCheckpoint().SignedNote, "text/plain; charset=utf-8");
        }

        var found = database.Log.CheckpointAt(size.Value);
        return found.IsSuccess ? TypedResults.Text(found.Value.SignedNote, "text/plain; charset=utf-8") : Problem.For(HttpErrors.NotFound(found.Error));
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Inclusion(ServerDatabase database, ulong index, ulong? size)
    {
        var checkpoint = size is null ? database.Log.LatestCheckpoint() : database.Log.CheckpointAt(size.Value) is { IsSuccess: true } at ? at.Value : null;
        if (checkpoint is null)
        {
            return Problem.For(HttpErrors.NotFound($"no checkpoint at size {size}"));
        }

        var proof = database.Log.InclusionProof(index, checkpoint.Size);
        return proof.IsSuccess
            ? TypedResults.Text(new TlogProof(index, proof.Value, checkpoint.SignedNote).Format(), "text/plain; charset=utf-8")
            : Problem.For(HttpErrors.BadRequest(proof.Error));
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Consistency(ServerDatabase database, ulong from, ulong to)
    {
        var proof = database.Log.ConsistencyProof(from, to);
        return proof.IsSuccess
            ? TypedResults.Text(string.Concat(proof.Value.Select(h => Convert.ToBase64String(h) + "\n")), "text/plain; charset=utf-8")
            : Problem.For(HttpErrors.BadRequest(proof.Error));
    }

    private static Results<Ok<JsonArray>, ProblemHttpResult> Entries(ServerDatabase database, ulong from, ulong? to)
    {
        var end = to ?? from + MaxEntriesPerRequest;
        if (end < from || end - from > MaxEntriesPerRequest)
        {
            return Problem.For(HttpErrors.BadRequest($"to: from <= to <= from + {MaxEntriesPerRequest}"));
        }

        return TypedResults.Ok(new JsonArray([.. database.Log.ReadEntries(from, end).Select(e => (JsonNode)new JsonObject
        {
            ["index"] = e.Index,
            ["data"] = Convert.ToBase64String(e.Data),
            ["record"] = EvidenceRecord.TryParse(e.Data) is { } record ? JsonNode.Parse(record.ToCanonicalBytes()) : null,
        })]));
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Bundle(string id, ServerDatabase database, TimeProvider time)
    {
        if (database.Cases.Find(id) is null)
        {
            return Problem.For(WorkflowErrors.CaseNotFound(id));
        }

        var bundle = CaseBundle.Export(database.Log, database.Cases, id, database.Cases.EntryIndices(id), time.GetUtcNow());
        if (!bundle.IsSuccess)
        {
            throw new InvalidDataException(bundle.Error);
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(BundleJson.Write(bundle.Value)), "application/json", $"{id}.bundle.json");
    }

    private static Ok<JsonObject> Verification(ServerDatabase database)
    {
        var report = database.Log.Audit();
        return TypedResults.Ok(new JsonObject
        {
            ["intact"] = report.IsIntact,
            ["entries_checked"] = report.EntriesChecked,
            ["checkpoints_checked"] = report.CheckpointsChecked,
            ["first_bad_index"] = report.FirstBadIndex,
            ["problem"] = report.Problem,
            ["verifier_key"] = database.Log.Verifier.ToString(),
        });
    }
}
