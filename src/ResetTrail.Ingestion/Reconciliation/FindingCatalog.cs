namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>
/// Every finding code with its severity, title, owner team and framework mappings. Codes are a public contract:
/// never renamed. NIST CSF 2.0 PR.AA (identity management, authentication and access control), DE.CM (continuous
/// monitoring), GV.SC (supply chain: third parties); OWASP NHI Top 10 where non-human identities are concerned;
/// CSA MAESTRO for agentic/automated actors; MITRE ATT&amp;CK T1098 Account Manipulation, T1556 Modify Authentication
/// Process, T1078 Valid Accounts, T1199 Trusted Relationship, T1656 Impersonation (help-desk social engineering).
/// </summary>
public static class FindingCatalog
{
    public sealed record Entry(string Code, string Severity, string Title, string Owner, IReadOnlyList<string> Controls);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("reset_without_evidence", "critical", "Credential change with no case or ticket", "security",
            ["CSF:PR.AA-01", "CSF:PR.AA-05", "CSF:DE.CM-03", "ATTACK:T1098", "ATTACK:T1556", "ATTACK:T1656"]),
        new("ticket_target_mismatch", "high", "The changed account is not the one the case or ticket names", "service_desk",
            ["CSF:PR.AA-01", "CSF:PR.AA-02", "ATTACK:T1098", "ATTACK:T1656"]),
        new("ticket_kind_mismatch", "medium", "The change is not the kind of reset the case or ticket asked for", "service_desk",
            ["CSF:PR.AA-03", "ATTACK:T1556"]),
        new("executed_before_approval", "high", "Credential changed before it was approved", "service_desk",
            ["CSF:PR.AA-05", "CSF:GV.RR-04", "ATTACK:T1098"]),
        new("separation_of_duties_violated", "high", "One person held roles the policy keeps apart", "iam",
            ["CSF:PR.AA-05", "CSF:GV.RR-02", "ATTACK:T1078"]),
        new("approval_reused", "high", "One approval covered more than one credential change", "service_desk",
            ["CSF:PR.AA-05", "ATTACK:T1098"]),
        new("reset_after_failed_verification", "critical", "Credential changed after the caller failed verification", "service_desk",
            ["CSF:PR.AA-02", "CSF:PR.AA-03", "ATTACK:T1656", "ATTACK:T1556"]),
        new("policy_requirements_unmet", "high", "The reset did not meet what the policy required", "iam",
            ["CSF:PR.AA-03", "CSF:PR.AA-05", "CSF:GV.PO-01"]),
        new("third_party_unattributed", "high", "A third party changed a credential with no third-party record", "security",
            ["CSF:GV.SC-07", "CSF:PR.AA-05", "ATTACK:T1199", "OWASP-NHI:NHI3"]),
        new("post_reset_tasks_missing", "medium", "Post-reset tasks were not done by their deadline", "service_desk",
            ["CSF:PR.AA-05", "CSF:RS.MI-01", "ATTACK:T1078"]),
        new("outside_approved_window", "high", "Credential changed outside the window its approval or ticket allows", "service_desk",
            ["CSF:PR.AA-05", "ATTACK:T1098"]),
        new("non_human_secret_without_owner_case", "high", "A non-human identity's secret changed with no owner's case", "iam",
            ["CSF:PR.AA-01", "OWASP-NHI:NHI1", "OWASP-NHI:NHI7", "MAESTRO:L7"]),
    ];

    public static Entry For(string code) => All.Single(e => e.Code == code);
}
