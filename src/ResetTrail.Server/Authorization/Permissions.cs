using ResetTrail.Core.Access;

namespace ResetTrail.Server.Authorization;

/// <summary>
/// Authorization policies, one per capability, each granted to explicit roles. Endpoints name a policy; no
/// endpoint checks a role by itself. The case-level separation of duties is not here: the workflow enforces it
/// on the authenticated name (docs/design/server.md has the roles × endpoints table).
/// </summary>
public static class Permissions
{
    public const string OpenCase = "cases.open";
    public const string VerifyCase = "cases.verify";
    public const string ApproveCase = "cases.approve";
    public const string ExecuteCase = "cases.execute";
    public const string FollowUpCase = "cases.follow_up";
    public const string ReviewCase = "cases.review";
    public const string EndCase = "cases.end";
    public const string ReadCases = "cases.read";
    public const string ReadPolicy = "policy.read";
    public const string PublishPolicy = "policy.publish";
    public const string ReadEvidence = "evidence.read";
    public const string ReadFindings = "findings.read";
    public const string ManageTokens = "tokens.manage";
    public const string ReadMetrics = "metrics.read";

    private static readonly Role[] Readers =
        [Role.DeskAgent, Role.Verifier, Role.Approver, Role.Executor, Role.IamAdmin, Role.SecurityAnalyst, Role.Auditor];

    /// <summary>Who holds each permission.</summary>
    public static IReadOnlyDictionary<string, Role[]> Grants { get; } = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        [OpenCase] = [Role.DeskAgent],
        [VerifyCase] = [Role.DeskAgent, Role.Verifier],
        [ApproveCase] = [Role.Approver],
        [ExecuteCase] = [Role.Executor],
        // Linking the identity provider's event and recording post-reset tasks: the executor, or the desk handing over.
        [FollowUpCase] = [Role.Executor, Role.DeskAgent, Role.IamAdmin],
        // The emergency path's after-the-fact review is security's or IAM's, never the desk's.
        [ReviewCase] = [Role.SecurityAnalyst, Role.IamAdmin],
        // Close, cancel, expire.
        [EndCase] = [Role.DeskAgent, Role.IamAdmin],
        [ReadCases] = Readers,
        [ReadPolicy] = Readers,
        [PublishPolicy] = [Role.IamAdmin],
        [ReadEvidence] = [Role.Auditor, Role.IamAdmin, Role.SecurityAnalyst],
        [ReadFindings] = [Role.IamAdmin, Role.SecurityAnalyst, Role.Auditor],
        [ManageTokens] = [Role.Administrator],
        [ReadMetrics] = [Role.Administrator, Role.Auditor],
    };
}
