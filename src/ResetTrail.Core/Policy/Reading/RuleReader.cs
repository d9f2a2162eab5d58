using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy.Model;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>rules:</c>, in file order, and checks that each rule, with the defaults it inherits, is complete.</summary>
internal static class RuleReader
{
    private static readonly string[] Keys = ["id", "match", "allowed", "reason", .. RequirementsReader.Keys];

    public static IReadOnlyList<PolicyRule> Read(MapReader top, PolicyNames names, Requirements defaults)
    {
        var rules = new List<PolicyRule>();
        if (top.Value("rules", required: true) is not { } node || Scalars.Items(node, "rules", top.Problems) is not { } items)
        {
            return rules;
        }

        foreach (var (item, field) in items)
        {
            if (MapReader.Open(item, field, top.Problems, Keys) is not { } entry)
            {
                continue;
            }

            var id = Ids.Read(entry, rules.Select(r => r.Id));
            var match = entry.Value("match", required: true) is { } m ? ReadMatch(m, entry.Field("match"), top.Problems) : null;
            var allowed = entry.Bool("allowed") ?? true;
            var requirements = RequirementsReader.Read(entry, id ?? string.Empty, names);
            if (id is null || match is null)
            {
                continue;
            }

            var rule = new PolicyRule(id, item.Line, match, requirements)
            {
                Allowed = new(allowed, id, entry.Has("allowed") ? entry.LineOf("allowed") : item.Line),
                Reason = entry.Text("reason"),
                Column = item.Column,
            };
            CheckComplete(entry, rule, rule.Requirements.Over(defaults), names);
            rules.Add(rule);
        }

        return rules;
    }

    private static RuleMatch? ReadMatch(YamlNode node, string field, ProblemList problems)
    {
        if (node is YamlScalar { Plain: true, Value: "any" })
        {
            return RuleMatch.Any;
        }

        if (MapReader.Open(node, field, problems, "tiers", "kinds", "channels", "initiators") is not { } match)
        {
            return null;
        }

        return new RuleMatch(Set<Tier>(match, "tiers"), Set<ResetKind>(match, "kinds"), Set<Channel>(match, "channels"), Set<InitiatorType>(match, "initiators"));
    }

    private static IReadOnlySet<T>? Set<T>(MapReader match, string key)
        where T : struct, Enum =>
        match.Value(key) is { } node ? Scalars.EnumSet<T>(node, match.Field(key), match.Problems, out _) : null;

    /// <summary>What a rule needs once the defaults are applied; checked here so a decision never meets a gap.</summary>
    private static void CheckComplete(MapReader entry, PolicyRule rule, Requirements merged, PolicyNames names)
    {
        void Missing(string field, string why) => entry.Problems.Error(entry.Node, entry.Field(field), PolicyProblemCodes.Missing, why);

        if (merged.Retention is null)
        {
            Missing("retention", "no retention class here or in defaults; every case's evidence needs one");
        }

        if (!rule.Allowed.Value)
        {
            return;
        }

        if (merged.Methods is null || merged.MinStrength is null)
        {
            Missing("verification", "verification.methods and verification.min_strength must be set here or in defaults");
        }
        else if (merged.Methods.Value.Where(m => names.Strengths[m] < merged.MinStrength.Value).ToList() is { Count: > 0 } weak)
        {
            entry.Problems.Warning(entry.Node.Line, entry.Node.Column, entry.Field("verification.methods"), PolicyProblemCodes.WeakMethod,
                $"{string.Join(", ", weak.Select(WireName.Of))} can never meet min_strength {merged.MinStrength.Value}");
        }

        if (merged.BusinessHours?.Value is { Outside: "emergency" } && merged.Emergency?.Value is null)
        {
            Missing("emergency", "business_hours.outside is emergency but this rule has no emergency path");
        }

        var validity = merged.ApprovalValidity?.Value ?? Deciding.DecisionBuilder.BuiltInApprovalValidity;
        if ((merged.ApprovalCount?.Value ?? 0) > 0 && merged.CoolingOff?.Value is { } coolingOff && coolingOff >= validity)
        {
            entry.Problems.Warning(entry.Node.Line, entry.Node.Column, entry.Field("cooling_off"), PolicyProblemCodes.NeverExecutable,
                $"cooling_off {Durations.Format(coolingOff)} is not shorter than approvals.valid_for {Durations.Format(validity)}: the approvals expire before the reset may run; shorten cooling_off or lengthen valid_for");
        }

        if (merged.Emergency?.Value is { } emergency && emergency.Approvals > (merged.ApprovalCount?.Value ?? 0))
        {
            entry.Problems.Error(entry.Node, entry.Field("emergency.approvals"), PolicyProblemCodes.Invalid,
                $"the emergency path needs {emergency.Approvals} approvals, more than the {merged.ApprovalCount?.Value ?? 0} of the normal path");
        }
    }
}
