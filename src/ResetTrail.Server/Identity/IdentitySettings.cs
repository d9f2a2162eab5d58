namespace ResetTrail.Server.Identity;

/// <summary>
/// Sign-in settings (JSON section "Identity", environment RESETTRAIL_IDENTITY__...). Local accounts are always
/// available; OpenID Connect is on when <see cref="Oidc"/> is given. Validated at start-up by <see cref="IdentitySettingsReader"/>.
/// </summary>
public sealed record IdentitySettings
{
    /// <summary>The issuer name authenticator apps show beside the account.</summary>
    public string TotpIssuer { get; init; } = "ResetTrail";

    /// <summary>Sign-in, code and setup form posts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10;

    public OidcSettings? Oidc { get; init; }
}

/// <summary>
/// The enterprise's OpenID Connect provider: the authorization-code flow (with PKCE) signs people in to the UI, and the
/// provider's JWT access tokens are accepted as bearer tokens on the API. Roles come from <see cref="RoleClaim"/>, whose
/// values <see cref="RoleMap"/> maps to ResetTrail roles; a person with no mapped role is refused.
/// </summary>
public sealed record OidcSettings
{
    /// <summary>The provider's issuer URL (its discovery document is ISSUER/.well-known/openid-configuration).</summary>
    public required Uri Issuer { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The client secret; prefer the environment (RESETTRAIL_IDENTITY__OIDC__CLIENTSECRET) to the file.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The audience ('aud') API access tokens must carry.</summary>
    public required string Audience { get; init; }

    /// <summary>Scopes asked for at sign-in, besides openid.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["profile"];

    /// <summary>The claim whose value is the person's name in evidence (the actor); must be unique per person.</summary>
    public string NameClaim { get; init; } = "preferred_username";

    /// <summary>The claim holding group or role values, e.g. "groups" or "roles".</summary>
    public string RoleClaim { get; init; } = "groups";

    /// <summary>Provider value → ResetTrail role wire names, e.g. "helpdesk-leads": ["approver"].</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RoleMap { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Only for a provider on this machine in tests or development: allows an http:// issuer.</summary>
    public bool AllowHttpIssuer { get; init; }

    public override string ToString() => $"OidcSettings({Issuer}, client {ClientId}, secret redacted)";
}
