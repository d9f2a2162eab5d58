namespace ResetTrail.Core.Policy;

/// <summary>A loaded, validated policy version: decides what a reset request requires.</summary>
public interface IResetPolicy
{
    /// <summary>Lower-case hex SHA-256 of the policy file's bytes.</summary>
    string Hash { get; }

    string Version { get; }

    /// <summary>The requirements for this request; total: every request gets a decision (possibly Allowed = false).</summary>
    PolicyDecision Decide(RequestFacts facts);
}
