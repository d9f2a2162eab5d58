using System.Security.Claims;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Identity.Oidc;

/// <summary>
/// Turns a provider's principal into ResetTrail's: the name from the configured claim, roles from the configured claim
/// through the role map. Values the map does not name grant nothing; the provider's own "role" claims are ignored.
/// </summary>
internal static class RoleMapping
{
    public static (string? Name, IReadOnlyList<Role> Roles) Map(ClaimsPrincipal principal, OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(settings);
        var name = principal.FindFirst(settings.NameClaim)?.Value;
        var roles = principal.FindAll(settings.RoleClaim)
            .SelectMany(c => settings.RoleMap.TryGetValue(c.Value, out var mapped) ? mapped : [])
            .Select(n => WireName.TryParse<Role>(n, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .Distinct()
            .Order()
            .ToList();
        return (string.IsNullOrWhiteSpace(name) ? null : name, roles);
    }
}
