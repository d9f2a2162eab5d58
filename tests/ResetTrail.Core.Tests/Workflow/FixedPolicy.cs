using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>
/// A policy double: always the same decision, or, once the target has failed verifications, whatever
/// <paramref name="tighten"/> makes of it (the real engine is tested with the policy files).
/// </summary>
internal sealed class FixedPolicy(PolicyDecision decision, Func<PolicyDecision, int, PolicyDecision>? tighten = null) : IResetPolicy
{
    public string Hash => decision.PolicyHash;

    public string Version => decision.PolicyVersion;

    /// <summary>Every question the workflow asked, in order.</summary>
    public List<RequestFacts> Asked { get; } = [];

    public PolicyDecision Decide(RequestFacts facts)
    {
        Asked.Add(facts);
        return tighten is not null && facts.RecentFailedVerifications > 0 ? tighten(decision, facts.RecentFailedVerifications) : decision;
    }

    /// <summary>After any failure: strength 4 and a callback to the number on record.</summary>
    public static PolicyDecision DemandStrongerVerification(PolicyDecision d, int failures) => d with
    {
        RuleId = $"{d.RuleId}-after-{failures}-failures",
        Verification = d.Verification with { MinimumStrength = 4, CallbackRequired = true },
    };
}
