using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>What a case needs next, in words a desk agent acts on, with the rule that asks for it.</summary>
public static class NextStep
{
    public static string Describe(ResetCase current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var decision = current.Decision;
        var rule = $"(rule {decision.RuleId}, line {decision.RuleLine})";
        return current.State switch
        {
            CaseState.Opened or CaseState.Verifying => $"verify the caller: {Verification(current)} {rule}",
            CaseState.AwaitingApproval =>
                $"{current.ApprovalsRequired - current.ValidApprovals(now).Count} more approval(s) from {Authorities(decision)} for digest {current.ApprovalDigest()} {rule}",
            CaseState.Approved => $"execute the reset{Timing(current, now)}; approvals expire at {EvidenceRecord.FormatTime(current.ValidApprovals(now).Select(a => a.ExpiresAt).DefaultIfEmpty(now).Min())}",
            CaseState.Executed or CaseState.Validating => current.OutstandingTasks() is { Count: > 0 } tasks
                ? $"post-reset tasks: {string.Join(", ", tasks.Select(t => $"{WireName.Of(t.Kind)} by {EvidenceRecord.FormatTime(current.Execution!.At + t.Deadline)}"))} {rule}"
                : current.EmergencyPath && current.EmergencyReview is null ? $"emergency review by {decision.Emergency?.ReviewAuthority} {rule}" : "close the case",
            CaseState.Closed or CaseState.Denied or CaseState.Expired or CaseState.Cancelled or CaseState.Failed => $"nothing: the case is {WireName.Of(current.State)}",
        };
    }

    private static string Verification(ResetCase current)
    {
        var requirement = current.Decision.Verification;
        var methods = string.Join(" or ", requirement.AcceptedMethods.Select(m => $"{WireName.Of(m)} ({current.Strength(m)})"));
        var extras = (requirement.CallbackRequired ? ", plus a callback to the number on record" : string.Empty)
            + (requirement.StepUpRequired ? ", plus a second, different method (step-up)" : string.Empty);
        var failures = current.Verifications.Count(v => !v.Passed);
        var stricter = failures > 0 ? $"; {failures} failed attempt(s) made this stricter" : string.Empty;
        return $"{methods}, strength at least {requirement.MinimumStrength}{extras}{stricter}";
    }

    private static string Authorities(PolicyDecision decision) =>
        decision.Approvals.Authorities.Count == 0 ? "any approver" : string.Join(" or ", decision.Approvals.Authorities);

    private static string Timing(ResetCase current, DateTimeOffset now)
    {
        var valid = current.ValidApprovals(now);
        if (valid.Count > 0 && current.Decision.CoolingOff > TimeSpan.Zero && valid.Max(a => a.At) + current.Decision.CoolingOff > now)
        {
            return $" after the cooling-off, at {EvidenceRecord.FormatTime(valid.Max(a => a.At) + current.Decision.CoolingOff)}";
        }

        return current.Decision.BusinessHours is { } hours && !BusinessClock.IsWithin(hours, now)
            ? $" within the business hours of {hours.Site} ({hours.Start:HH\\:mm}-{hours.End:HH\\:mm} {hours.TimeZone}) unless on the emergency path"
            : string.Empty;
    }
}
