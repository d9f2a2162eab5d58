using System.Net;
using Microsoft.Extensions.Configuration;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Ingest;

/// <summary>
/// Real-time ingestion (issue 6): Okta Event Hooks, the signed generic webhook and the syslog listener. Each is off
/// until configured; secrets come from the environment (RESETTRAIL_INGEST__OKTAHOOKSECRET, ...) rather than a file.
/// </summary>
public sealed record IngestSettings
{
    /// <summary>The secret Okta sends in <see cref="OktaHookHeader"/> (configured on the Event Hook). Unset: no Okta hook.</summary>
    public string? OktaHookSecret { get; init; }

    public string OktaHookHeader { get; init; } = "Authorization";

    /// <summary>The HMAC-SHA256 key for the generic webhook's X-ResetTrail-Signature. Unset: only IAM administrators' API tokens.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>host:port for syslog over TCP (TLS when a certificate is set), or unset.</summary>
    public IPEndPoint? SyslogTcp { get; init; }

    public IPEndPoint? SyslogUdp { get; init; }

    /// <summary>A PKCS#12 file with the syslog TLS certificate and key; its password in SyslogTlsPassword.</summary>
    public string? SyslogTlsCertificate { get; init; }

    public string? SyslogTlsPassword { get; init; }

    /// <summary>The source syslog bodies are read as; unset: detected per message.</summary>
    public string? SyslogSource { get; init; }

    /// <summary>
    /// How long the inbox worker waits for a wake-up before it looks at the inbox anyway. A delivery this server accepts
    /// wakes it at once, and on PostgreSQL so does one accepted by another server (ADR 0049); the poll is the fallback.
    /// </summary>
    public TimeSpan InboxPoll { get; init; } = TimeSpan.FromSeconds(2);

    public static readonly string[] Keys =
        ["Ingest", "Ingest:OktaHookSecret", "Ingest:OktaHookHeader", "Ingest:WebhookSecret", "Ingest:SyslogTcp", "Ingest:SyslogUdp",
         "Ingest:SyslogTlsCertificate", "Ingest:SyslogTlsPassword", "Ingest:SyslogSource", "Ingest:InboxPollSeconds"];

    /// <summary>Reads and validates the Ingest:* settings, adding what is wrong to <paramref name="problems"/>.</summary>
    public static IngestSettings Read(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var settings = new IngestSettings
        {
            OktaHookSecret = Optional(configuration, "Ingest:OktaHookSecret"),
            OktaHookHeader = Optional(configuration, "Ingest:OktaHookHeader") ?? "Authorization",
            WebhookSecret = Optional(configuration, "Ingest:WebhookSecret"),
            SyslogTcp = Endpoint(configuration, "Ingest:SyslogTcp", problems),
            SyslogUdp = Endpoint(configuration, "Ingest:SyslogUdp", problems),
            SyslogTlsCertificate = Optional(configuration, "Ingest:SyslogTlsCertificate"),
            SyslogTlsPassword = Optional(configuration, "Ingest:SyslogTlsPassword"),
            SyslogSource = Optional(configuration, "Ingest:SyslogSource"),
            InboxPoll = TimeSpan.FromSeconds(ServerSettingsReader.Number(configuration, "Ingest:InboxPollSeconds", 2, 1, 3_600, problems)),
        };
        foreach (var (key, secret) in new[] { ("Ingest:OktaHookSecret", settings.OktaHookSecret), ("Ingest:WebhookSecret", settings.WebhookSecret) })
        {
            if (secret is { Length: < 32 })
            {
                problems.Add($"{ServerSettingsReader.Describe(key)}: a shared secret needs at least 32 characters; generate one with 'openssl rand -base64 32'");
            }
        }

        if (settings.SyslogTlsCertificate is { } certificate && !File.Exists(certificate))
        {
            problems.Add($"{ServerSettingsReader.Describe("Ingest:SyslogTlsCertificate")}: '{certificate}' does not exist; give a PKCS#12 (.pfx) file");
        }

        if (settings.SyslogTlsCertificate is not null && settings.SyslogTcp is null)
        {
            problems.Add($"{ServerSettingsReader.Describe("Ingest:SyslogTlsCertificate")}: TLS is for the TCP listener; set Ingest:SyslogTcp too");
        }

        if (settings.SyslogSource is { } source && Ingestion.Sources.SourceCatalog.ByName(source) is null)
        {
            problems.Add($"{ServerSettingsReader.Describe("Ingest:SyslogSource")}: '{source}' is not one of {string.Join(", ", Ingestion.Sources.SourceCatalog.All.Select(s => s.Name))}");
        }

        return settings;
    }

    private static string? Optional(IConfiguration configuration, string key) => configuration[key] is { Length: > 0 } value ? value : null;

    private static IPEndPoint? Endpoint(IConfiguration configuration, string key, List<string> problems)
    {
        if (Optional(configuration, key) is not { } text)
        {
            return null;
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 || text.EndsWith(":0", StringComparison.Ordinal) && IPEndPoint.TryParse(text, out endpoint))
        {
            return endpoint;
        }

        problems.Add($"{ServerSettingsReader.Describe(key)}: '{text}' is not an address and port, e.g. 0.0.0.0:6514 or 127.0.0.1:5514");
        return null;
    }
}
