using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Demo;

/// <summary>One step of a case at a simulated time: the real command, run on the case as the store loads it.</summary>
internal sealed record DemoStep(DateTimeOffset At, string Name, Func<ResetCase?, Outcome<EvidenceRecord>> Decide);

/// <summary>
/// One case as the desk works it, step by step. The script reads the case after every committed step (its
/// decision, the approvals still missing, the tasks outstanding) and picks the next step to satisfy it: the
/// method the decision accepts, approvers from the authorities it names, the execution after its cooling-off.
/// </summary>
internal sealed partial class CaseScript(Slot slot, CasePlan plan, DemoCast cast, ResetPolicy policy, Roster roster, DemoRandom random)
{
    private DateTimeOffset clock = slot.At;

    public Slot Slot => slot;

    public CasePlan Plan => plan;

    /// <summary>The case after the last committed step; the runner sets it.</summary>
    public ResetCase? Current { get; set; }

    private ResetCase Case => Current ?? throw new InvalidOperationException("demo bug: the case is not open");

    public IEnumerable<DemoStep> Steps()
    {
        yield return new DemoStep(clock, "open", _ => CaseCommands.Open(plan.Request, policy, slot.At));
        if (Case.State == CaseState.Denied)
        {
            yield break;
        }

        var steps = slot.Scenario switch
        {
            Scenario.FailedThenDenied => FailedThenDenied(),
            Scenario.DeniedByPolicy => throw new InvalidOperationException($"demo bug: case {Case.Id} was planned to be refused by the policy, and was opened"),
            Scenario.Cancelled => Cancelled(),
            Scenario.Expired => Expired(),
            Scenario.InFlight => InFlight(),
            _ => ToTheEnd(),
        };
        foreach (var step in steps)
        {
            yield return step;
        }
    }

    private IEnumerable<DemoStep> ToTheEnd()
    {
        if (slot.Scenario == Scenario.FailedThenPassed)
        {
            yield return FailedVerification();
        }

        foreach (var step in Verification().Concat(Approvals(emergency: slot.Scenario.Emergency())))
        {
            yield return step;
        }

        yield return Execution();
        if (Case.State == CaseState.Failed)
        {
            yield break;
        }

        foreach (var step in AfterReset())
        {
            yield return step;
        }
    }

    private IEnumerable<DemoStep> FailedThenDenied()
    {
        for (var attempt = 0; attempt < 1 + random.Below(2) && Case.State != CaseState.Denied; attempt++)
        {
            yield return FailedVerification();
        }

        // A third failure can lock the account (the policy denies the case itself); otherwise the lead refuses.
        if (Case.State != CaseState.Denied)
        {
            var lead = cast.Take(roster.StaffFor("service_desk_lead"), random);
            var reason = random.Pick(DenialReasons);
            yield return At(random.Minutes(5, 30), "deny", (c, now) => CaseCommands.Deny(c, lead, reason, now));
        }
    }

    private IEnumerable<DemoStep> Cancelled()
    {
        if (random.Chance(0.5))
        {
            foreach (var step in Verification().Take(1))
            {
                yield return step;
            }
        }

        var actor = random.Chance(0.5) || plan.SelfService ? plan.Request.Requester : cast.Verifier;
        var reason = random.Pick(CancelReasons);
        yield return At(random.Minutes(10, 90), "cancel", (c, now) => CaseCommands.Cancel(c, actor, reason, now));
    }

    private IEnumerable<DemoStep> Expired()
    {
        foreach (var step in Verification())
        {
            yield return step;
        }

        // Nobody approves, or the approvals run out before anyone executes the reset.
        if (random.Chance(0.5))
        {
            foreach (var step in Approvals(emergency: false).Take(Math.Max(1, Case.ApprovalsRequired - 1)))
            {
                yield return step;
            }
        }

        var window = Case.Approvals.Count > 0 ? Case.Approvals.Max(a => a.ExpiresAt) : Case.OpenedAt + Case.Decision.Approvals.Validity;
        clock = window;
        yield return At(random.Minutes(5, 120), "expire", (c, now) => CaseCommands.Expire(c, DemoCast.Scheduler, now));
    }

    private IEnumerable<DemoStep> InFlight()
    {
        var stop = random.Below(4);
        var steps = Verification().Take(stop == 1 ? 1 : int.MaxValue);
        if (stop >= 3)
        {
            steps = steps.Concat(Approvals(emergency: false));
        }
        else if (stop == 0)
        {
            steps = [];
        }

        foreach (var step in steps)
        {
            yield return step;
        }
    }

    /// <summary>A step <paramref name="after"/> the previous one; the case's own steps never go back in time.</summary>
    private DemoStep At(TimeSpan after, string name, Func<ResetCase, DateTimeOffset, Outcome<EvidenceRecord>> decide)
    {
        clock += after;
        var at = clock;
        return new DemoStep(at, name, current => current is null ? WorkflowErrors.CaseNotFound(plan.Request.CaseId) : decide(current, at));
    }

    private static readonly string[] DenialReasons =
    [
        "caller failed verification twice and pressed for urgency; escalated to security as suspected social engineering",
        "caller could not answer from the number on record; the account owner was reached and did not ask for a reset",
        "callback reached the real user, who is on leave and made no request",
    ];

    private static readonly string[] CancelReasons =
    [
        "the user remembered the password",
        "duplicate of another ticket",
        "the user found their enrolled phone",
        "requester stopped responding; ticket closed by the desk",
    ];
}
