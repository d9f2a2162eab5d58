using ResetTrail.Core.Policy.Model;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads the top level of a policy file. Named things (sites, authorities, retention classes) first, so rules can be checked against them.</summary>
internal static class DocumentReader
{
    private static readonly string[] Keys =
        ["version", "look_back", "methods", "sites", "authorities", "retention_classes", "tiers", "default_tier", "defaults", "rules"];

    public static PolicyDocument? Read(YamlNode root, ProblemList problems)
    {
        if (MapReader.Open(root, string.Empty, problems, Keys) is not { } top)
        {
            return null;
        }

        var version = top.Text("version", required: true);
        var names = new PolicyNames
        {
            Strengths = ReadStrengths(top),
            Sites = SiteReader.Read(top),
            Authorities = ReadNamed(top, "authorities", (node, field) => Scalars.Text(node, field, problems)),
            RetentionClasses = ReadNamed(top, "retention_classes", (node, field) => Scalars.Duration(node, field, problems) is { } keep ? (object)keep : null)
                .ToDictionary(kv => kv.Key, kv => (TimeSpan)kv.Value, StringComparer.Ordinal),
        };

        var defaultsNode = top.Value("defaults");
        var defaults = defaultsNode is null ? Requirements.None : RequirementsReader.Read(defaultsNode, "defaults", names, problems);
        var document = new PolicyDocument(version ?? string.Empty)
        {
            LookBack = top.Duration("look_back") ?? TimeSpan.FromDays(30),
            Strengths = names.Strengths,
            Sites = names.Sites,
            Authorities = names.Authorities,
            RetentionClasses = names.RetentionClasses,
            TierAssignments = TierReader.Read(top),
            DefaultTier = top.Sourced("default_tier", top.Enum<Tier>("default_tier"), "default_tier") ?? new(Tier.Standard, "built-in", 0),
            Defaults = defaults,
            DefaultsLine = defaultsNode?.Line ?? 0,
            Rules = RuleReader.Read(top, names, defaults),
        };
        return document;
    }

    private static Dictionary<VerificationMethod, int> ReadStrengths(MapReader top)
    {
        var strengths = new Dictionary<VerificationMethod, int>(MethodStrengths.Defaults);
        if (top.Value("methods") is not { } node || MapReader.Open(node, "methods", top.Problems, [.. WireName.All<VerificationMethod>()]) is not { } methods)
        {
            return strengths;
        }

        foreach (var method in Enum.GetValues<VerificationMethod>())
        {
            if (methods.Int(WireName.Of(method), MethodStrengths.Weak, MethodStrengths.Strongest) is { } strength)
            {
                strengths[method] = strength;
            }
        }

        return strengths;
    }

    private static Dictionary<string, T> ReadNamed<T>(MapReader top, string key, Func<YamlNode, string, T?> read)
        where T : class
    {
        var named = new Dictionary<string, T>(StringComparer.Ordinal);
        if (top.Value(key) is not { } node)
        {
            return named;
        }

        if (node is not YamlMapping mapping)
        {
            top.Problems.Error(node, key, PolicyProblemCodes.Structure, "expected a mapping of names (name: value)");
            return named;
        }

        foreach (var (name, value) in mapping.Entries)
        {
            if (!Names.IsValid(name.Value))
            {
                top.Problems.Error(name, $"{key}.{name.Value}", PolicyProblemCodes.Invalid, Names.Rule);
            }
            else if (read(value, $"{key}.{name.Value}") is { } item)
            {
                named[name.Value] = item;
            }
        }

        return named;
    }
}
