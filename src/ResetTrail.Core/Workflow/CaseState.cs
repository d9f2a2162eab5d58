namespace ResetTrail.Core.Workflow;

/// <summary>
/// Where a case stands. Wire names: opened, verifying, awaiting_approval, approved, executed, validating,
/// closed, denied, expired, cancelled, failed. The last five are terminal except that an executed case's
/// IdP events can still be linked after closing.
/// </summary>
public enum CaseState
{
    Opened,
    Verifying,
    AwaitingApproval,
    Approved,
    Executed,
    Validating,
    Closed,
    Denied,
    Expired,
    Cancelled,
    Failed,
}
