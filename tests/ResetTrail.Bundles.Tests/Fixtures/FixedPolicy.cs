using System.Security.Cryptography;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using static ResetTrail.Core.Policy.VerificationMethod;

namespace ResetTrail.Bundles.Tests.Fixtures;

/// <summary>
/// A policy double that always decides the same, for the bytes it was published as: the decision's hash is the
/// SHA-256 of <see cref="Text"/>, as a real policy's is of its file. The real engine is exercised in the CLI tests.
/// </summary>
internal sealed class FixedPolicy : IResetPolicy
{
    public static readonly byte[] Text = "version: \"2026-11-01\"\n# a fixed policy for bundle tests: standard-phone at line 12\n"u8.ToArray();

    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Text));

    public string Version => "2026-11-01";

    public PolicyDecision Decide(RequestFacts facts) => new()
    {
        PolicyHash = Hash,
        PolicyVersion = Version,
        Tier = Tier.Standard,
        Kind = ResetKind.MfaFactor,
        Channel = Channel.Phone,
        Initiator = InitiatorType.Internal,
        RuleId = "standard-phone",
        RuleLine = 12,
        Verification = new VerificationRequirement([PushToEnrolledDevice, CallbackOnRecord], 3)
        {
            Strengths = new Dictionary<VerificationMethod, int> { [KnowledgeQuestions] = 1, [CallbackOnRecord] = 3, [PushToEnrolledDevice] = 3 },
        },
        Approvals = new ApprovalRequirement(2, ["manager", "security"], TimeSpan.FromHours(4)),
        DistinctParties = [.. from a in Enum.GetValues<CaseRole>() from b in Enum.GetValues<CaseRole>() where a < b select (a, b)],
        Tasks = [new PostResetTask(PostResetTaskKind.RevokeSessions, TimeSpan.FromHours(1)), new PostResetTask(PostResetTaskKind.NotifyUser, TimeSpan.FromDays(1))],
        RetentionClass = "standard",
    };
}
