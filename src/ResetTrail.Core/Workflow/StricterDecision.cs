using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Whether a decision recorded after a failed verification is at least as strict as the one in force, in every
/// requirement: the entry carries the whole decision, so a replay must not accept one that quietly drops a
/// task, widens the hours or adds an emergency path while raising the strength.
/// </summary>
internal static class StricterDecision
{
    /// <summary>The first respect in which <paramref name="after"/> is looser than <paramref name="before"/>, or null.</summary>
    public static string? Loosening(PolicyDecision before, PolicyDecision after)
    {
        var (v0, v1) = (before.Verification, after.Verification);
        var (a0, a1) = (before.Approvals, after.Approvals);
        return after.PolicyHash != before.PolicyHash ? "the policy version"
            : after.Tier != before.Tier || after.Kind != before.Kind || after.Channel != before.Channel || after.Initiator != before.Initiator ? "the request it decides"
            : after.Allowed && !before.Allowed ? "whether the request is allowed"
            : !v1.AcceptedMethods.All(v0.AcceptedMethods.Contains) ? "the accepted methods"
            : v1.MinimumStrength < v0.MinimumStrength ? "the minimum strength"
            : v1.AcceptedMethods.Any(m => Strength(v1, m) > Strength(v0, m)) ? "the strength of a method"
            : (v0.CallbackRequired && !v1.CallbackRequired) || (v0.StepUpRequired && !v1.StepUpRequired) ? "the callback or step-up"
            : a1.Count < a0.Count ? "the number of approvals"
            : a0.Authorities.Count > 0 && (a1.Authorities.Count == 0 || !a1.Authorities.All(a => a0.Authorities.Contains(a, StringComparer.OrdinalIgnoreCase))) ? "the approval authorities"
            : !a0.MustInclude.All(m => a1.MustInclude.Contains(m, StringComparer.OrdinalIgnoreCase)) ? "the authorities that must approve"
            : a1.Validity > a0.Validity ? "how long an approval is valid"
            : !before.DistinctParties.All(p => after.DistinctParties.Any(q => (q.First, q.Second) == p || (q.Second, q.First) == p)) ? "the separation of duties"
            : after.CoolingOff < before.CoolingOff ? "the cooling-off period"
            : HoursLooser(before.BusinessHours, after.BusinessHours) ? "the business hours"
            : EmergencyLooser(before.Emergency, after.Emergency) ? "the emergency path"
            : !before.Tasks.All(t => after.Tasks.Any(u => u.Kind == t.Kind && u.Deadline <= t.Deadline)) ? "the post-reset tasks"
            : null;
    }

    private static int Strength(VerificationRequirement requirement, VerificationMethod method) =>
        requirement.Strengths.TryGetValue(method, out var strength) ? strength : 0;

    private static bool HoursLooser(BusinessHours? before, BusinessHours? after) =>
        before is not null && (after is null || after.Site != before.Site || after.TimeZone != before.TimeZone
            || !after.Days.All(before.Days.Contains) || after.Start < before.Start || after.End > before.End
            || (before.Outside == "deny" && after.Outside != "deny"));

    private static bool EmergencyLooser(EmergencyPath? before, EmergencyPath? after) =>
        after is not null && (before is null || after.Approvals < before.Approvals || after.ReviewWithin > before.ReviewWithin
            || !string.Equals(after.ReviewAuthority, before.ReviewAuthority, StringComparison.OrdinalIgnoreCase));
}
