using ResetTrail.Core.Policy;

namespace ResetTrail.Detection.Config;

/// <summary>
/// Everything about detection that is configuration, not code: the engine's lateness and state bounds, dedup and
/// throttle periods, business hours, privileged accounts, third parties' contract hours, and each rule's settings.
/// Read from YAML by <see cref="DetectionConfigLoader"/>; <see cref="Default"/> is policies/detection.yaml.
/// </summary>
public sealed record DetectionConfig
{
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxBuffered { get; init; } = 100_000;

    /// <summary>Keys (accounts, agents, callers) one rule keeps state for.</summary>
    public int MaxKeys { get; init; } = 100_000;

    /// <summary>Events one rule keeps per key.</summary>
    public int MaxPerKey { get; init; } = 1_000;

    /// <summary>How long an alert id is remembered to drop the same alert raised again.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Default: at most one alert per rule and subject in this period (a rule may set its own).</summary>
    public TimeSpan Throttle { get; init; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<BusinessHours> Sites { get; init; } = [];

    public IReadOnlyList<AccountRule> Accounts { get; init; } = [];

    /// <summary>Globs over role names that make an account privileged once granted (*admin*, Global Administrator).</summary>
    public IReadOnlyList<string> PrivilegedRoles { get; init; } = [];

    public IReadOnlyList<ThirdParty> ThirdParties { get; init; } = [];

    /// <summary>Globs over source event types that mean the admin console was reached.</summary>
    public IReadOnlyList<string> AdminConsoleEvents { get; init; } = [];

    /// <summary>Globs over account names whose creation is a published breach indicator (svc_network_backup).</summary>
    public IReadOnlyList<string> IndicatorAccounts { get; init; } = [];

    /// <summary>The fewest approvals detection expects per tier, whatever the case's policy required.</summary>
    public IReadOnlyDictionary<Tier, int> TierApprovals { get; init; } = new Dictionary<Tier, int>();

    /// <summary>Tiers whose resets must be done under dual control: executor plus at least one other approver.</summary>
    public IReadOnlyList<Tier> DualControlTiers { get; init; } = [];

    public IReadOnlyDictionary<string, RuleSettings> Rules { get; init; } = new Dictionary<string, RuleSettings>();

    public IReadOnlyList<RuleInstance> Instances { get; init; } = [];

    /// <summary>The commented default file, policies/detection.yaml, compiled in.</summary>
    public static DetectionConfig Default => DefaultFile.Value;

    private static readonly Lazy<DetectionConfig> DefaultFile = new(() =>
    {
        using var stream = typeof(DetectionConfig).Assembly.GetManifestResourceStream("ResetTrail.Detection.detection.yaml")
            ?? throw new InvalidOperationException("the default detection configuration is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var loaded = DetectionConfigLoader.Load(buffer.ToArray(), "policies/detection.yaml");
        return loaded.Config ?? throw new InvalidOperationException("the default detection configuration does not load: " + string.Join("; ", loaded.Problems));
    });

    public RuleSettings SettingsFor(string ruleId) => Rules.TryGetValue(ruleId, out var s) ? s : new RuleSettings();

    /// <summary>The site an account belongs to (first matching account rule), or the first site, or null when there are none.</summary>
    public BusinessHours? SiteOf(string account, string? named)
    {
        var wanted = named ?? Accounts.FirstOrDefault(a => a.Site is not null && Core.Policy.Deciding.Glob.Matches(a.Match, account))?.Site;
        return Sites.FirstOrDefault(s => s.Site == wanted) ?? (Sites.Count > 0 ? Sites[0] : null);
    }

    public bool IsPrivilegedAccount(string account) => Accounts.Any(a => a.Privileged && Core.Policy.Deciding.Glob.Matches(a.Match, account));

    public bool IsPrivilegedRole(string? role) => role is not null && PrivilegedRoles.Any(p => Core.Policy.Deciding.Glob.Matches(p, role));
}
