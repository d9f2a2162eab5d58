using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Ocsf;

/// <summary>
/// Our change kinds as OCSF 1.x classes and activities: 3001 Account Change (1 Create, 2 Enable, 3 Password
/// Change, 4 Password Reset, 5 Disable, 6 Delete, 9 Lock, 10 MFA Factor Enable, 11 MFA Factor Disable, 99
/// Other), 3002 Authentication (1 Logon), 3005 User Access Management (1 Assign Privileges).
/// </summary>
public static class OcsfMapping
{
    public const int AccountChange = 3001;
    public const int Authentication = 3002;
    public const int UserAccessManagement = 3005;

    public static (int ClassUid, int ActivityId, string ActivityName) For(ChangeKind kind) => kind switch
    {
        ChangeKind.PasswordReset => (AccountChange, 4, "Password Reset"),
        ChangeKind.PasswordChange => (AccountChange, 3, "Password Change"),
        ChangeKind.MfaFactorEnabled => (AccountChange, 10, "MFA Factor Enable"),
        ChangeKind.MfaFactorDisabled => (AccountChange, 11, "MFA Factor Disable"),
        ChangeKind.MfaFactorsResetAll => (AccountChange, 11, "MFA Factor Disable"),
        ChangeKind.TemporaryAccessPassIssued => (AccountChange, 10, "MFA Factor Enable"),
        ChangeKind.RecoveryCodesChanged => (AccountChange, 10, "MFA Factor Enable"),
        ChangeKind.NhiSecretChanged => (AccountChange, 99, "Other"),
        ChangeKind.AccountLocked => (AccountChange, 9, "Lock"),
        ChangeKind.AccountUnlocked => (AccountChange, 99, "Other"),
        ChangeKind.AccountEnabled => (AccountChange, 2, "Enable"),
        ChangeKind.AccountDisabled => (AccountChange, 5, "Disable"),
        ChangeKind.SignIn => (Authentication, 1, "Logon"),
        ChangeKind.RoleGranted => (UserAccessManagement, 1, "Assign Privileges"),
        ChangeKind.Other => (AccountChange, 99, "Other"),
    };

    /// <summary>type_uid = class_uid × 100 + activity_id (OCSF's rule).</summary>
    public static long TypeUid(int classUid, int activityId) => (classUid * 100L) + activityId;
}
