using ResetTrail.Core.Policy.Deciding;
using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy;

/// <summary>A policy file that loaded without errors (see <see cref="PolicyLoader"/>); decides every request.</summary>
public sealed class ResetPolicy : IResetPolicy
{
    private readonly PolicyDocument document;

    internal ResetPolicy(PolicyDocument document, string hash)
    {
        this.document = document;
        Hash = hash;
    }

    public string Hash { get; }

    public string Version => document.Version;

    public int RuleCount => document.Rules.Count;

    /// <summary>How far back failed verifications on a target count; the caller counts them into <see cref="RequestFacts.RecentFailedVerifications"/>.</summary>
    public TimeSpan FailedVerificationLookBack => document.LookBack;

    public PolicyDecision Decide(RequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return DecisionBuilder.Build(document, Hash, facts);
    }

    /// <summary>The tier the policy assigns to <paramref name="target"/>, and the entry that assigned it.</summary>
    public (Tier Tier, string RuleId, int Line) TierOf(TargetIdentity target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var assigned = TierAssigner.Assign(document, target);
        return (assigned.Tier, assigned.RuleId, assigned.Line);
    }
}
