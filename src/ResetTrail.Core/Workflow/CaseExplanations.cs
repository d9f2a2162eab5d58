using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Why a case requires what it does: evidence keeps the decision, not its account, so the account is made again by
/// asking the very policy version that decided the case the same question (the facts at opening plus the failed
/// verifications since, which is how a failure tightened it).
/// </summary>
public static class CaseExplanations
{
    public static IReadOnlyList<Explanation> Of(ResetCase current, IResetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(policy);
        var decision = policy.Decide(new RequestFacts(current.Target, current.Kind, current.Channel, current.Initiator.Type)
        {
            RecentFailedVerifications = current.RecentFailedVerificationsAtOpening + current.Verifications.Count(v => !v.Passed),
        });
        return decision.Explanations;
    }
}
