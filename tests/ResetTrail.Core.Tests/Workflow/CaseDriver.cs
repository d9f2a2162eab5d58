using Microsoft.Extensions.Time.Testing;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>
/// Drives one case through real commands the way a host does: run the command (which checks), and apply the
/// entry only when it succeeded. Keeps the accepted entries so tests can replay them.
/// </summary>
internal sealed class CaseDriver
{
    /// <summary>Tuesday 10 March 2026, 09:00 UTC: 10:00 in Paris, inside business hours.</summary>
    public static readonly DateTimeOffset Tuesday0900Utc = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private ResetCase? current;

    public CaseDriver(PolicyDecision? decision = null, IResetPolicy? policy = null, string caseId = "RT-1", DateTimeOffset? start = null)
    {
        Policy = policy ?? new FixedPolicy(decision ?? Decisions.Standard());
        CaseId = caseId;
        Clock = new FakeTimeProvider(start ?? Tuesday0900Utc);
    }

    public FakeTimeProvider Clock { get; }

    public IResetPolicy Policy { get; }

    public string CaseId { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public ResetCase Case => current ?? throw new InvalidOperationException("open the case first");

    public List<EvidenceRecord> Records { get; } = [];

    public static OpenCaseRequest Request(string caseId) => new(
        caseId,
        new Ticket("servicenow", "INC0012345", "https://example.service-now.com/INC0012345"),
        new TargetIdentity("corp", Actors.Target) { DisplayName = "Tom Target", Site = "paris", Groups = ["staff"] },
        ResetKind.MfaFactor,
        Channel.Phone,
        new Initiator(InitiatorType.Internal, null),
        Actors.Requester,
        Actors.Requester);

    /// <summary>A fresh case (standard decision unless given) driven into <paramref name="state"/> through real commands.</summary>
    public static CaseDriver InState(CaseState state, PolicyDecision? decision = null, bool emergency = false)
    {
        var driver = new CaseDriver(decision ?? (emergency ? Decisions.WithEmergency() : Decisions.Standard())).Open();
        switch (state)
        {
            case CaseState.Opened:
                break;
            case CaseState.Verifying:
                driver.Verify(method: VerificationMethod.KnowledgeQuestions);
                break;
            case CaseState.AwaitingApproval:
                driver.Verify();
                break;
            case CaseState.Approved:
                driver.Verify().Approvals(emergency);
                break;
            case CaseState.Executed:
                driver.Verify().Approvals(emergency).Execute();
                break;
            case CaseState.Validating:
                driver.Verify().Approvals(emergency).Execute().Task(PostResetTaskKind.RevokeSessions);
                break;
            case CaseState.Closed:
                driver.Verify().Approvals(emergency).Execute().CompleteTasks();
                if (emergency)
                {
                    driver.Review();
                }

                driver.Do((c, now) => CaseCommands.Close(c, Actors.Executor, "done", now));
                break;
            case CaseState.Denied:
                driver.Do((c, now) => CaseCommands.Deny(c, Actors.Approver, "caller could not say why", now));
                break;
            case CaseState.Expired:
                driver.Advance(Decisions.ApprovalValidity).Do((c, now) => CaseCommands.Expire(c, "system", now));
                break;
            case CaseState.Cancelled:
                driver.Do((c, now) => CaseCommands.Cancel(c, Actors.Requester, "raised twice", now));
                break;
            case CaseState.Failed:
                driver.Verify().Approvals(emergency).Do((c, now) => CaseCommands.FailExecution(c, Actors.Executor, "IdP returned 503", now));
                break;
        }

        Assert.Equal(state, driver.Case.State);
        return driver;
    }

    public Outcome<EvidenceRecord> TryOpen(OpenCaseRequest? request = null)
    {
        var outcome = CaseCommands.Open(request ?? Request(CaseId), Policy, Now);
        if (outcome.IsSuccess)
        {
            current = ResetCase.FromOpened(outcome.Value);
            Records.Add(outcome.Value);
        }

        return outcome;
    }

    public CaseDriver Open(OpenCaseRequest? request = null)
    {
        Succeeded(TryOpen(request));
        return this;
    }

    /// <summary>Runs a command against the case as it stands now; applies its entry only if it succeeded.</summary>
    public Outcome<EvidenceRecord> Try(Func<ResetCase, DateTimeOffset, Outcome<EvidenceRecord>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var outcome = command(Case, Now);
        if (outcome.IsSuccess)
        {
            Case.Apply(outcome.Value);
            Records.Add(outcome.Value);
        }

        return outcome;
    }

    public CaseDriver Do(Func<ResetCase, DateTimeOffset, Outcome<EvidenceRecord>> command)
    {
        Succeeded(Try(command));
        return this;
    }

    public CaseDriver Advance(TimeSpan by)
    {
        Clock.Advance(by);
        return this;
    }

    public Outcome<EvidenceRecord> TryVerify(string verifier = Actors.Verifier, VerificationMethod method = VerificationMethod.PushToEnrolledDevice, bool passed = true) =>
        Try((c, now) => CaseCommands.Verify(c, verifier, method, passed, ["sha256:0f1e"], Policy, now));

    public CaseDriver Verify(string verifier = Actors.Verifier, VerificationMethod method = VerificationMethod.PushToEnrolledDevice, bool passed = true)
    {
        Succeeded(TryVerify(verifier, method, passed));
        return this;
    }

    /// <summary>Approves what the case reads now, unless another digest is given.</summary>
    public Outcome<EvidenceRecord> TryApprove(string approver = Actors.Approver, string authority = "manager", string? digest = null, bool emergency = false) =>
        Try((c, now) => CaseCommands.Approve(c, approver, authority, digest ?? c.ApprovalDigest(), emergency, emergency ? "CFO locked out before payroll" : null, now));

    public CaseDriver Approve(string approver = Actors.Approver, string authority = "manager", bool emergency = false)
    {
        Succeeded(TryApprove(approver, authority, emergency: emergency));
        return this;
    }

    /// <summary>The approvals the case needs: two ordinary ones, or one on the emergency path.</summary>
    public CaseDriver Approvals(bool emergency = false) =>
        emergency ? Approve(emergency: true) : Approve().Approve(Actors.SecondApprover, "security");

    public Outcome<EvidenceRecord> TryExecute(string executor = Actors.Executor, string? idpEventId = "okta-evt-1") =>
        Try((c, now) => CaseCommands.Execute(c, executor, idpEventId, idpEventId is null ? null : now, now));

    public CaseDriver Execute(string executor = Actors.Executor, string? idpEventId = "okta-evt-1")
    {
        Succeeded(TryExecute(executor, idpEventId));
        return this;
    }

    public Outcome<EvidenceRecord> TryTask(PostResetTaskKind task, string actor = Actors.Executor) =>
        Try((c, now) => CaseCommands.CompleteTask(c, actor, task, null, now));

    public CaseDriver Task(PostResetTaskKind task)
    {
        Succeeded(TryTask(task));
        return this;
    }

    public CaseDriver CompleteTasks()
    {
        foreach (var task in Case.OutstandingTasks())
        {
            Task(task.Kind);
        }

        return this;
    }

    public Outcome<EvidenceRecord> TryReview(string reviewer = Actors.Reviewer, string authority = "security") =>
        Try((c, now) => CaseCommands.ReviewEmergency(c, reviewer, authority, "justified: payroll deadline", now));

    public CaseDriver Review()
    {
        Succeeded(TryReview());
        return this;
    }

    public Outcome<EvidenceRecord> TryClose() => Try((c, now) => CaseCommands.Close(c, Actors.Executor, null, now));

    private static void Succeeded(Outcome<EvidenceRecord> outcome) => Assert.True(outcome.IsSuccess, $"refused: {outcome.Error}");
}
