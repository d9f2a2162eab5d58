using ResetTrail.Core;

namespace ResetTrail.Server.Problems;

/// <summary>
/// The server's own public error codes (block 31xx: HTTP-level refusals; 30xx belongs to accounts and sign-in). Stable like the workflow's: never
/// renumbered or reused; each has a row in docs/errors/README.md.
/// </summary>
public static class HttpErrors
{
    public static DomainError Internal() => new("RT-3100", "the server failed to handle the request; the operator finds the cause in the server log");

    public static DomainError Unauthenticated() => new("RT-3101", "sign in, or send an API token as 'Authorization: Bearer rt_...'");

    public static DomainError Forbidden() => new("RT-3102", "your roles do not allow this; an administrator grants roles");

    public static DomainError NotFound() => new("RT-3103", "no such resource; see /openapi/v1.json for the API");

    public static DomainError NotFound(string what) => new("RT-3103", what);

    public static DomainError BadRequest(string what) => new("RT-3104", what);

    public static DomainError TooLarge(long limit) => new("RT-3105", $"the request body is larger than {limit} bytes (setting Limits:MaxRequestBodyBytes)");

    public static DomainError TooManyRequests() => new("RT-3106", "too many requests to this endpoint; wait and retry (see Retry-After)");

    public static DomainError ActorInBody(string field) =>
        new("RT-3107", $"the body names '{field}': the actor of every step is the signed-in user, never a field; remove '{field}'");

    public static DomainError TokenNotFound(string id) => new("RT-3108", $"no active API token with id {id}; list them with GET /api/v1/tokens");

    public static DomainError TokenNameInUse(string name) => new("RT-3109", $"an active API token is already named '{name}'; revoke it or choose another name");

    public static DomainError NotReady(string why) => new("RT-3110", $"not ready: {why}");

    public static DomainError UnsupportedMediaType(string expected) => new("RT-3111", $"send the body as {expected}");

    public static DomainError MethodNotAllowed() => new("RT-3112", "this resource does not take that HTTP method; see /openapi/v1.json");

    public static DomainError NoPolicy() => new("RT-3113", "no policy is published in this database; an IAM administrator publishes one (POST /api/v1/policy/publish)");

    public static DomainError PolicyInvalid(int problems) => new("RT-3114", $"the policy has {problems} problem(s); fix them (see 'problems', with line and column) and publish again");

    /// <summary>The HTTP status a code is answered with.</summary>
    public static int StatusOf(string code) => code switch
    {
        "RT-3100" => 500,
        "RT-3101" or "RT-3202" or "RT-3203" => 401,
        "RT-3201" => 404,
        "RT-3204" or "RT-3205" => 400,
        "RT-3102" => 403,
        "RT-3103" or "RT-3108" or "RT-2002" => 404,
        "RT-3104" or "RT-3107" or "RT-2003" => 400,
        "RT-3105" => 413,
        "RT-3106" => 429,
        "RT-3110" => 503,
        "RT-3111" => 415,
        "RT-3112" => 405,
        "RT-3114" => 422,
        _ => 409, // the workflow refused the step in the case's current state, or a resource conflicts
    };

    /// <summary>The code for a status an ASP.NET Core component answered without one of ours.</summary>
    public static DomainError ForStatus(int status) => status switch
    {
        401 => Unauthenticated(),
        403 => Forbidden(),
        404 => NotFound(),
        405 => MethodNotAllowed(),
        413 => new("RT-3105", "the request body is too large (setting Limits:MaxRequestBodyBytes)"),
        415 => UnsupportedMediaType("application/json"),
        429 => TooManyRequests(),
        >= 500 => Internal(),
        _ => BadRequest("the request is malformed: check the JSON body (snake_case fields), the route and the query parameters"),
    };
}
