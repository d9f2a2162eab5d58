using Microsoft.Extensions.Configuration;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Detection;

/// <summary>
/// Detection in <c>resettrail serve</c> (issue 6): the rules run over every event real-time ingestion stores, and
/// their alerts go through the durable outbox to the configured sinks. Off until at least one sink is set.
/// </summary>
public sealed record DetectionSettings
{
    /// <summary>The detection YAML; unset: the built-in policies/detection.yaml.</summary>
    public string? ConfigFile { get; init; }

    public DetectionConfig Config { get; init; } = DetectionConfig.Default;

    /// <summary>Where alerts are posted as signed Standard Webhooks, with <see cref="WebhookSecret"/>.</summary>
    public Uri? WebhookUrl { get; init; }

    public WebhookSecret? WebhookSecret { get; init; }

    /// <summary>A syslog collector for RFC 5424 + CEF: tcp://host:port or udp://host:port.</summary>
    public Uri? SyslogTarget { get; init; }

    /// <summary>A file OCSF Detection Findings are appended to, one JSON object a line.</summary>
    public string? OcsfFile { get; init; }

    /// <summary>
    /// How often the case store is read for steps this server was not told about (those committed by another server
    /// process on the same database); steps committed here are read at once (<see cref="Cases.CaseStepSignal"/>).
    /// </summary>
    public TimeSpan CasePoll { get; init; } = TimeSpan.FromSeconds(10);

    public bool Enabled => WebhookUrl is not null || SyslogTarget is not null || OcsfFile is not null;

    public static readonly string[] Keys =
        ["Detection", "Detection:Config", "Detection:WebhookUrl", "Detection:WebhookSecret", "Detection:SyslogTarget", "Detection:OcsfFile", "Detection:CasePollSeconds"];

    /// <summary>Reads and validates the Detection:* settings, adding what is wrong to <paramref name="problems"/>.</summary>
    public static DetectionSettings Read(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var configFile = Optional(configuration, "Detection:Config");
        var settings = new DetectionSettings
        {
            ConfigFile = configFile,
            Config = configFile is null ? DetectionConfig.Default : LoadConfig(configFile, problems),
            WebhookUrl = Url(configuration, "Detection:WebhookUrl", ["http", "https"], "https://siem.example.com/hooks/resettrail", problems),
            SyslogTarget = Url(configuration, "Detection:SyslogTarget", ["tcp", "udp"], "tcp://siem.example.com:6514 or udp://127.0.0.1:514", problems),
            OcsfFile = Optional(configuration, "Detection:OcsfFile"),
            CasePoll = TimeSpan.FromSeconds(ServerSettingsReader.Number(configuration, "Detection:CasePollSeconds", 10, 10, 86_400, problems)),
        };
        var secretText = Optional(configuration, "Detection:WebhookSecret");
        if (secretText is not null)
        {
            settings = settings with { WebhookSecret = WebhookSecret.Parse(secretText) };
            if (settings.WebhookSecret is null)
            {
                problems.Add($"{ServerSettingsReader.Describe("Detection:WebhookSecret")}: not a Standard Webhooks secret; give whsec_ followed by base64 of at least 24 random bytes");
            }
        }

        if (settings.WebhookUrl is not null && secretText is null)
        {
            problems.Add($"{ServerSettingsReader.Describe("Detection:WebhookSecret")}: Detection:WebhookUrl is set, so alerts must be signed; give the receiver's whsec_ secret");
        }

        if (secretText is not null && settings.WebhookUrl is null)
        {
            problems.Add($"{ServerSettingsReader.Describe("Detection:WebhookUrl")}: Detection:WebhookSecret is set but not the URL alerts are posted to");
        }

        if (settings.OcsfFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
        {
            problems.Add($"{ServerSettingsReader.Describe("Detection:OcsfFile")}: the folder of '{file}' does not exist; create it or give another path");
        }

        return settings;
    }

    private static DetectionConfig LoadConfig(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add($"{ServerSettingsReader.Describe("Detection:Config")}: '{path}' does not exist; give a detection YAML file, or remove the setting for the built-in policies/detection.yaml");
            return DetectionConfig.Default;
        }

        var result = DetectionConfigLoader.Load(File.ReadAllBytes(path), path);
        problems.AddRange(result.Problems.Where(p => p.IsError).Select(p => $"{ServerSettingsReader.Describe("Detection:Config")}: {p}"));
        return result.Config ?? DetectionConfig.Default;
    }

    private static string? Optional(IConfiguration configuration, string key) => configuration[key] is { Length: > 0 } value ? value : null;

    private static Uri? Url(IConfiguration configuration, string key, string[] schemes, string example, List<string> problems)
    {
        if (Optional(configuration, key) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && schemes.Contains(url.Scheme) && (url.Scheme is "http" or "https" || url.Port > 0))
        {
            return url;
        }

        problems.Add($"{ServerSettingsReader.Describe(key)}: '{text}' is not a {string.Join(" or ", schemes)} address with a port where needed, e.g. {example}");
        return null;
    }
}
