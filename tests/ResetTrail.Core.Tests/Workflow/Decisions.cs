using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using static ResetTrail.Core.Policy.VerificationMethod;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>Policy decisions for workflow tests, each a variation of one standard decision.</summary>
internal static class Decisions
{
    public static readonly string PolicyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("policy v1"u8));

    public static readonly TimeSpan ApprovalValidity = TimeSpan.FromHours(4);

    /// <summary>Every pair of distinct roles.</summary>
    public static IReadOnlyList<(CaseRole, CaseRole)> AllPairs { get; } =
        [.. from a in Enum.GetValues<CaseRole>() from b in Enum.GetValues<CaseRole>() where a < b select (a, b)];

    /// <summary>Push or callback (strength 3) by a verifier; two approvals, from managers or security; two tasks.</summary>
    public static PolicyDecision Standard() => new()
    {
        PolicyHash = PolicyHash,
        PolicyVersion = "2026-11-01",
        Tier = Tier.Standard,
        Kind = ResetKind.MfaFactor,
        Channel = Channel.Phone,
        Initiator = InitiatorType.Internal,
        RuleId = "standard-phone",
        RuleLine = 12,
        Verification = new VerificationRequirement([PushToEnrolledDevice, CallbackOnRecord, IdDocumentLiveness, KnowledgeQuestions], 3)
        {
            Strengths = new Dictionary<VerificationMethod, int>
            {
                [KnowledgeQuestions] = 1, [ManagerAttestation] = 2, [CallbackOnRecord] = 3, [PushToEnrolledDevice] = 3, [IdDocumentLiveness] = 4, [InPersonBadge] = 4,
            },
        },
        Approvals = new ApprovalRequirement(2, ["manager", "security"], ApprovalValidity),
        DistinctParties = AllPairs,
        Tasks = [new PostResetTask(PostResetTaskKind.RevokeSessions, TimeSpan.FromHours(1)), new PostResetTask(PostResetTaskKind.NotifyUser, TimeSpan.FromDays(1))],
        RetentionClass = "standard-7y",
    };

    /// <summary>The standard decision with an emergency path: one approval now, a security review within a day.</summary>
    public static PolicyDecision WithEmergency() => Standard() with { Emergency = new EmergencyPath(1, TimeSpan.FromDays(1), "security") };

    /// <summary>Business hours 08:00-18:00 Monday to Friday in Paris.</summary>
    public static PolicyDecision WithParisHours(string outside) => WithEmergency() with
    {
        BusinessHours = new BusinessHours("paris", "Europe/Paris",
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(18, 0))
        {
            Outside = outside,
        },
    };

    public static PolicyDecision NoApprovals() => Standard() with { Approvals = new ApprovalRequirement(0, [], ApprovalValidity) };

    public static PolicyDecision NoTasks() => Standard() with { Tasks = [] };
}
