using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ResetTrail.Server.Tests.OpenApi;

public sealed partial class OpenApiDocumentTests
{
    [Fact]
    public async Task Every_mapped_endpoint_is_in_the_public_openapi_document()
    {
        await using var server = await RunningServer.StartAsync();
        using var anonymous = server.Anonymous();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        var paths = document.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi", StringComparison.Ordinal))
            // The web UI's pages answer HTML to browsers; they are not part of the API.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, m => Assert.Contains(m, documented));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    // The document writes route parameters without constraints or catch-all stars, and no trailing slash.
    private static string Normalise(string pattern)
    {
        var path = Constraint().Replace(pattern, "{$1}").Replace("{**", "{", StringComparison.Ordinal);
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\*{0,2}([a-zA-Z]+):[^}]+\}")]
    private static partial Regex Constraint();
}
