using ResetTrail.Core.Policy.Model;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads the requirement keys shared by <c>defaults:</c> and each rule.</summary>
internal static class RequirementsReader
{
    public static readonly string[] Keys =
        ["verification", "approvals", "distinct", "business_hours", "cooling_off", "emergency", "tasks", "follow_up", "retention", "after_failed_verification"];

    public static Requirements Read(YamlNode node, string path, PolicyNames names, ProblemList problems) =>
        MapReader.Open(node, path, problems, Keys) is { } block ? Read(block, path, names) : Requirements.None;

    /// <summary>The requirement keys of <paramref name="block"/>, attributed to <paramref name="ruleId"/>.</summary>
    public static Requirements Read(MapReader block, string ruleId, PolicyNames names)
    {
        var requirements = new Requirements
        {
            Distinct = block.SourcedRef("distinct", DistinctReader.Read(block), ruleId),
            CoolingOff = block.Sourced("cooling_off", block.Duration("cooling_off"), ruleId),
            Tasks = block.SourcedRef("tasks", TaskReader.Read(block), ruleId),
            FollowUp = block.Sourced("follow_up", block.Duration("follow_up"), ruleId),
            Retention = block.SourcedRef("retention", Retention(block, names), ruleId),
            BusinessHours = BusinessHours(block, names, ruleId),
            Emergency = Emergency(block, names, ruleId),
            AfterFailure = block.SourcedRef("after_failed_verification", AfterFailure(block), ruleId),
        };
        requirements = VerificationReader.Read(block, names, ruleId, requirements);
        return ApprovalsReader.Read(block, names, ruleId, requirements);
    }

    private static string? Retention(MapReader block, PolicyNames names)
    {
        var name = block.Text("retention");
        if (name is not null && !names.RetentionClasses.ContainsKey(name))
        {
            block.Problems.Error(block.Value("retention")!, block.Field("retention"), PolicyProblemCodes.UnknownName,
                $"retention class '{name}' is not declared under retention_classes");
            return null;
        }

        return name;
    }

    private static Sourced<BusinessHoursChoice?>? BusinessHours(MapReader block, PolicyNames names, string ruleId)
    {
        if (block.Value("business_hours") is not { } node)
        {
            return null;
        }

        if (IsNone(node))
        {
            return new(null, ruleId, block.LineOf("business_hours"));
        }

        if (MapReader.Open(node, block.Field("business_hours"), block.Problems, "site", "outside") is not { } hours)
        {
            return null;
        }

        var site = hours.Text("site");
        if (site is not null && names.Sites.All(s => s.Name != site))
        {
            block.Problems.Error(hours.Value("site")!, hours.Field("site"), PolicyProblemCodes.UnknownName, $"site '{site}' is not declared under sites");
        }
        else if (names.Sites.Count == 0)
        {
            block.Problems.Error(node, block.Field("business_hours"), PolicyProblemCodes.Missing, "business hours need at least one site under sites");
        }

        var outside = hours.Text("outside", required: true);
        if (outside is not null and not ("deny" or "emergency"))
        {
            block.Problems.Error(hours.Value("outside")!, hours.Field("outside"), PolicyProblemCodes.Invalid, $"'{outside}' is not deny or emergency");
            outside = null;
        }

        return outside is null ? null : new(new BusinessHoursChoice(site, outside), ruleId, block.LineOf("business_hours"));
    }

    private static Sourced<EmergencyChoice?>? Emergency(MapReader block, PolicyNames names, string ruleId)
    {
        if (block.Value("emergency") is not { } node)
        {
            return null;
        }

        if (IsNone(node))
        {
            return new(null, ruleId, block.LineOf("emergency"));
        }

        if (MapReader.Open(node, block.Field("emergency"), block.Problems, "approvals", "review_within", "review_by") is not { } emergency)
        {
            return null;
        }

        var approvals = emergency.Int("approvals", 0, 10, required: true);
        var within = emergency.Duration("review_within", required: true);
        var reviewer = Authority(emergency, "review_by", names, required: true);
        return approvals is null || within is null || reviewer is null
            ? null
            : new(new EmergencyChoice(approvals.Value, within.Value, reviewer), ruleId, block.LineOf("emergency"));
    }

    private static FailureTightening? AfterFailure(MapReader block)
    {
        if (block.Value("after_failed_verification") is not { } node
            || MapReader.Open(node, block.Field("after_failed_verification"), block.Problems, "add_strength", "add_approvals", "require_callback", "require_step_up", "deny_after") is not { } after)
        {
            return null;
        }

        return new FailureTightening(
            after.Int("add_strength", 0, MethodStrengths.Strongest) ?? 0,
            after.Int("add_approvals", 0, 5) ?? 0,
            after.Bool("require_callback") ?? false,
            after.Bool("require_step_up") ?? false,
            after.Int("deny_after", 0, 100) ?? 0);
    }

    /// <summary>An approval or review authority; it must be declared under <c>authorities</c>, so a typo is caught.</summary>
    public static string? Authority(MapReader block, string key, PolicyNames names, bool required = false)
    {
        var name = block.Text(key, required);
        return name is null ? null : CheckAuthority(block.Value(key)!, block.Field(key), name, names, block.Problems);
    }

    public static string? CheckAuthority(YamlNode node, string field, string name, PolicyNames names, ProblemList problems)
    {
        if (names.Authorities.ContainsKey(name))
        {
            return name;
        }

        problems.Error(node, field, PolicyProblemCodes.UnknownName, $"authority '{name}' is not declared under authorities");
        return null;
    }

    private static bool IsNone(YamlNode node) => node is YamlScalar { Plain: true, Value: "none" };
}
