namespace ResetTrail.Server.Hosting;

/// <summary>
/// The server's settings, read from a JSON file (--config), then RESETTRAIL_* environment variables, then the
/// command line, and validated at start-up (<see cref="ServerSettingsReader"/>). Names are the JSON keys;
/// the environment variable is RESETTRAIL_ + the key in capitals, with __ for ':' (RESETTRAIL_LIMITS__MAXREQUESTBODYBYTES).
/// </summary>
public sealed record ServerSettings
{
    /// <summary>
    /// The SQLite database file, created with its signing key when missing; or a PostgreSQL database that several
    /// servers share (postgres://user@host:port/db or Host=...;Database=...), where KeyFile is required.
    /// </summary>
    public string Db { get; init; } = "resettrail.db";

    /// <summary>The private signing key file. Default for SQLite: the database path + .key.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The account secrets key file (seals TOTP secrets). Default: the database path (PostgreSQL: KeyFile) + .secrets.key.</summary>
    public string? SecretsKeyFile { get; init; }

    /// <summary>The log's origin, used only when the database is created.</summary>
    public string Origin { get; init; } = "resettrail.localhost/log";

    /// <summary>Where Kestrel listens, separated by ';'.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    public ServerLimits Limits { get; init; } = new();

    /// <summary>Real-time ingestion: Okta Event Hooks, the signed webhook, syslog (all off until configured).</summary>
    public Ingest.IngestSettings Ingest { get; init; } = new();

    /// <summary>Sign-in: local accounts and OpenID Connect (Identity/IdentitySettings.cs).</summary>
    public ResetTrail.Server.Identity.IdentitySettings Identity { get; init; } = new();

    /// <summary>Detection over the ingested events, alerts delivered through the outbox (off until a sink is set).</summary>
    public Detection.DetectionSettings Detection { get; init; } = new();
}

/// <summary>Request limits: bodies are bounded; token endpoints are rate limited per caller.</summary>
public sealed record ServerLimits
{
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    public int TokenRequestsPerMinute { get; init; } = 30;
}
