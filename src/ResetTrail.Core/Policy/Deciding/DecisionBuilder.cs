using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Deciding;

/// <summary>
/// Turns a request into a decision: the tier, the first rule that matches, the rule's requirements over the
/// defaults, the site's hours, then "stricter after failure". Every requirement is explained with the rule id
/// and line that set it ("defaults" for inherited values, "built-in" with line 0 for what the file never says).
/// </summary>
internal static class DecisionBuilder
{
    public const string NoRule = "no-rule-matched";

    /// <summary>Approvals older than this are void unless the policy says otherwise.</summary>
    internal static readonly TimeSpan BuiltInApprovalValidity = TimeSpan.FromHours(4);

    public static PolicyDecision Build(PolicyDocument document, string hash, RequestFacts facts)
    {
        var tier = TierAssigner.Assign(document, facts.Target);
        var explain = new Explainer();
        explain.Add("tier", tier.RuleId, tier.Line, $"{WireName.Of(tier.Tier)}: {tier.Why}");

        var rule = document.Rules.FirstOrDefault(r => r.Match.Covers(tier.Tier, facts.Kind, facts.Channel, facts.Initiator));
        var merged = (rule?.Requirements ?? Requirements.None).Over(document.Defaults);
        if (rule is null)
        {
            explain.Add("rule", NoRule, 0, $"no rule matches {WireName.Of(tier.Tier)} {WireName.Of(facts.Kind)} over {WireName.Of(facts.Channel)} by {WireName.Of(facts.Initiator)}: denied");
        }
        else
        {
            explain.Add("rule", rule.Id, rule.Line, "first rule in the file that matches the tier, kind, channel and initiator");
            explain.Add("allowed", rule.Allowed, v => v ? "yes" : $"no: {rule.Reason ?? "the policy forbids this request"}");
        }

        var decision = new PolicyDecision
        {
            PolicyHash = hash,
            PolicyVersion = document.Version,
            Tier = tier.Tier,
            Kind = facts.Kind,
            Channel = facts.Channel,
            Initiator = facts.Initiator,
            RuleId = rule?.Id ?? NoRule,
            RuleLine = rule?.Line ?? 0,
            Allowed = rule?.Allowed.Value ?? false,
            Verification = Verification(document, merged, explain),
            Approvals = Approvals(merged, explain),
            DistinctParties = explain.Add("distinct", merged.Distinct, [], pairs => pairs.Count == 0 ? "none" : string.Join(", ", pairs.Select(p => $"{WireName.Of(p.First)}≠{WireName.Of(p.Second)}"))),
            BusinessHours = SiteHours.Resolve(document, merged.BusinessHours, facts.Target, explain),
            CoolingOff = explain.Add("cooling_off", merged.CoolingOff, TimeSpan.Zero, v => v == TimeSpan.Zero ? "none" : $"{Reading.Durations.Format(v)} between the last approval and the execution"),
            Emergency = Emergency(merged, explain),
            Tasks = Tasks(merged, explain),
            RetentionClass = explain.Add("retention", merged.Retention, "unspecified", v => v),
        };

        decision = FailedVerifications.Tighten(decision, merged.AfterFailure, document.LookBack, facts.RecentFailedVerifications, explain);
        if (!decision.Allowed)
        {
            explain.KeepOnly("tier", "rule", "allowed", "retention", "after_failed_verification");
        }

        return decision with { Explanations = explain.All };
    }

    /// <summary>Each method with its strength, weak ones marked: "knowledge_questions (1, weak), in_person_badge (4)".</summary>
    public static string Describe(IEnumerable<VerificationMethod> methods, IReadOnlyDictionary<VerificationMethod, int> strengths) =>
        string.Join(", ", methods.Select(m => $"{WireName.Of(m)} ({strengths[m]}{(strengths[m] == MethodStrengths.Weak ? ", weak" : string.Empty)})"));

    public static string Approvals(int count) => count == 1 ? "1 approval" : $"{count} approvals";

    private static VerificationRequirement Verification(PolicyDocument document, Requirements merged, Explainer explain)
    {
        var methods = explain.Add("verification.methods", merged.Methods, [], list => Describe(list, document.Strengths));
        return new VerificationRequirement(methods, explain.Add("verification.min_strength", merged.MinStrength, MethodStrengths.Strongest, v => $"{v}"))
        {
            Strengths = document.Strengths,
            CallbackRequired = explain.Add("verification.callback", merged.Callback, false, v => v ? "a callback to the number on record, besides the method used" : "not required"),
            StepUpRequired = explain.Add("verification.step_up", merged.StepUp, false, v => v ? "a second accepted method (step-up)" : "not required"),
        };
    }

    private static ApprovalRequirement Approvals(Requirements merged, Explainer explain)
    {
        var count = explain.Add("approvals.count", merged.ApprovalCount, 0, Approvals);
        var from = explain.Add("approvals.from", merged.ApprovalFrom, [], v => v.Count == 0 ? "any authority" : string.Join(", ", v));
        var mustInclude = merged.ApprovalMustInclude is null ? [] : explain.Add("approvals.must_include", merged.ApprovalMustInclude, [], v => string.Join(", ", v));
        var validity = explain.Add("approvals.valid_for", merged.ApprovalValidity, BuiltInApprovalValidity, Reading.Durations.Format);
        return new ApprovalRequirement(count, from, validity) { MustInclude = mustInclude };
    }

    private static EmergencyPath? Emergency(Requirements merged, Explainer explain)
    {
        var choice = explain.Add("emergency", merged.Emergency, null, e => e is null
            ? "none"
            : $"{Approvals(e.Approvals)} now, review by {e.ReviewBy} within {Reading.Durations.Format(e.ReviewWithin)}");
        return choice is null ? null : new EmergencyPath(choice.Approvals, choice.ReviewWithin, choice.ReviewBy);
    }

    private static List<PostResetTask> Tasks(Requirements merged, Explainer explain)
    {
        var tasks = explain.Add("tasks", merged.Tasks, [], list => list.Count == 0
            ? "none"
            : string.Join(", ", list.Select(t => $"{WireName.Of(t.Kind)} within {Reading.Durations.Format(t.Deadline)}"))).ToList();
        if (merged.FollowUp is { } followUp)
        {
            // follow_up is the window in which the account's sign-ins are watched; it is the last task to close.
            tasks.RemoveAll(t => t.Kind == PostResetTaskKind.FollowUp);
            tasks.Add(new PostResetTask(PostResetTaskKind.FollowUp, explain.Add("follow_up", followUp, TimeSpan.Zero, v => $"sign-ins watched for {Reading.Durations.Format(v)} after the reset")));
        }

        return tasks;
    }
}
