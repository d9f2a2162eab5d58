using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Server.Api;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Detection;
using ResetTrail.Server.Evidence;
using ResetTrail.Server.Findings;
using ResetTrail.Server.Metrics;
using ResetTrail.Server.Policy;
using ResetTrail.Server.Tlog;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Health;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Identity;
using ResetTrail.Server.Ingest;
using ResetTrail.Server.Pages;
using ResetTrail.Server.Problems;
using ResetTrail.Server.Security;
using ResetTrail.Server.Tokens;

namespace ResetTrail.Server;

/// <summary>
/// The server's composition root: which services exist and which endpoint groups are mapped, in one place.
/// Each feature lives in its own folder and exposes one Add/Map method. The Identity feature (local accounts,
/// OpenID Connect; folder Identity/) adds one line in each method where marked.
/// </summary>
public static class ServerComposition
{
    public const string ApiPrefix = "/api/v1";

    public static IServiceCollection AddResetTrailServer(this IServiceCollection services, ServerSettings settings, ServerDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(database);
        services.AddSingleton<Cases.CaseSnapshot>();
        services.AddSingleton<CaseStepSignal>();
        services.AddSingleton(time);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddSingleton<RequestMetrics>();
        services.AddOpenApi();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problem.Complete);
        services.AddResetTrailAuthentication();
        services.AddResetTrailAuthorization();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(Problem.For(HttpErrors.TooManyRequests()).ExecuteAsync(context.HttpContext));
            };
            // Per caller (the authenticated name, else the address): one client's loop does not lock others out.
            options.AddPolicy(TokenEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Limits.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddResetTrailIngest(settings.Ingest);
        services.AddResetTrailPages();
        services.AddResetTrailIdentity(settings);
        services.AddResetTrailDetection(settings);
        return services;
    }

    public static WebApplication MapResetTrail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A body that exceeds the limit or cannot be read is the client's error, not the server's.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.Services.GetRequiredService<RequestMetrics>().Middleware(app);
        app.UseResetTrailStaticAssets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseActorFieldGuard();

        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapTlogEndpoints();
        // The API's shape is public by design: clients generate code from it (docs/design/server.md).
        app.MapOpenApi().AllowAnonymous();
        app.MapIngestEndpoints();
        var api = app.MapGroup(ApiPrefix);
        api.MapCaseEndpoints();
        api.MapPolicyEndpoints();
        api.MapEvidenceEndpoints();
        api.MapFindingEndpoints();
        api.MapTokenEndpoints();
        app.MapResetTrailPages();
        app.MapIdentityEndpoints();
        return app;
    }
}
