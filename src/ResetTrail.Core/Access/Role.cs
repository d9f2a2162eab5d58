namespace ResetTrail.Core.Access;

/// <summary>
/// What a signed-in person or API token may do. Roles grant endpoints and pages; the case-level separation of
/// duties (no one approves their own request, executor differs from approver) is decided by the workflow rules
/// on the authenticated name, never on a role or a name the client sends.
/// Wire names: desk_agent, verifier, approver, executor, iam_admin, security_analyst, auditor, administrator.
/// </summary>
public enum Role
{
    /// <summary>Opens cases from tickets, records verification, hands over.</summary>
    DeskAgent,

    /// <summary>Records caller verification (a desk agent can too).</summary>
    Verifier,

    /// <summary>Approves or denies a case's reset.</summary>
    Approver,

    /// <summary>Carries out the reset and records its execution and validation.</summary>
    Executor,

    /// <summary>Publishes policy, runs ingestion and reconciliation, owns findings.</summary>
    IamAdmin,

    /// <summary>Reads findings and alerts, triages them.</summary>
    SecurityAnalyst,

    /// <summary>Reads everything, exports bundles, verifies the log; changes nothing.</summary>
    Auditor,

    /// <summary>Manages accounts, API tokens and configuration.</summary>
    Administrator,
}
