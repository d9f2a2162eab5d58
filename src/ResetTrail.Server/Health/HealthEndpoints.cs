using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Health;

/// <summary>
/// /healthz: the process answers (liveness). /readyz: the database opens and the log's latest checkpoint
/// verifies under the log's key (readiness): a server whose evidence cannot be trusted takes no traffic.
/// Both are anonymous by design: orchestrators probe them without credentials, and they reveal only a size.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).AllowAnonymous().WithTags("Health").WithName("Live");
        app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("Health").WithName("Ready");
        return app;
    }

    private static Results<Ok<Readiness>, ProblemHttpResult> Ready(ServerDatabase database)
    {
        try
        {
            var latest = database.Log.LatestCheckpoint();
            var opened = Checkpoint.Open(latest.SignedNote, database.Log.Origin, database.Log.AllVerifiers());
            if (!opened.IsSuccess)
            {
                return Problem.For(HttpErrors.NotReady($"the latest checkpoint does not verify: {opened.Error}"));
            }

            return opened.Value.Size == latest.Size && opened.Value.RootHash.AsSpan().SequenceEqual(latest.RootHash)
                ? TypedResults.Ok(new Readiness("ready", latest.Size))
                : Problem.For(HttpErrors.NotReady("the latest checkpoint's note disagrees with its stored size and root"));
        }
        catch (System.Data.Common.DbException e)
        {
            return Problem.For(HttpErrors.NotReady($"the database does not answer: {e.Message}"));
        }
    }
}

internal sealed record Readiness(string Status, ulong LogSize);
