using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;

namespace ResetTrail.Detection.Rules;

/// <summary>Every rule we ship, and the rule set a configuration asks for (enabled rules plus configured instances).</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<RuleDefinition>> Definitions =
        new(() => [.. PublishedRules.All(), .. CaseAwareRules.All()]);

    /// <summary>What every shipped rule is (id, title, severity, technique, owner), in id order.</summary>
    public static IReadOnlyList<RuleInfo> Rules => [.. Definitions.Value.Select(d => d.Info)];

    /// <summary>Rule ids an <c>instances:</c> entry may name in <c>of:</c> (those with a threshold or window to vary).</summary>
    public static IReadOnlyList<string> Configurable => [.. Definitions.Value.Where(d => d.Configurable).Select(d => d.Info.Id)];

    internal static RuleDefinition? Find(string id) => Definitions.Value.FirstOrDefault(d => d.Info.Id == id);

    internal static List<DetectionRule> Build(DetectionConfig config, RuleBuild build)
    {
        var rules = new List<DetectionRule>();
        foreach (var definition in Definitions.Value)
        {
            var settings = config.SettingsFor(definition.Info.Id);
            if (settings.Enabled)
            {
                rules.Add(definition.Create(definition.Info, settings, definition.Defaults, build));
            }
        }

        foreach (var instance in config.Instances.Where(i => i.Settings.Enabled))
        {
            var definition = Find(instance.Of) ?? throw new InvalidOperationException($"instance {instance.Id} names unknown rule {instance.Of}");
            var info = definition.Info with { Id = instance.Id, BaseId = definition.Info.Id };
            rules.Add(definition.Create(info, instance.Settings, definition.Defaults, build));
        }

        return rules;
    }
}
