namespace ResetTrail.Core.Evidence;

/// <summary>
/// Evidence entry types: a stable number and a stable name each, in numbered blocks. Never renumber or reuse
/// one: logs written years ago must still read the same.
/// </summary>
public enum EvidenceType
{
    // 1000-1099: policy
    PolicyPublished = 1000,

    // 1100-1199: the life of a reset case
    CaseOpened = 1100,
    VerificationRecorded = 1110,
    ApprovalGranted = 1120,
    ApprovalDenied = 1121,
    ResetExecuted = 1130,
    ExecutionFailed = 1131,
    IdpEventLinked = 1132,
    TaskCompleted = 1140,
    EmergencyReviewed = 1145,
    CaseClosed = 1150,
    CaseCancelled = 1151,
    CaseExpired = 1152,
}

public static class EvidenceTypes
{
    /// <summary>The dotted name written in entries, e.g. "case.opened".</summary>
    public static string Name(EvidenceType type) => type switch
    {
        EvidenceType.PolicyPublished => "policy.published",
        EvidenceType.CaseOpened => "case.opened",
        EvidenceType.VerificationRecorded => "case.verification_recorded",
        EvidenceType.ApprovalGranted => "case.approval_granted",
        EvidenceType.ApprovalDenied => "case.approval_denied",
        EvidenceType.ResetExecuted => "case.reset_executed",
        EvidenceType.ExecutionFailed => "case.execution_failed",
        EvidenceType.IdpEventLinked => "case.idp_event_linked",
        EvidenceType.TaskCompleted => "case.task_completed",
        EvidenceType.EmergencyReviewed => "case.emergency_reviewed",
        EvidenceType.CaseClosed => "case.closed",
        EvidenceType.CaseCancelled => "case.cancelled",
        EvidenceType.CaseExpired => "case.expired",
    };
}
