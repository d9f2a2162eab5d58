using System.Globalization;
using Microsoft.Extensions.Configuration;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Identity;

/// <summary>
/// Reads and checks the "Identity" section. Every problem names the setting and what to write instead, so a server
/// with a half-configured provider does not start.
/// </summary>
public static class IdentitySettingsReader
{
    private const string Section = "Identity";

    /// <summary>Every key of the section (role map entries and scope list items come under RoleMap and Scopes).</summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        "Identity", "Identity:TotpIssuer", "Identity:SignInAttemptsPerMinute", "Identity:Oidc", "Identity:Oidc:Issuer", "Identity:Oidc:ClientId",
        "Identity:Oidc:ClientSecret", "Identity:Oidc:Audience", "Identity:Oidc:Scopes", "Identity:Oidc:NameClaim", "Identity:Oidc:RoleClaim",
        "Identity:Oidc:RoleMap", "Identity:Oidc:AllowHttpIssuer",
    ];

    /// <summary>Whether a configuration key belongs to this section (role map entries and list items included).</summary>
    public static bool IsKnown(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Fixed.Contains(key, StringComparer.OrdinalIgnoreCase)
            || key.StartsWith("Identity:Oidc:RoleMap:", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("Identity:Oidc:Scopes:", StringComparison.OrdinalIgnoreCase);
    }

    public static IdentitySettings Read(IConfiguration configuration, ICollection<string> problems, Func<string, string> describe)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(describe);
        var defaults = new IdentitySettings();
        var attempts = defaults.SignInAttemptsPerMinute;
        if (configuration["Identity:SignInAttemptsPerMinute"] is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts is < 1 or > 10_000))
        {
            problems.Add($"{describe("Identity:SignInAttemptsPerMinute")}: '{text}' must be a whole number from 1 to 10000");
            attempts = defaults.SignInAttemptsPerMinute;
        }

        var oidc = configuration.GetSection("Identity:Oidc");
        return new IdentitySettings
        {
            TotpIssuer = configuration["Identity:TotpIssuer"] is { Length: > 0 } issuer ? issuer : defaults.TotpIssuer,
            SignInAttemptsPerMinute = attempts,
            Oidc = oidc.Exists() ? ReadOidc(oidc, problems, describe) : null,
        };
    }

    private static OidcSettings? ReadOidc(IConfigurationSection oidc, ICollection<string> problems, Func<string, string> describe)
    {
        var before = problems.Count;
        string Required(string key, string example)
        {
            var value = oidc[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{describe($"{Section}:Oidc:{key}")}: missing; write e.g. {example}");
            }

            return value ?? string.Empty;
        }

        var issuerText = Required("Issuer", "\"https://login.example.com/\"");
        var clientId = Required("ClientId", "\"resettrail\"");
        var audience = Required("Audience", "\"resettrail-api\"");
        var allowHttp = string.Equals(oidc["AllowHttpIssuer"], "true", StringComparison.OrdinalIgnoreCase);
        Uri? issuer = null;
        if (issuerText.Length > 0 && (!Uri.TryCreate(issuerText, UriKind.Absolute, out issuer) || !(issuer.Scheme == Uri.UriSchemeHttps || (allowHttp && issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))))
        {
            problems.Add($"{describe($"{Section}:Oidc:Issuer")}: '{issuerText}' must be an absolute https:// URL (http:// only on loopback with AllowHttpIssuer)");
        }

        var roleMap = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in oidc.GetSection("RoleMap").GetChildren())
        {
            var names = entry.GetChildren().Select(c => c.Value).Append(entry.Value).OfType<string>()
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            foreach (var name in names.Where(n => !WireName.TryParse<Role>(n, out _)))
            {
                problems.Add($"{describe($"{Section}:Oidc:RoleMap:{entry.Key}")}: '{name}' is not a role; roles are {string.Join(", ", WireName.All<Role>())}");
            }

            roleMap[entry.Key] = names;
        }

        if (roleMap.Count == 0)
        {
            problems.Add($"{describe($"{Section}:Oidc:RoleMap")}: empty; map the provider's values to roles, e.g. \"RoleMap\": {{ \"helpdesk\": [\"desk_agent\"] }}");
        }

        var scopes = oidc.GetSection("Scopes").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (oidc["Scopes"] is { Length: > 0 } scopeText)
        {
            scopes.AddRange(scopeText.Split(' ', ',').Where(s => s.Length > 0));
        }

        return problems.Count > before || issuer is null ? null : new OidcSettings
        {
            Issuer = issuer,
            ClientId = clientId,
            ClientSecret = oidc["ClientSecret"] is { Length: > 0 } secret ? secret : null,
            Audience = audience,
            Scopes = scopes.Count > 0 ? scopes : ["profile"],
            NameClaim = oidc["NameClaim"] is { Length: > 0 } nameClaim ? nameClaim : "preferred_username",
            RoleClaim = oidc["RoleClaim"] is { Length: > 0 } roleClaim ? roleClaim : "groups",
            RoleMap = roleMap,
            AllowHttpIssuer = allowHttp,
        };
    }
}
