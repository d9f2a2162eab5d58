using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Api;

/// <summary>
/// Refuses an API body that names who acts: the actor of every step is the authenticated user. Unknown fields
/// are refused anyway (strict JSON binding); this guard answers with the code and sentence that say why.
/// </summary>
internal static class ActorFieldGuard
{
    private static readonly string[] ActorFields = ["actor", "approver", "verifier", "executor", "reviewer", "opened_by", "created_by"];

    public static IApplicationBuilder UseActorFieldGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api", StringComparison.Ordinal) &&
            request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            string? named = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                named = body.RootElement.ValueKind == JsonValueKind.Object
                    ? ActorFields.FirstOrDefault(f => body.RootElement.TryGetProperty(f, out _))
                    : null;
            }
            catch (JsonException)
            {
                // Malformed JSON: the endpoint's binding answers with its own 400.
            }

            request.Body.Position = 0;
            if (named is not null)
            {
                await Problem.For(HttpErrors.ActorInBody(named)).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
