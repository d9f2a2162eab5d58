using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ResetTrail.Server.Hosting;

/// <summary>
/// Reads and validates <see cref="ServerSettings"/>. Every problem names the setting, where it came from (file
/// key and environment variable) and how to fix it; a server that would start half-configured does not start.
/// </summary>
public static class ServerSettingsReader
{
    public const string EnvironmentPrefix = "RESETTRAIL_";

    private static readonly string[] Known = ["Db", "KeyFile", "SecretsKeyFile", "Origin", "Urls", "Limits", "Limits:MaxRequestBodyBytes", "Limits:TokenRequestsPerMinute", .. Ingest.IngestSettings.Keys, .. Detection.DetectionSettings.Keys];

    private static readonly string[] Sections = ["Limits", "Ingest", "Detection", "Identity", "Identity:Oidc"];

    /// <summary>Every setting a file or the environment may give (section names left out), for help and documentation.</summary>
    public static IReadOnlyList<string> Settings { get; } =
        [.. Known.Concat(Identity.IdentitySettingsReader.Fixed).Where(k => !Sections.Contains(k, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Settings from the file (optional), the environment and the command line, in rising precedence.</summary>
    public static (ServerSettings? Settings, IReadOnlyList<string> Problems) Read(string? configFile, IReadOnlyDictionary<string, string?> commandLine)
    {
        var problems = new List<string>();
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                return (null, [$"--config '{configFile}': no such file; give the path of a JSON settings file"]);
            }

            try
            {
                var file = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(configFile), optional: false).Build();
                problems.AddRange(file.AsEnumerable().Select(kv => kv.Key).Where(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase) && !ResetTrail.Server.Identity.IdentitySettingsReader.IsKnown(k))
                    .Select(k => $"'{configFile}': unknown setting '{k}'; the settings are {string.Join(", ", Settings)} (docs/design/server.md, Settings)"));
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                return (null, [$"--config '{configFile}' is not valid JSON: {e.Message}"]);
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        var configuration = builder.AddEnvironmentVariables(EnvironmentPrefix).AddInMemoryCollection(commandLine).Build();
        var defaults = new ServerSettings();
        var settings = new ServerSettings
        {
            Db = Text(configuration, "Db", defaults.Db, problems),
            KeyFile = configuration["KeyFile"] is { Length: > 0 } key ? key : null,
            SecretsKeyFile = configuration["SecretsKeyFile"] is { Length: > 0 } secrets ? secrets : null,
            Origin = Text(configuration, "Origin", defaults.Origin, problems),
            Urls = Text(configuration, "Urls", defaults.Urls, problems),
            Limits = new ServerLimits
            {
                MaxRequestBodyBytes = Number(configuration, "Limits:MaxRequestBodyBytes", defaults.Limits.MaxRequestBodyBytes, 1024, 64L << 20, problems),
                TokenRequestsPerMinute = (int)Number(configuration, "Limits:TokenRequestsPerMinute", defaults.Limits.TokenRequestsPerMinute, 1, 100_000, problems),
            },
            Ingest = Ingest.IngestSettings.Read(configuration, problems),
            Identity = ResetTrail.Server.Identity.IdentitySettingsReader.Read(configuration, problems, Describe),
            Detection = Detection.DetectionSettings.Read(configuration, problems),
        };
        if (settings.Origin.Length == 0 || settings.Origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            problems.Add(Problem("Origin", $"'{settings.Origin}' must be non-empty with no spaces or '+', e.g. example.com/resettrail"));
        }

        foreach (var url in settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.AbsolutePath != "/")
            {
                problems.Add(Problem("Urls", $"'{url}' is not a listening address; write http://HOST:PORT (or https://), several separated by ';'"));
            }
        }

        return problems.Count == 0 ? (settings, problems) : (null, problems);
    }

    /// <summary>How a setting is named in each place it can be given.</summary>
    public static string Describe(string key) =>
        $"setting {key} (JSON {key.Replace(':', '.')} in the --config file, environment {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()})";

    private static string Problem(string key, string what) => $"{Describe(key)}: {what}";

    private static string Text(IConfiguration configuration, string key, string fallback, List<string> problems)
    {
        var value = configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(Problem(key, "is empty; remove it to use the default, or give a value"));
        }

        return value;
    }

    internal static long Number(IConfiguration configuration, string key, long fallback, long min, long max, List<string> problems)
    {
        var value = configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            problems.Add(Problem(key, $"'{value}' must be a whole number from {min} to {max}"));
            return fallback;
        }

        return number;
    }
}
