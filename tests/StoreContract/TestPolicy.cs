using System.Security.Cryptography;
using System.Text;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.StoreContract;

/// <summary>
/// A fixed decision for store tests (the policy engine has its own tests): one approval by a manager within
/// four hours, a strength-3 method, approver and executor kept apart, a session revocation within an hour.
/// Its hash is the SHA-256 of <see cref="Text"/>, which the tests publish.
/// </summary>
internal sealed class TestPolicy : IResetPolicy
{
    public static readonly byte[] Text = Encoding.UTF8.GetBytes("version: store-test\n");

    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Text));

    public string Version => "store-test";

    public PolicyDecision Decide(RequestFacts facts) => new()
    {
        PolicyHash = Hash,
        PolicyVersion = Version,
        Tier = Tier.Standard,
        Kind = facts.Kind,
        Channel = facts.Channel,
        Initiator = facts.Initiator,
        RuleId = "standard-any",
        RuleLine = 1,
        Verification = new VerificationRequirement([VerificationMethod.PushToEnrolledDevice, VerificationMethod.CallbackOnRecord], 3 + Math.Min(facts.RecentFailedVerifications, 1))
        {
            Strengths = new Dictionary<VerificationMethod, int> { [VerificationMethod.PushToEnrolledDevice] = 3, [VerificationMethod.CallbackOnRecord] = 4 },
        },
        Approvals = new ApprovalRequirement(1, ["manager"], TimeSpan.FromHours(4)),
        DistinctParties = [(CaseRole.Approver, CaseRole.Executor), (CaseRole.Requester, CaseRole.Approver)],
        Tasks = [new PostResetTask(PostResetTaskKind.RevokeSessions, TimeSpan.FromHours(1))],
        RetentionClass = "standard",
    };
}
