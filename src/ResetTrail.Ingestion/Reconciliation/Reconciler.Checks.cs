using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Reconciliation;

public sealed partial class Reconciler
{
    private IEnumerable<Finding> CaseFindings(ResetCase c, IdentityEvent change)
    {
        var at = change.Time;
        var where = $"case {c.Id} ({WireName.Of(c.Kind)} for {c.Target}, rule {c.Decision.RuleId})";
        if (!SameTarget(c.Target.Id, change))
        {
            yield return Make("ticket_target_mismatch", change, c.Id, null,
                $"{Describe(change)} was linked to {where}, which names another account. An approval for one person was used on another: check who asked for which account.");
        }

        if (!KindFits(c.Kind, change.ResetKind))
        {
            yield return Make("ticket_kind_mismatch", change, c.Id, null,
                $"{Describe(change)} does not match {where}: a {WireName.Of(c.Kind)} reset was approved, a {Wire(change.ResetKind)} happened. A broader reset than approved (all factors for one) is how MFA gets handed over.");
        }

        if (c.State is CaseState.Denied or CaseState.Cancelled or CaseState.Expired && (c.EndedAt ?? at) <= at)
        {
            yield return Make("policy_requirements_unmet", change, c.Id, null,
                $"{Describe(change)} happened after {where} was {WireName.Of(c.State)} ({c.EndReason}). A reset the desk refused was done anyway.");
            yield break;
        }

        var valid = c.Approvals.Where(a => a.At <= at && a.ExpiresAt > at).ToList();
        var later = c.Approvals.Where(a => a.At > at).ToList();
        if (c.ApprovalsRequired > 0 && valid.Count < c.ApprovalsRequired && later.Count > 0)
        {
            yield return Make("executed_before_approval", change, c.Id, null,
                $"{Describe(change)} came before {where} was approved (first approval at {EvidenceRecord.FormatTime(later.Min(a => a.At))}). An approval given afterwards does not make the reset legitimate.");
        }
        else if (c.ApprovalsRequired > 0 && valid.Count < c.ApprovalsRequired && c.Approvals.Count > 0 && c.Approvals.All(a => a.ExpiresAt <= at))
        {
            yield return Make("outside_approved_window", change, c.Id, null,
                $"{Describe(change)} came after every approval of {where} had expired (last at {EvidenceRecord.FormatTime(c.Approvals.Max(a => a.ExpiresAt))}).");
        }
        else if (c.ApprovalsRequired > valid.Count)
        {
            yield return Make("policy_requirements_unmet", change, c.Id, null,
                $"{Describe(change)}: {where} had {valid.Count} valid approval(s) of the {c.ApprovalsRequired} the policy requires at that time.");
        }

        var before = c.Verifications.Where(v => v.At <= at).ToList();
        var lastFailure = before.LastOrDefault(v => !v.Passed);
        if (lastFailure is not null && !before.Any(v => v.Passed && v.At > lastFailure.At))
        {
            yield return Make("reset_after_failed_verification", change, c.Id, null,
                $"{Describe(change)} followed a failed verification ({WireName.Of(lastFailure.Method)} at {EvidenceRecord.FormatTime(lastFailure.At)}) in {where} with no passing one after it. This is the pattern of a social engineer who failed the desk's checks and was reset anyway.");
        }
        else if (!c.VerificationSatisfiedAt(at))
        {
            yield return Make("policy_requirements_unmet", change, c.Id, null,
                $"{Describe(change)}: the verification recorded in {where} by then did not meet the policy (accepted methods, strength {c.Decision.Verification.MinimumStrength}{(c.Decision.Verification.CallbackRequired ? ", callback" : string.Empty)}).");
        }

        var executor = change.Actor;
        var conflicts = c.Approvals.Where(a => SamePerson(a.Approver, executor)).Select(_ => "approver")
            .Concat(SamePerson(c.Requester, executor) ? ["requester"] : [])
            .Concat(SamePerson(c.Target.Id, executor) ? ["target"] : [])
            .Distinct().ToList();
        if (conflicts.Count > 0)
        {
            yield return Make("separation_of_duties_violated", change, c.Id, null,
                $"{executor!.Key} executed {Describe(change)} and was also the {string.Join(" and ", conflicts)} of {where}. One person both deciding and doing a reset is the control dual control exists to prevent.");
        }

        if (IsThirdParty(change.Actor) && c.Initiator.Type == InitiatorType.Internal)
        {
            yield return Make("third_party_unattributed", change, c.Id, null,
                $"{Describe(change)} was done by {change.Actor!.Key}, a third party, but {where} records an internal initiator. Third parties' resets must be attributed to them (vendor, MSP, the IdP's own support).");
        }

        var overdue = c.Decision.Tasks.Where(t => c.CompletedTasks.All(d => d.Kind != t.Kind) && at + t.Deadline < now).ToList();
        if (overdue.Count > 0)
        {
            yield return Make("post_reset_tasks_missing", change, c.Id, null,
                $"After {Describe(change)}, {where} has not recorded {string.Join(", ", overdue.Select(t => $"{WireName.Of(t.Kind)} (due {EvidenceRecord.FormatTime(at + t.Deadline)})"))}. Without session revocation and notification, a hijacked reset keeps working unnoticed.");
        }
    }

    private IEnumerable<Finding> TicketFindings(TicketRecord t, IdentityEvent change)
    {
        var at = change.Time;
        var where = $"ticket {t.System}:{t.Key}";
        var ticket = $"{t.System}:{t.Key}";
        if (t.Kind is { } kind && !KindFits(kind, change.ResetKind))
        {
            yield return Make("ticket_kind_mismatch", change, null, ticket,
                $"{Describe(change)} does not match {where}, which asked for a {WireName.Of(kind)} reset.");
        }

        if (t.Opened is { } opened && (at < opened - options.Before || (t.Closed is { } closed && at > closed + options.ClosedGrace)))
        {
            yield return Make("outside_approved_window", change, null, ticket,
                $"{Describe(change)} lies outside the life of {where} (opened {EvidenceRecord.FormatTime(opened)}{(t.Closed is { } c ? $", closed {EvidenceRecord.FormatTime(c)}" : string.Empty)}).");
        }

        if (t.ApprovedAt is { } approved && approved > at)
        {
            yield return Make("executed_before_approval", change, null, ticket,
                $"{Describe(change)} came before {where} was approved ({EvidenceRecord.FormatTime(approved)}).");
        }

        if (t.Approvers.Any(a => SamePerson(a, change.Actor)))
        {
            yield return Make("separation_of_duties_violated", change, null, ticket,
                $"{change.Actor!.Key} approved {where} and executed {Describe(change)} himself or herself.");
        }

        if (IsThirdParty(change.Actor) && string.IsNullOrWhiteSpace(t.ThirdParty))
        {
            yield return Make("third_party_unattributed", change, null, ticket,
                $"{Describe(change)} was done by {change.Actor!.Key}, a third party, and {where} names no third party.");
        }
    }

    private IEnumerable<Finding> Unaccounted(IdentityEvent change)
    {
        // A case for someone else executed minutes apart: the approved reset was likely done on the wrong account.
        var elsewhere = cases.FirstOrDefault(c => KindFits(c.Kind, change.ResetKind)
            && c.Execution is { } e && (e.At - change.Time).Duration() <= options.SameResetSpan);
        if (elsewhere is not null)
        {
            yield return Make("ticket_target_mismatch", change, elsewhere.Id, null,
                $"{Describe(change)} has no case of its own, but case {elsewhere.Id} for {elsewhere.Target} was executed minutes apart: the approved reset may have been done on the wrong account.");
        }
        else if (change.ResetKind == ResetKind.NhiSecret)
        {
            yield return Make("non_human_secret_without_owner_case", change, null, null,
                $"{Describe(change)}: the secret of a non-human identity changed with no case or ticket from its owner. A new client secret is a persistence technique (OWASP NHI Top 10).");
        }
        else
        {
            yield return Make("reset_without_evidence", change, null, null,
                $"{Describe(change)} matches no case and no ticket. Nobody can show who asked, who verified the caller and who approved: treat it as a possible takeover until the account owner confirms it.");
        }

        if (IsThirdParty(change.Actor))
        {
            yield return Make("third_party_unattributed", change, null, null,
                $"{Describe(change)} was done by {change.Actor!.Key}, a third party, with no record of a third-party request.");
        }
    }

    private IEnumerable<Finding> ReusedApprovals()
    {
        foreach (var (id, changes) in changesByCase.Concat(changesByTicket))
        {
            var resets = Group(changes);
            if (resets.Count > 1)
            {
                var first = resets[1][0];
                var isCase = changesByCase.ContainsKey(id);
                yield return Make("approval_reused", first, isCase ? id : null, isCase ? null : id,
                    $"{(isCase ? "case" : "ticket")} {id} accounts for {resets.Count} separate resets ({string.Join(", ", resets.Select(r => EvidenceRecord.FormatTime(r[0].Time)))}). One approval covers one reset; a second one needs its own request.",
                    [.. resets.SelectMany(r => r).Select(EventId)]);
            }
        }
    }

    private List<List<IdentityEvent>> Group(List<IdentityEvent> changes)
    {
        var groups = new List<List<IdentityEvent>>();
        foreach (var change in changes.OrderBy(c => c.Time))
        {
            if (groups.Count > 0 && change.Time - groups[^1][^1].Time <= options.SameResetSpan)
            {
                groups[^1].Add(change);
            }
            else
            {
                groups.Add([change]);
            }
        }

        return groups;
    }

    /// <summary>An all-factors case covers the per-factor deactivations Okta Identity Engine writes.</summary>
    private static bool KindFits(ResetKind approved, ResetKind? happened) =>
        happened == approved || (approved == ResetKind.AllFactors && happened == ResetKind.MfaFactor);

    private static string Wire(ResetKind? kind) => kind is { } k ? WireName.Of(k) : "(none)";

    private static string EventId(IdentityEvent change) => $"{change.Source}:{change.SourceEventId}";

    private static string Describe(IdentityEvent change) =>
        $"The {Wire(change.ResetKind)} change of {change.Target.Key} at {EvidenceRecord.FormatTime(change.Time)} ({change.Source} {change.SourceEventType})";

    private static Finding Make(string code, IdentityEvent change, string? caseId, string? ticket, string explanation, IReadOnlyList<string>? eventIds = null)
    {
        var entry = FindingCatalog.For(code);
        return new Finding
        {
            Code = code,
            Severity = entry.Severity,
            Title = entry.Title,
            Explanation = explanation,
            EventIds = eventIds ?? [EventId(change)],
            Case = caseId,
            Ticket = ticket,
            Target = change.Target.Key,
            Actor = change.Actor?.Key,
            Time = change.Time,
            Owner = entry.Owner,
            Controls = entry.Controls,
        };
    }
}
