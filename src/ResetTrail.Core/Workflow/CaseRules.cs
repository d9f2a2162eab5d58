using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Whether an entry may follow a case as it stands: the transition table, then the rules of the step.
/// The same check runs when a command records a step and when an auditor replays a bundle, so a chain that
/// verifies offline is one the workflow would have accepted.
/// </summary>
public static partial class CaseRules
{
    public static DomainError? Check(ResetCase? current, EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Type == EvidenceType.CaseOpened)
        {
            return current is null ? RequireActor(record) ?? CheckOpened(record) : WorkflowErrors.CaseExists(current.Id);
        }

        if (current is null || record.CaseId is null)
        {
            return WorkflowErrors.CaseNotFound(record.CaseId ?? "(none)");
        }

        if (record.CaseId != current.Id)
        {
            return WorkflowErrors.Invalid($"entry for case {record.CaseId} applied to case {current.Id}");
        }

        var transition = TransitionTable.For(record.Type);
        if (!transition.From.Contains(current.State))
        {
            return WorkflowErrors.IllegalTransition(transition.Command, current.State);
        }

        if (RequireActor(record) is { } anonymous)
        {
            return anonymous;
        }

        try
        {
            return record.Type switch
            {
                EvidenceType.VerificationRecorded => CheckVerification(current, record),
                EvidenceType.ApprovalGranted => CheckApproval(current, record),
                EvidenceType.ResetExecuted => CheckExecution(current, record),
                EvidenceType.TaskCompleted => CheckTask(current, record),
                EvidenceType.EmergencyReviewed => CheckReview(current, record),
                EvidenceType.CaseClosed => CheckClose(current),
                EvidenceType.CaseExpired => CheckExpiry(current, record),
                EvidenceType.ApprovalDenied or EvidenceType.ExecutionFailed or EvidenceType.CaseCancelled => RequireText(record, "reason"),
                EvidenceType.IdpEventLinked => RequireText(record, "source") ?? RequireText(record, "event_id"),
                EvidenceType.CaseOpened or EvidenceType.PolicyPublished => WorkflowErrors.Invalid($"{EvidenceTypes.Name(record.Type)} is not a step of an open case"),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidCastException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return WorkflowErrors.Invalid($"{EvidenceTypes.Name(record.Type)} entry is malformed: {e.Message}");
        }
    }

    private static DomainError? CheckOpened(EvidenceRecord record)
    {
        try
        {
            var opened = ResetCase.FromOpened(record);
            return Distinct(opened, CaseRole.Requester, opened.Requester, CaseRole.Target, opened.Target.Id);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidCastException or ArgumentException)
        {
            return WorkflowErrors.Invalid($"case.opened entry is malformed: {e.Message}");
        }
    }

    private static DomainError? CheckVerification(ResetCase current, EvidenceRecord record)
    {
        var verifier = record.Actor;
        var problem = Distinct(current, CaseRole.Verifier, verifier, CaseRole.Requester, current.Requester)
            ?? Distinct(current, CaseRole.Verifier, verifier, CaseRole.Target, current.Target.Id);
        if (problem is not null)
        {
            return problem;
        }

        var result = ResetCase.Text(record.Data, "result");
        if (result is not ("passed" or "failed"))
        {
            return WorkflowErrors.Invalid("a verification result is 'passed' or 'failed'");
        }

        _ = ResetCase.Wire<VerificationMethod>(record.Data, "method");
        if (record.Data["decision"] is System.Text.Json.Nodes.JsonObject stricter)
        {
            var tightened = PolicyDecisionJson.FromJson(stricter);
            if (!tightened.IsSuccess)
            {
                return tightened.Error;
            }

            if (StricterDecision.Loosening(current.Decision, tightened.Value) is { } looser)
            {
                return WorkflowErrors.Invalid($"a decision recorded after a verification may only be stricter, under the same policy version; this one loosens {looser}");
            }
        }

        return null;
    }

    private static DomainError? CheckApproval(ResetCase current, EvidenceRecord record)
    {
        var data = record.Data;
        var digest = ResetCase.Text(data, "digest");
        var expected = current.ApprovalDigest();
        if (digest != expected)
        {
            return WorkflowErrors.DigestMismatch(digest, expected);
        }

        var authority = ResetCase.Text(data, "authority");
        var accepted = current.Decision.Approvals.Authorities;
        if (accepted.Count > 0 && !accepted.Contains(authority, StringComparer.OrdinalIgnoreCase))
        {
            return WorkflowErrors.NotAnAuthority(authority, accepted);
        }

        if (current.ValidApprovals(record.At).Any(a => Same(a.Approver, record.Actor)))
        {
            return WorkflowErrors.AlreadyApproved(record.Actor);
        }

        var emergency = data["emergency"]?.GetValue<bool>() ?? false;
        if (emergency && current.Decision.Emergency is null)
        {
            return WorkflowErrors.EmergencyNotAllowed(current.Decision.RuleId);
        }

        var expires = EvidenceRecord.ParseTime(ResetCase.Text(data, "expires_at"));
        if (expires <= record.At || expires > record.At + current.Decision.Approvals.Validity)
        {
            return WorkflowErrors.Invalid($"an approval expires after it is given and within {PolicyDecisionJson.Duration(current.Decision.Approvals.Validity)}");
        }

        return Distinct(current, CaseRole.Approver, record.Actor, CaseRole.Requester, current.Requester)
            ?? Distinct(current, CaseRole.Approver, record.Actor, CaseRole.Target, current.Target.Id)
            ?? current.Verifications.Select(v => Distinct(current, CaseRole.Approver, record.Actor, CaseRole.Verifier, v.Verifier)).FirstOrDefault(p => p is not null);
    }

    private static DomainError? CheckExecution(ResetCase current, EvidenceRecord record)
    {
        var valid = current.ValidApprovals(record.At);
        if (valid.Count < current.ApprovalsRequired || !current.VerificationSatisfied())
        {
            return WorkflowErrors.ApprovalsMissing(valid.Count, current.ApprovalsRequired);
        }

        var missingAuthority = current.Decision.Approvals.MustInclude
            .FirstOrDefault(required => !valid.Any(a => string.Equals(a.Authority, required, StringComparison.OrdinalIgnoreCase)));
        if (missingAuthority is not null && !current.EmergencyPath)
        {
            return WorkflowErrors.AuthorityMissing(missingAuthority);
        }

        if (valid.Count > 0 && current.Decision.CoolingOff > TimeSpan.Zero)
        {
            var until = valid.Max(a => a.At) + current.Decision.CoolingOff;
            if (record.At < until)
            {
                return WorkflowErrors.CoolingOff(until);
            }
        }

        if (current.Decision.BusinessHours is { } hours && !BusinessClock.IsWithin(hours, record.At)
            && (hours.Outside == "deny" || !current.EmergencyPath))
        {
            return WorkflowErrors.OutsideBusinessHours(hours.Site);
        }

        var executor = record.Actor;
        return Distinct(current, CaseRole.Executor, executor, CaseRole.Requester, current.Requester)
            ?? Distinct(current, CaseRole.Executor, executor, CaseRole.Target, current.Target.Id)
            ?? valid.Select(a => Distinct(current, CaseRole.Executor, executor, CaseRole.Approver, a.Approver)).FirstOrDefault(p => p is not null)
            ?? current.Verifications.Select(v => Distinct(current, CaseRole.Executor, executor, CaseRole.Verifier, v.Verifier)).FirstOrDefault(p => p is not null);
    }

    private static DomainError? CheckTask(ResetCase current, EvidenceRecord record)
    {
        var task = ResetCase.Wire<PostResetTaskKind>(record.Data, "task");
        return current.OutstandingTasks().Any(t => t.Kind == task) ? null : WorkflowErrors.TaskNotRequired(WireName.Of(task));
    }

    private static DomainError? CheckReview(ResetCase current, EvidenceRecord record)
    {
        if (!current.EmergencyPath || current.Decision.Emergency is not { } emergency)
        {
            return WorkflowErrors.Invalid("only a case that took the emergency path is reviewed");
        }

        var authority = ResetCase.Text(record.Data, "authority");
        if (!string.Equals(authority, emergency.ReviewAuthority, StringComparison.OrdinalIgnoreCase))
        {
            return WorkflowErrors.NotAnAuthority(authority, [emergency.ReviewAuthority]);
        }

        return current.Approvals.Any(a => Same(a.Approver, record.Actor)) || (current.Execution is { } e && Same(e.Executor, record.Actor))
            ? WorkflowErrors.Invalid($"{record.Actor} approved or executed this reset and cannot review it")
            : null;
    }

    private static DomainError? CheckClose(ResetCase current)
    {
        var outstanding = current.OutstandingTasks();
        if (outstanding.Count > 0)
        {
            return WorkflowErrors.TasksMissing(outstanding.Select(t => WireName.Of(t.Kind)));
        }

        return current.EmergencyPath && current.EmergencyReview is null ? WorkflowErrors.ReviewMissing() : null;
    }

    private static DomainError? CheckExpiry(ResetCase current, EvidenceRecord record)
    {
        var window = current.Approvals.Count > 0 ? current.Approvals.Max(a => a.ExpiresAt) : current.OpenedAt + current.Decision.Approvals.Validity;
        return current.ValidApprovals(record.At).Count == 0 && record.At >= window ? RequireText(record, "reason") : WorkflowErrors.NotExpiredYet(window);
    }

    private static DomainError? RequireActor(EvidenceRecord record) =>
        string.IsNullOrWhiteSpace(record.Actor) ? WorkflowErrors.Invalid("every step names its actor") : null;

    private static DomainError? RequireText(EvidenceRecord record, string field) =>
        string.IsNullOrWhiteSpace(record.Data[field]?.GetValue<string>()) ? WorkflowErrors.Invalid($"{field} is required") : null;

    /// <summary>Separation of duties: the two parties must differ when the policy lists the pair (in either order).</summary>
    private static DomainError? Distinct(ResetCase current, CaseRole firstRole, string first, CaseRole secondRole, string second)
    {
        var required = current.Decision.DistinctParties.Any(p => (p.First == firstRole && p.Second == secondRole) || (p.First == secondRole && p.Second == firstRole));
        return required && Same(first, second) ? WorkflowErrors.SameParty(WireName.Of(firstRole), WireName.Of(secondRole), first) : null;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
