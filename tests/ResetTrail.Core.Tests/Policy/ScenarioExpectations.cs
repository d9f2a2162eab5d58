using System.Globalization;
using ResetTrail.Core.Policy;
using YamlDotNet.RepresentationModel;
using static ResetTrail.Core.Tests.Policy.ScenarioTests;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>Compares a decision with the <c>expect:</c> block of a scenario, key by key.</summary>
internal static class ScenarioExpectations
{
    public static void Check(YamlMappingNode expect, PolicyDecision d)
    {
        foreach (var key in expect.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            var text = expect.Children[key] is YamlScalarNode scalar ? scalar.Value! : null;
            switch (key)
            {
                case "tier": Assert.Equal(text, WireName.Of(d.Tier)); break;
                case "tier_rule": Assert.Equal(text, d.Explanations.Single(e => e.Requirement == "tier").RuleId); break;
                case "rule": Assert.Equal(text, d.RuleId); break;
                case "allowed": Assert.Equal(bool.Parse(text!), d.Allowed); break;
                case "methods": Assert.Equal(List(expect, key), d.Verification.AcceptedMethods.Select(WireName.Of)); break;
                case "min_strength": Assert.Equal(Int(text), d.Verification.MinimumStrength); break;
                case "callback": Assert.Equal(bool.Parse(text!), d.Verification.CallbackRequired); break;
                case "step_up": Assert.Equal(bool.Parse(text!), d.Verification.StepUpRequired); break;
                case "approvals": Assert.Equal(Int(text), d.Approvals.Count); break;
                case "from": Assert.Equal(List(expect, key), d.Approvals.Authorities); break;
                case "must_include": Assert.Equal(List(expect, key), d.Approvals.MustInclude); break;
                case "valid_for": Assert.Equal(Duration(text!), d.Approvals.Validity); break;
                case "distinct": Assert.Equal(List(expect, key), d.DistinctParties.Select(p => $"{WireName.Of(p.First)}-{WireName.Of(p.Second)}")); break;
                case "distinct_pairs": Assert.Equal(Int(text), d.DistinctParties.Count); break;
                case "business_hours": CheckHours(expect.Children[key], d.BusinessHours); break;
                case "cooling_off": Assert.Equal(Duration(text!), d.CoolingOff); break;
                case "emergency": CheckEmergency(expect.Children[key], d.Emergency); break;
                case "tasks": CheckTasks((YamlMappingNode)expect.Children[key], d.Tasks); break;
                case "retention": Assert.Equal(text, d.RetentionClass); break;
                case "explains": CheckExplains((YamlMappingNode)expect.Children[key], d.Explanations); break;
                default: throw new InvalidOperationException($"fixture: unknown expectation '{key}'");
            }
        }
    }

    private static void CheckHours(YamlNode node, BusinessHours? hours)
    {
        if (node is YamlScalarNode { Value: "none" })
        {
            Assert.Null(hours);
            return;
        }

        var map = (YamlMappingNode)node;
        Assert.NotNull(hours);
        Assert.Equal(Text(map, "site"), hours.Site);
        Assert.Equal(Text(map, "time_zone"), hours.TimeZone);
        Assert.Equal(Text(map, "outside"), hours.Outside);
    }

    private static void CheckEmergency(YamlNode node, EmergencyPath? emergency)
    {
        if (node is YamlScalarNode { Value: "none" })
        {
            Assert.Null(emergency);
            return;
        }

        var map = (YamlMappingNode)node;
        Assert.Equal(new EmergencyPath(Int(Text(map, "approvals")), Duration(Text(map, "review_within")), Text(map, "review_by")), emergency);
    }

    private static void CheckTasks(YamlMappingNode map, IReadOnlyList<PostResetTask> tasks) =>
        Assert.Equal(
            map.Children.Select(kv => $"{((YamlScalarNode)kv.Key).Value} {Duration(((YamlScalarNode)kv.Value).Value!)}"),
            tasks.Select(t => $"{WireName.Of(t.Kind)} {t.Deadline}"));

    /// <summary><c>requirement: rule-id</c>: which rule the explanation of that requirement names.</summary>
    private static void CheckExplains(YamlMappingNode map, IReadOnlyList<Explanation> explanations)
    {
        foreach (var (requirement, rule) in map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value!)))
        {
            Assert.Equal(rule, explanations.Single(e => e.Requirement == requirement).RuleId);
        }
    }

    private static int Int(string? text) => int.Parse(text!, CultureInfo.InvariantCulture);
}
