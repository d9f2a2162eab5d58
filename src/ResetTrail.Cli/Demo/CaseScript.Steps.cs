using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Demo;

internal sealed partial class CaseScript
{
    private static readonly VerificationMethod[] ByPhone =
        [VerificationMethod.PushToEnrolledDevice, VerificationMethod.CallbackOnRecord, VerificationMethod.IdDocumentLiveness, VerificationMethod.ManagerAttestation];

    private static readonly VerificationMethod[] InPerson = [VerificationMethod.InPersonBadge, VerificationMethod.IdDocumentLiveness, VerificationMethod.PushToEnrolledDevice];

    private static readonly VerificationMethod[] Online = [VerificationMethod.PushToEnrolledDevice, VerificationMethod.IdDocumentLiveness, VerificationMethod.ManagerAttestation];

    private DemoStep FailedVerification()
    {
        var method = Preferred(Case.Decision.Verification.AcceptedMethods).First();
        var verifier = cast.Verifier;
        return At(random.Minutes(DemoTimings.VerifyAttempt.From, DemoTimings.VerifyAttempt.To), "verify (failed)",
            (c, now) => CaseCommands.Verify(c, verifier, method, passed: false, Artifacts(c), policy, now));
    }

    /// <summary>Passing attempts until the decision in force is met: a strong enough method, then the callback and step-up it asks for.</summary>
    private IEnumerable<DemoStep> Verification()
    {
        for (var attempt = 0; Case.State is CaseState.Opened or CaseState.Verifying; attempt++)
        {
            if (attempt == 4)
            {
                throw new InvalidOperationException($"demo bug: case {Case.Id} is still unverified after {attempt} passing attempts ({NextStep.Describe(Case, clock)})");
            }

            var method = NextMethod(Case);
            var verifier = attempt == 0 ? cast.Verifier : cast.SecondVerifier;
            yield return At(random.Minutes(DemoTimings.VerifyAttempt.From, DemoTimings.VerifyAttempt.To), "verify",
                (c, now) => CaseCommands.Verify(c, verifier, method, passed: true, Artifacts(c), policy, now));
        }
    }

    /// <summary>Approvals until the case is approved: the authorities the decision must include first, then any it accepts.</summary>
    private IEnumerable<DemoStep> Approvals(bool emergency)
    {
        for (var given = 0; Case.State == CaseState.AwaitingApproval; given++)
        {
            if (given == 6)
            {
                throw new InvalidOperationException($"demo bug: case {Case.Id} still awaits approval after {given} approvals");
            }

            var approvals = Case.Decision.Approvals;
            var have = Case.ValidApprovals(clock).Select(a => a.Authority).ToList();
            var authority = approvals.MustInclude.FirstOrDefault(m => !have.Contains(m, StringComparer.OrdinalIgnoreCase))
                ?? (approvals.Authorities.Count == 0 ? "service_desk_lead" : random.Pick(approvals.Authorities));
            var approver = cast.Take(roster.StaffFor(authority), random);
            cast.Approvers.Add(approver);
            var wait = given == 0 ? DemoTimings.FirstApproval : DemoTimings.NextApproval;
            var reason = emergency ? "out of hours and the user is locked out of production on-call duties" : null;
            yield return At(random.Minutes(wait.From, wait.To), emergency ? "approve (emergency)" : "approve",
                (c, now) => CaseCommands.Approve(c, approver, authority, c.ApprovalDigest(), emergency, reason, now));
        }
    }

    /// <summary>The reset itself, after the cooling-off; with the IdP's event id unless the scenario leaves it out.</summary>
    private DemoStep Execution()
    {
        var wait = random.Minutes(DemoTimings.ToExecution.From, DemoTimings.ToExecution.To);
        var approved = Case.ValidApprovals(clock).Select(a => a.At).DefaultIfEmpty(clock).Max();
        var after = Max(wait, approved + Case.Decision.CoolingOff + wait - clock);
        var executor = cast.Executor;
        if (slot.Scenario == Scenario.ExecutionFailed)
        {
            var reason = random.Pick(ExecutionFailures);
            return At(after, "execute (failed)", (c, now) => CaseCommands.FailExecution(c, executor, reason, now));
        }

        var withEvent = slot.Scenario is not (Scenario.NoIdpEvent or Scenario.IdpEventLinkedLater);
        var eventId = withEvent ? IdpEventId() : null;
        return At(after, "execute", (c, now) => CaseCommands.Execute(c, executor, eventId, eventId is null ? null : now - TimeSpan.FromSeconds(20), now));
    }

    /// <summary>Post-reset tasks before their deadlines, the emergency review, a late IdP link, then closing: each as the scenario has it.</summary>
    private IEnumerable<DemoStep> AfterReset()
    {
        var executed = Case.Execution!.At;
        var tasks = Case.OutstandingTasks().OrderBy(t => t.Deadline).ToList();
        if (slot.Scenario == Scenario.TasksOverdue)
        {
            // Forgotten: the longest task that is work to do, rather than the follow-up window that simply runs out.
            tasks.Remove(tasks.LastOrDefault(t => t.Kind != PostResetTaskKind.FollowUp) ?? tasks[^1]);
        }

        var executor = cast.Executor;
        var later = new List<(DateTimeOffset At, string Name, Func<ResetCase, DateTimeOffset, Core.Outcome<Core.Evidence.EvidenceRecord>> Decide)>();
        foreach (var task in tasks)
        {
            var kind = task.Kind;
            // The follow-up is recorded when its window of watching sign-ins ends; the rest is done promptly.
            var share = kind == PostResetTaskKind.FollowUp ? random.Fraction(0.9, 0.98) : random.Fraction(0.05, 0.5);
            later.Add((executed + (task.Deadline * share), $"task {Core.WireName.Of(kind)}", (c, now) => CaseCommands.CompleteTask(c, executor, kind, null, now)));
        }

        if (slot.Scenario == Scenario.EmergencyReviewed)
        {
            var emergency = Case.Decision.Emergency!;
            var reviewer = cast.Take(roster.StaffFor(emergency.ReviewAuthority), random);
            later.Add((executed + (emergency.ReviewWithin * random.Fraction(0.2, 0.8)), "review",
                (c, now) => CaseCommands.ReviewEmergency(c, reviewer, emergency.ReviewAuthority, "callback and badge check confirmed; the emergency was real", now)));
        }

        if (slot.Scenario == Scenario.IdpEventLinkedLater)
        {
            var eventId = IdpEventId();
            later.Add((executed + random.Minutes(60, 18 * 60), "link",
                (c, now) => CaseCommands.LinkIdpEvent(c, DemoCast.IdpSync, "okta-system-log", eventId, executed - TimeSpan.FromSeconds(20), now)));
        }

        foreach (var (at, name, decide) in later.OrderBy(l => l.At))
        {
            yield return At(Max(at - clock, TimeSpan.FromSeconds(30)), name, decide);
        }

        if (slot.Scenario is not (Scenario.TasksOverdue or Scenario.EmergencyReviewOverdue))
        {
            yield return At(random.Minutes(10, 120), "close", (c, now) => CaseCommands.Close(c, executor, "reset confirmed with the user", now));
        }
    }

    private VerificationMethod NextMethod(ResetCase current)
    {
        var requirement = current.Decision.Verification;
        var passed = current.Verifications.Where(v => v.Passed).Select(v => v.Method).ToList();
        var accepted = passed.Where(requirement.AcceptedMethods.Contains).ToList();
        if (!accepted.Any(m => current.Strength(m) >= requirement.MinimumStrength))
        {
            return Preferred(requirement.AcceptedMethods.Where(m => current.Strength(m) >= requirement.MinimumStrength)).First();
        }

        if (requirement.CallbackRequired && !passed.Contains(VerificationMethod.CallbackOnRecord))
        {
            return VerificationMethod.CallbackOnRecord;
        }

        if (requirement.StepUpRequired && accepted.Distinct().Count() < 2)
        {
            return Preferred(requirement.AcceptedMethods.Where(m => !accepted.Contains(m))).First();
        }

        throw new InvalidOperationException($"demo bug: case {current.Id} needs a verification the demo cannot tell: {NextStep.Describe(current, clock)}");
    }

    /// <summary>The methods in the order a desk reaches for them on this channel (then any other the decision accepts).</summary>
    private IEnumerable<VerificationMethod> Preferred(IEnumerable<VerificationMethod> candidates)
    {
        var list = candidates.ToList();
        var order = plan.Request.Channel switch
        {
            Core.Cases.Channel.WalkIn => InPerson,
            Core.Cases.Channel.Phone or Core.Cases.Channel.VendorLine => ByPhone,
            Core.Cases.Channel.Chat or Core.Cases.Channel.Portal => Online,
        };
        return order.Where(list.Contains).Concat(list.Where(m => !order.Contains(m)));
    }

    private static string[] Artifacts(ResetCase current) =>
        ["sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{current.Id}/{current.Verifications.Count}")))];

    private string IdpEventId() => "okta-evt-" + random.Hex(10);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static readonly string[] ExecutionFailures =
    [
        "Okta API returned 503 while resetting; nothing changed, retry on a new case",
        "the account is mastered in Active Directory and the sync agent was offline",
        "the user's factor enrolment was locked by an admin hold",
    ];
}
