using System.Security.Claims;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Authentication;

/// <summary>
/// The claims every sign-in method produces, defined once: <see cref="Name"/> is the actor identity the workflow
/// records for each step (separation of duties compares it), <see cref="Role"/> claims carry role wire names
/// (desk_agent, approver, ...). Cookie sign-in, OpenID Connect and API tokens all build principals here.
/// </summary>
public static class ResetTrailClaims
{
    public const string Name = "name";

    public const string Role = "role";

    /// <summary>Set on principals from API tokens: the token's id (never the token).</summary>
    public const string TokenId = "rt_token_id";

    public static ClaimsPrincipal CreatePrincipal(string name, IEnumerable<Role> roles, string authenticationType, params Claim[] extra)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        var claims = new List<Claim> { new(Name, name) };
        claims.AddRange(roles.Distinct().Select(r => new Claim(Role, WireName.Of(r))));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Name, Role));
    }

    /// <summary>The authenticated actor's name; endpoints run only for authenticated users, so it is always there.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Name)?.Value is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("an authenticated principal without a name claim: every sign-in must use ResetTrailClaims.CreatePrincipal");
    }

    public static IReadOnlyList<Role> Roles(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(Role).Select(c => WireName.TryParse<Role>(c.Value, out var role) ? role : (Role?)null).OfType<Role>()];
    }
}
