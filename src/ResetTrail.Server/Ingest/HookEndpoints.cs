using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.Core.Access;
using ResetTrail.Ingestion.Realtime;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Problems;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.Server.Ingest;

/// <summary>
/// /hooks/okta (Okta Event Hooks) and /hooks/events/{source} (any supported source's JSON, signed). They are
/// anonymous to the role system by design: senders are machines that prove a shared secret instead (the access test
/// checks they refuse everyone without it). A delivery is committed to the inbox before it is answered, so an
/// answered delivery survives a crash; the inbox worker reads it afterwards, and the answer never waits for that.
/// </summary>
internal static class HookEndpoints
{
    public const string OktaHookPath = "/hooks/okta";
    public const string SignatureHeader = "X-ResetTrail-Signature";

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/hooks").AllowAnonymous().WithTags("Ingest");
        hooks.MapGet("/okta", VerifyOkta).WithName("VerifyOktaEventHook").WithSummary("Okta's one-time Event Hook verification");
        hooks.MapPost("/okta", AcceptOkta).WithName("AcceptOktaEventHook").WithSummary("An Okta Event Hook delivery");
        hooks.MapPost("/events/{source}", AcceptWebhook).WithName("AcceptWebhook").WithSummary("Events of a named source, signed with the webhook secret");
        return app;
    }

    private static Results<Ok<OktaVerification>, ProblemHttpResult> VerifyOkta(HttpRequest request, IngestSettings settings)
    {
        if (CheckOkta(request, settings) is { } refusal)
        {
            return refusal;
        }

        return request.Headers["X-Okta-Verification-Challenge"].ToString() is { Length: > 0 } challenge
            ? TypedResults.Ok(new OktaVerification(challenge))
            : Problem.For(IngestErrors.NoChallenge(), StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<Accepted>, ProblemHttpResult>> AcceptOkta(HttpRequest request, IngestSettings settings, ServerDatabase database, InboxSignal signal, TimeProvider time)
    {
        if (CheckOkta(request, settings) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadBody(request);
        return body.Length == 0
            ? Problem.For(IngestErrors.EmptyBody(), StatusCodes.Status400BadRequest)
            : Accept(database, signal, time, new InboxDelivery(DeliveryChannels.OktaEventHook, "okta", Peer(request), body));
    }

    private static async Task<Results<Ok<Accepted>, ProblemHttpResult>> AcceptWebhook(string source, HttpRequest request, ClaimsPrincipal user, IngestSettings settings, ServerDatabase database, InboxSignal signal, TimeProvider time)
    {
        var body = await ReadBody(request);
        var byToken = user.Identity?.IsAuthenticated == true && user.Roles().Contains(Role.IamAdmin);
        var bySignature = settings.WebhookSecret is { } secret && SharedSecrets.SignatureMatches(request.Headers[SignatureHeader].ToString(), secret, body);
        if (!byToken && !bySignature)
        {
            return Problem.For(IngestErrors.BadSignature(), StatusCodes.Status401Unauthorized);
        }

        if (SourceCatalog.ByName(source) is null)
        {
            return Problem.For(HttpErrors.BadRequest($"'{source}' is not a source; use one of {string.Join(", ", SourceCatalog.All.Select(s => s.Name))}"));
        }

        return body.Length == 0
            ? Problem.For(IngestErrors.EmptyBody(), StatusCodes.Status400BadRequest)
            : Accept(database, signal, time, new InboxDelivery(DeliveryChannels.Webhook, source, Peer(request), body));
    }

    private static ProblemHttpResult? CheckOkta(HttpRequest request, IngestSettings settings)
    {
        if (settings.OktaHookSecret is not { } secret)
        {
            return Problem.For(IngestErrors.NotConfigured("the Okta Event Hook", "Ingest:OktaHookSecret"), StatusCodes.Status404NotFound);
        }

        return SharedSecrets.Matches(request.Headers[settings.OktaHookHeader].ToString() is { Length: > 0 } h ? h : null, secret)
            ? null
            : Problem.For(IngestErrors.BadSecret(settings.OktaHookHeader), StatusCodes.Status401Unauthorized);
    }

    private static Ok<Accepted> Accept(ServerDatabase database, InboxSignal signal, TimeProvider time, InboxDelivery delivery)
    {
        // Durable before the answer: an exception here (disk full) answers 500 and the sender retries.
        var id = database.Inbox.Accept(delivery, time.GetUtcNow());
        signal.Pulse();
        return TypedResults.Ok(new Accepted(id));
    }

    private static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static string? Peer(HttpRequest request) => request.HttpContext.Connection.RemoteIpAddress?.ToString();
}

/// <summary>Okta's verification answer: the challenge, echoed.</summary>
internal sealed record OktaVerification(string Verification);

/// <summary>The inbox id a delivery was committed under.</summary>
internal sealed record Accepted(long Id);
