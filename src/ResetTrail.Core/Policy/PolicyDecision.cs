using ResetTrail.Core.Cases;

namespace ResetTrail.Core.Policy;

/// <summary>
/// What a policy requires of one reset request, and why. Every decision carries the SHA-256 of the policy
/// text that made it, so an auditor can fetch that exact version; every requirement names the rule and line
/// that set it.
/// </summary>
public sealed record PolicyDecision
{
    /// <summary>Lower-case hex SHA-256 of the policy file's bytes.</summary>
    public required string PolicyHash { get; init; }

    /// <summary>The version the file declares (e.g. "2026-11-01").</summary>
    public required string PolicyVersion { get; init; }

    public required Tier Tier { get; init; }

    public required ResetKind Kind { get; init; }

    public required Channel Channel { get; init; }

    public required InitiatorType Initiator { get; init; }

    /// <summary>The id of the rule that matched (tier × kind × channel × initiator), and its line in the file.</summary>
    public required string RuleId { get; init; }

    public required int RuleLine { get; init; }

    /// <summary>False when the policy forbids this combination outright (e.g. all factors of an admin over chat).</summary>
    public bool Allowed { get; init; } = true;

    public required VerificationRequirement Verification { get; init; }

    public required ApprovalRequirement Approvals { get; init; }

    /// <summary>Pairs of parties that must be different people.</summary>
    public IReadOnlyList<(CaseRole First, CaseRole Second)> DistinctParties { get; init; } = [];

    public BusinessHours? BusinessHours { get; init; }

    /// <summary>Minimum time between the last approval and the execution; zero for none.</summary>
    public TimeSpan CoolingOff { get; init; }

    /// <summary>The emergency path, when the rule has one.</summary>
    public EmergencyPath? Emergency { get; init; }

    public IReadOnlyList<PostResetTask> Tasks { get; init; } = [];

    public required string RetentionClass { get; init; }

    /// <summary>Which rule and line set each requirement, in the order they are printed by <c>policy explain</c>.</summary>
    public IReadOnlyList<Explanation> Explanations { get; init; } = [];
}

public sealed record VerificationRequirement(IReadOnlyList<VerificationMethod> AcceptedMethods, int MinimumStrength)
{
    /// <summary>The strength the policy gives each method (1 weak .. 4 strongest).</summary>
    public IReadOnlyDictionary<VerificationMethod, int> Strengths { get; init; } = new Dictionary<VerificationMethod, int>();

    /// <summary>A callback to the number on record is required in addition to the method used.</summary>
    public bool CallbackRequired { get; init; }

    /// <summary>A step-up verification (a second accepted method) is required.</summary>
    public bool StepUpRequired { get; init; }
}

/// <summary>How many approvals, from whom, and how long one stays valid.</summary>
public sealed record ApprovalRequirement(int Count, IReadOnlyList<string> Authorities, TimeSpan Validity)
{
    /// <summary>Authorities that must be among the approvers (e.g. security for an admin's all-factor reset).</summary>
    public IReadOnlyList<string> MustInclude { get; init; } = [];
}

/// <summary>Business hours of the target's site: days, local start and end, in an IANA time zone.</summary>
public sealed record BusinessHours(string Site, string TimeZone, IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    /// <summary>What happens outside them: "deny", or "emergency" (only the emergency path may proceed).</summary>
    public string Outside { get; init; } = "emergency";
}

/// <summary>Fewer approvals now, and a mandatory review by an authority within a deadline.</summary>
public sealed record EmergencyPath(int Approvals, TimeSpan ReviewWithin, string ReviewAuthority);

/// <summary>A task due within <paramref name="Deadline"/> after the execution.</summary>
public sealed record PostResetTask(PostResetTaskKind Kind, TimeSpan Deadline);

/// <summary>One line of a decision's account: which requirement, set by which rule at which line of the file.</summary>
public sealed record Explanation(string Requirement, string RuleId, int Line, string Text);
