using ResetTrail.Core.Evidence;
using static ResetTrail.Core.Workflow.CaseState;

namespace ResetTrail.Core.Workflow;

/// <summary>One row: a step, the command that records it, the states it may start from, and where it leads.</summary>
public sealed record Transition(EvidenceType Step, string Command, IReadOnlySet<CaseState> From, string To);

/// <summary>
/// The whole workflow in one table (docs/design/workflow.md prints the same). A step from any state not in
/// its row is refused with RT-2000; nothing is ever silently ignored.
/// </summary>
public static class TransitionTable
{
    private static readonly CaseState[] Open = [Opened, Verifying, AwaitingApproval, Approved];
    private static readonly CaseState[] AfterReset = [Executed, Validating];

    public static IReadOnlyList<Transition> Rows { get; } =
    [
        new(EvidenceType.CaseOpened, "open", new HashSet<CaseState>(), "opened; denied at once when the policy does not allow the request"),
        new(EvidenceType.VerificationRecorded, "verify", new HashSet<CaseState> { Opened, Verifying }, "verifying until the verification the policy requires is met; then awaiting_approval, or approved when no approval is required; denied when a stricter decision no longer allows the request"),
        new(EvidenceType.ApprovalGranted, "approve", new HashSet<CaseState> { AwaitingApproval, Approved }, "awaiting_approval until enough valid approvals; then approved (an approved case whose approvals expired is approved again)"),
        new(EvidenceType.ApprovalDenied, "deny", new HashSet<CaseState>(Open), "denied"),
        new(EvidenceType.ResetExecuted, "execute", new HashSet<CaseState> { Approved }, "executed"),
        new(EvidenceType.ExecutionFailed, "execute --failed", new HashSet<CaseState> { Approved }, "failed"),
        new(EvidenceType.IdpEventLinked, "link", new HashSet<CaseState> { Executed, Validating, Closed }, "unchanged"),
        new(EvidenceType.TaskCompleted, "task", new HashSet<CaseState>(AfterReset), "validating"),
        new(EvidenceType.EmergencyReviewed, "review", new HashSet<CaseState>(AfterReset), "unchanged"),
        new(EvidenceType.CaseClosed, "close", new HashSet<CaseState>(AfterReset), "closed, once every post-reset task (and an emergency review) is done"),
        new(EvidenceType.CaseCancelled, "cancel", new HashSet<CaseState>(Open), "cancelled"),
        new(EvidenceType.CaseExpired, "expire", new HashSet<CaseState>(Open), "expired, once no approval is valid and the approval window has passed"),
    ];

    public static Transition For(EvidenceType step) => Rows.Single(r => r.Step == step);
}
