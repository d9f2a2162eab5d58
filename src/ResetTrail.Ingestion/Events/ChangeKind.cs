namespace ResetTrail.Ingestion.Events;

/// <summary>
/// What an identity event did, in our terms. Wire names are snake_case (password_reset, mfa_factor_disabled, ...).
/// Each maps to one OCSF class and activity (Ocsf/OcsfMapping.cs).
/// </summary>
public enum ChangeKind
{
    /// <summary>An administrator or the desk set a new password for someone else (OCSF 3001 activity 4).</summary>
    PasswordReset,

    /// <summary>The user changed their own password (OCSF 3001 activity 3).</summary>
    PasswordChange,

    /// <summary>A factor was enrolled or registered (OCSF 3001 activity 10).</summary>
    MfaFactorEnabled,

    /// <summary>One factor was removed or deactivated (OCSF 3001 activity 11).</summary>
    MfaFactorDisabled,

    /// <summary>Every factor was reset at once (Okta Classic user.mfa.factor.reset_all; OCSF 3001 activity 11).</summary>
    MfaFactorsResetAll,

    /// <summary>A temporary access pass or one-time bypass code was issued (OCSF 3001 activity 10).</summary>
    TemporaryAccessPassIssued,

    /// <summary>Recovery or backup codes were generated or changed (OCSF 3001 activity 10).</summary>
    RecoveryCodesChanged,

    /// <summary>A non-human identity's secret or key was added or rotated (OCSF 3001 activity 99, other).</summary>
    NhiSecretChanged,

    AccountLocked,
    AccountUnlocked,
    AccountEnabled,
    AccountDisabled,

    /// <summary>A sign-in (OCSF 3002 activity 1); Success says whether it succeeded.</summary>
    SignIn,

    /// <summary>A role or admin privilege was granted (OCSF 3005, user access management).</summary>
    RoleGranted,

    /// <summary>Understood source, but not an event reconciliation acts on (kept, counted, reported).</summary>
    Other,
}
