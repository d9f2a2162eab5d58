using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResetTrail.Core.Evidence;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Problems;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tokens;

/// <summary>/api/v1/tokens: the administrator creates (shown once), lists and revokes API tokens.</summary>
internal static partial class TokenEndpoints
{
    public const string RateLimitPolicy = "tokens";

    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization(Permissions.ManageTokens).RequireRateLimiting(RateLimitPolicy);
        tokens.MapPost("/", Create).WithName("CreateToken").WithSummary("Create an API token; the token is in this answer only");
        tokens.MapGet("/", List).WithName("ListTokens").WithSummary("API tokens, without their secrets");
        tokens.MapDelete("/{id}", Revoke).WithName("RevokeToken").WithSummary("Revoke an API token");
        return api;
    }

    private static Results<Created<CreatedToken>, ProblemHttpResult> Create(CreateTokenRequest request, ClaimsPrincipal user, ServerDatabase database, TimeProvider time, ILogger<TokenIssuer> logger)
    {
        var actor = user.Actor();
        var issued = new TokenIssuer(database.Tokens, time).Create(request.Name, request.Roles, request.ExpiresIn, actor);
        if (!issued.IsSuccess)
        {
            return Problem.For(issued.Error);
        }

        var stored = issued.Value.Stored;
        LogCreated(logger, stored.Id, stored.Name, actor);
        return TypedResults.Created($"/api/v1/tokens/{stored.Id}", new CreatedToken(TokenView.From(stored), issued.Value.Secret.Value));
    }

    private static Ok<TokenView[]> List(ServerDatabase database, TimeProvider time) =>
        TypedResults.Ok(database.Tokens.List().Select(TokenView.From).ToArray());

    private static Results<NoContent, ProblemHttpResult> Revoke(string id, ClaimsPrincipal user, ServerDatabase database, ApiTokenCache tokens, TimeProvider time)
    {
        var revoked = new TokenIssuer(database.Tokens, time).Revoke(id, user.Actor());
        // Cleared after the revocation is stored, so no request can put the token back from a read made before it.
        tokens.ForgetAll();
        return revoked.IsSuccess ? TypedResults.NoContent() : Problem.For(revoked.Error);
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "API token {TokenId} ({TokenName}) created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string tokenId, string tokenName, string actor);
}

internal sealed record CreateTokenRequest(string? Name, string[]? Roles, string? ExpiresIn);

/// <summary>A token as the API and the command line show it: never its secret or hash.</summary>
public sealed record TokenView(string Id, string Name, IReadOnlyList<string> Roles, string CreatedBy, string CreatedAt, string? ExpiresAt, string? RevokedAt)
{
    public static TokenView From(StoredApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Name, token.Roles, token.CreatedBy, EvidenceRecord.FormatTime(token.CreatedAt),
            token.ExpiresAt is { } e ? EvidenceRecord.FormatTime(e) : null, token.RevokedAt is { } r ? EvidenceRecord.FormatTime(r) : null);
    }
}

/// <summary>The one answer that holds the token: store it now, it is not shown again.</summary>
internal sealed record CreatedToken(TokenView Token, string Secret);
