using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>For each step of the table, the command a desk would run for it, with arguments that satisfy its own rules.</summary>
internal static class Steps
{
    public static Outcome<EvidenceRecord> Run(CaseDriver driver, EvidenceType step) => step switch
    {
        EvidenceType.CaseOpened => CaseCommands.Open(CaseDriver.Request(driver.CaseId), driver.Policy, driver.Now),
        EvidenceType.VerificationRecorded => driver.TryVerify(),
        EvidenceType.ApprovalGranted => driver.TryApprove(),
        EvidenceType.ApprovalDenied => driver.Try((c, now) => CaseCommands.Deny(c, Actors.Approver, "not convinced", now)),
        EvidenceType.ResetExecuted => driver.TryExecute(),
        EvidenceType.ExecutionFailed => driver.Try((c, now) => CaseCommands.FailExecution(c, Actors.Executor, "IdP timeout", now)),
        EvidenceType.IdpEventLinked => driver.Try((c, now) => CaseCommands.LinkIdpEvent(c, "collector", "okta", "okta-evt-2", now, now)),
        EvidenceType.TaskCompleted => driver.TryTask(driver.Case.OutstandingTasks() is [var first, ..] ? first.Kind : PostResetTaskKind.NotifyUser),
        EvidenceType.EmergencyReviewed => driver.TryReview(),
        EvidenceType.CaseClosed => driver.TryClose(),
        EvidenceType.CaseCancelled => driver.Try((c, now) => CaseCommands.Cancel(c, Actors.Requester, "duplicate", now)),
        EvidenceType.CaseExpired => driver.Try((c, now) => CaseCommands.Expire(c, "system", now)),
        EvidenceType.PolicyPublished => throw new ArgumentOutOfRangeException(nameof(step), "not a step of a case"),
    };
}
