using ResetTrail.Core.Cases;

namespace ResetTrail.Core.Policy;

/// <summary>Everything a policy decides on: who, what, how the request came, and the target's recent failed verifications.</summary>
public sealed record RequestFacts(TargetIdentity Target, ResetKind Kind, Channel Channel, InitiatorType Initiator)
{
    /// <summary>Failed verification attempts on this target inside the policy's look-back window; each makes the next attempt stricter.</summary>
    public int RecentFailedVerifications { get; init; }
}
