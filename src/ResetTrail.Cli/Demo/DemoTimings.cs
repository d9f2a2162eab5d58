using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Demo;

/// <summary>
/// How long the desk takes between steps. The planner checks a case against the longest it can take before the
/// reset (so a business-hours case is executed the same working day); the script never waits longer than these.
/// </summary>
internal static class DemoTimings
{
    public static readonly (double From, double To) VerifyAttempt = (2, 8);
    public static readonly (double From, double To) FirstApproval = (5, 45);
    public static readonly (double From, double To) NextApproval = (3, 30);
    public static readonly (double From, double To) ToExecution = (2, 10);

    /// <summary>Attempts: the method, a step-up, a callback, and one failed attempt for good measure.</summary>
    public static TimeSpan LongestBeforeExecution(PolicyDecision decision)
    {
        var attempts = 2 + (decision.Verification.StepUpRequired ? 1 : 0) + (decision.Verification.CallbackRequired ? 1 : 0);
        var approvals = decision.Approvals.Count == 0 ? 0 : FirstApproval.To + ((decision.Approvals.Count - 1) * NextApproval.To);
        return TimeSpan.FromMinutes((attempts * VerifyAttempt.To) + approvals + ToExecution.To) + decision.CoolingOff;
    }
}
