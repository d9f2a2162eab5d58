using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ResetTrail.Core;

namespace ResetTrail.Server.Problems;

/// <summary>
/// RFC 9457 problem details for every refusal: <c>type</c> names the stable code (urn:resettrail:error:RT-dddd,
/// documented in docs/errors/README.md), <c>code</c> repeats it for clients that read one field.
/// </summary>
public static class Problem
{
    public const string TypePrefix = "urn:resettrail:error:";

    public static ProblemHttpResult For(DomainError error, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = status ?? HttpErrors.StatusOf(error.Code);
        return TypedResults.Problem(
            detail: error.Message,
            statusCode: code,
            title: Title(code),
            type: TypePrefix + error.Code,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });
    }

    /// <summary>Fills type, title and code into a problem that an ASP.NET Core component produced.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var details = context.ProblemDetails;
        if (details.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        var error = HttpErrors.ForStatus(status);
        details.Type = TypePrefix + error.Code;
        details.Title = Title(status);
        details.Detail ??= error.Message;
        details.Extensions["code"] = error.Code;
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Not signed in",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Refused",
        413 => "Request too large",
        415 => "Unsupported media type",
        422 => "Unprocessable",
        429 => "Too many requests",
        503 => "Not ready",
        _ => "Server error",
    };
}
