using System.Text;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Policy.Reading;
using ResetTrail.Core.Policy.Yaml;
using ResetTrail.Detection.Rules;

namespace ResetTrail.Detection.Config;

/// <summary>
/// Reads a detection configuration (policies/detection.yaml) with the policy file's YAML reader: every problem is
/// reported with file, line, column and field, unknown keys are errors (a typo must not silently disable a rule),
/// and nothing loads while any error remains.
/// </summary>
public static class DetectionConfigLoader
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] TopKeys =
    [
        "version", "engine", "sites", "accounts", "privileged_roles", "admin_console_events", "indicator_accounts",
        "tier_approvals", "dual_control_tiers", "third_parties", "rules", "instances",
    ];

    private static readonly string[] EngineKeys = ["allowed_lateness", "max_buffered", "max_keys", "max_per_key", "dedup_window", "throttle"];
    private static readonly string[] RuleKeys = ["enabled", "threshold", "window", "throttle", "allow", "severity"];
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static DetectionConfigResult Load(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var problems = new ProblemList(sourceName);
        string? text = null;
        if (bytes.Length > MaxBytes)
        {
            problems.Error(1, 1, string.Empty, PolicyProblemCodes.File, $"the file is {bytes.Length} bytes; a detection configuration may have at most {MaxBytes}");
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                problems.Error(1, 1, string.Empty, PolicyProblemCodes.File, "the file is not UTF-8 text");
            }
        }

        var root = text is null ? null : YamlTreeReader.Read(text.TrimStart('\uFEFF'), problems);
        var config = root is null ? null : Read(root, problems);
        var ordered = problems.All.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new DetectionConfigResult(problems.HasErrors ? null : config, ordered);
    }

    private static DetectionConfig? Read(YamlNode root, ProblemList problems)
    {
        if (MapReader.Open(root, string.Empty, problems, TopKeys) is not { } top)
        {
            return null;
        }

        if (top.Text("version", required: true) is { } version && version != "1")
        {
            problems.Error(top.Value("version")!, "version", PolicyProblemCodes.Invalid, $"version '{version}' is not supported; this build reads version 1");
        }

        var sites = SiteReader.Read(top).Select(s => new BusinessHours(s.Name, s.TimeZone, s.Days, s.Start, s.End)).ToList();
        var config = new DetectionConfig
        {
            Sites = sites,
            Accounts = ReadAccounts(top, sites),
            PrivilegedRoles = Texts(top, "privileged_roles"),
            AdminConsoleEvents = Texts(top, "admin_console_events"),
            IndicatorAccounts = Texts(top, "indicator_accounts"),
            TierApprovals = ReadTierApprovals(top),
            DualControlTiers = top.Value("dual_control_tiers") is { } tiers ? [.. Scalars.EnumSet<Tier>(tiers, "dual_control_tiers", problems, out _) ?? new HashSet<Tier>()] : [],
            ThirdParties = ReadThirdParties(top, sites),
            Rules = ReadRules(top),
        };

        config = config with { Instances = ReadInstances(top) };
        return ReadEngine(top, config);
    }

    private static DetectionConfig ReadEngine(MapReader top, DetectionConfig config)
    {
        if (top.Value("engine") is not { } node || MapReader.Open(node, "engine", top.Problems, EngineKeys) is not { } engine)
        {
            return config;
        }

        return config with
        {
            AllowedLateness = engine.Duration("allowed_lateness") ?? config.AllowedLateness,
            MaxBuffered = engine.Int("max_buffered", 1, 10_000_000) ?? config.MaxBuffered,
            MaxKeys = engine.Int("max_keys", 1, 10_000_000) ?? config.MaxKeys,
            MaxPerKey = engine.Int("max_per_key", 1, 1_000_000) ?? config.MaxPerKey,
            DedupWindow = engine.Duration("dedup_window") ?? config.DedupWindow,
            Throttle = engine.Duration("throttle") ?? config.Throttle,
        };
    }

    private static List<string> Texts(MapReader top, string key) =>
        top.Value(key) is { } node ? [.. Scalars.TextList(node, key, top.Problems) ?? []] : [];

    private static List<AccountRule> ReadAccounts(MapReader top, List<BusinessHours> sites)
    {
        var accounts = new List<AccountRule>();
        foreach (var (item, field) in Items(top, "accounts"))
        {
            if (MapReader.Open(item, field, top.Problems, "match", "site", "privileged") is not { } entry)
            {
                continue;
            }

            var site = entry.Text("site");
            if (site is not null && sites.All(s => s.Site != site))
            {
                top.Problems.Error(entry.Value("site")!, entry.Field("site"), PolicyProblemCodes.UnknownName, $"site '{site}' is not defined under sites:");
            }

            if (entry.Text("match", required: true) is { } match)
            {
                accounts.Add(new AccountRule(match, site, entry.Bool("privileged") ?? false));
            }
        }

        return accounts;
    }

    private static Dictionary<Tier, int> ReadTierApprovals(MapReader top)
    {
        var result = new Dictionary<Tier, int>();
        if (top.Value("tier_approvals") is not { } node)
        {
            return result;
        }

        var keys = Core.WireName.All<Tier>().ToArray();
        if (MapReader.Open(node, "tier_approvals", top.Problems, keys) is not { } map)
        {
            return result;
        }

        foreach (var key in keys.Where(map.Has))
        {
            if (map.Int(key, 0, 10) is { } count && Core.WireName.TryParse<Tier>(key, out var tier))
            {
                result[tier] = count;
            }
        }

        return result;
    }

    private static List<ThirdParty> ReadThirdParties(MapReader top, List<BusinessHours> sites)
    {
        var parties = new List<ThirdParty>();
        foreach (var (item, field) in Items(top, "third_parties"))
        {
            if (MapReader.Open(item, field, top.Problems, "name", "actors", "hours") is not { } entry)
            {
                continue;
            }

            var name = entry.Text("name", required: true);
            var actors = entry.Value("actors") is { } a ? Scalars.TextList(a, entry.Field("actors"), top.Problems) ?? [] : [];
            var hoursName = entry.Text("hours", required: true);
            var hours = sites.FirstOrDefault(s => s.Site == hoursName);
            if (hoursName is not null && hours is null)
            {
                top.Problems.Error(entry.Value("hours")!, entry.Field("hours"), PolicyProblemCodes.UnknownName,
                    $"'{hoursName}' is not defined under sites: (contract hours are written as a site)");
            }

            if (name is not null && hours is not null)
            {
                parties.Add(new ThirdParty(name, actors, hours));
            }
        }

        return parties;
    }

    private static Dictionary<string, RuleSettings> ReadRules(MapReader top)
    {
        var rules = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        if (top.Value("rules") is not { } node)
        {
            return rules;
        }

        if (node is not YamlMapping mapping)
        {
            top.Problems.Error(node, "rules", PolicyProblemCodes.Structure, "expected a mapping from rule id (RT-D001 ...) to its settings");
            return rules;
        }

        foreach (var (key, value) in mapping.Entries)
        {
            var field = $"rules.{key.Value}";
            if (RuleCatalog.Find(key.Value) is null)
            {
                top.Problems.Error(key, field, PolicyProblemCodes.UnknownName, $"no rule has the id '{key.Value}' (see docs/design/detection.md for the list)");
                continue;
            }

            if (ReadSettings(value, field, top.Problems) is { } settings)
            {
                rules[key.Value] = settings with { Line = key.Line };
            }
        }

        return rules;
    }

    private static List<RuleInstance> ReadInstances(MapReader top)
    {
        var instances = new List<RuleInstance>();
        foreach (var (item, field) in Items(top, "instances"))
        {
            if (MapReader.Open(item, field, top.Problems, ["id", "of", .. RuleKeys]) is not { } entry)
            {
                continue;
            }

            var id = entry.Text("id", required: true);
            var of = entry.Text("of", required: true);
            if (id is not null && (RuleCatalog.Find(id) is not null || instances.Any(i => i.Id == id)))
            {
                top.Problems.Error(entry.Value("id")!, entry.Field("id"), PolicyProblemCodes.Duplicate, $"the id '{id}' is taken; an instance needs an id of its own");
            }

            if (of is not null && !RuleCatalog.Configurable.Contains(of))
            {
                top.Problems.Error(entry.Value("of")!, entry.Field("of"), PolicyProblemCodes.UnknownName,
                    $"'{of}' cannot take instances; one of: {string.Join(", ", RuleCatalog.Configurable)}");
            }

            var settings = ReadSettings(entry, top.Problems);
            if (id is not null && of is not null)
            {
                instances.Add(new RuleInstance(id, of, settings with { Line = item.Line }));
            }
        }

        return instances;
    }

    private static RuleSettings? ReadSettings(YamlNode node, string field, ProblemList problems) =>
        MapReader.Open(node, field, problems, RuleKeys) is { } map ? ReadSettings(map, problems) : null;

    private static RuleSettings ReadSettings(MapReader map, ProblemList problems)
    {
        var window = map.Duration("window");
        if (window is { Ticks: 0 })
        {
            problems.Error(map.Value("window")!, map.Field("window"), PolicyProblemCodes.Invalid, "a window of 0 never holds two events; give a duration such as 30m");
        }

        return new RuleSettings
        {
            Enabled = map.Bool("enabled") ?? true,
            Threshold = map.Int("threshold", 1, 1_000_000),
            Window = window,
            Throttle = map.Duration("throttle"),
            Allow = map.Value("allow") is { } allow ? Scalars.TextList(allow, map.Field("allow"), problems) ?? [] : [],
            Severity = map.Enum<Alerts.Severity>("severity"),
        };
    }

    private static IReadOnlyList<(YamlNode Node, string Field)> Items(MapReader top, string key) =>
        top.Value(key) is { } node ? Scalars.Items(node, key, top.Problems) ?? [] : [];
}
