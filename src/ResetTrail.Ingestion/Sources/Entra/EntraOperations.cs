using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>
/// Entra audit activity names exactly as Entra writes them
/// (https://learn.microsoft.com/entra/identity/monitoring-health/reference-audit-activities), in our terms.
/// Office 365 writes the same names with a trailing full stop ("Update user."); callers strip it.
/// </summary>
internal static class EntraOperations
{
    public static ChangeKind Of(string activity, string? resultReason) => activity switch
    {
        "Reset password (by admin)" or "Reset user password" => ChangeKind.PasswordReset,
        "Reset password (self-service)" or "Change user password" or "Change password (self-service)" => ChangeKind.PasswordChange,
        // A Temporary Access Pass is logged as registered security info with this result reason.
        "Admin registered security info" or "User registered security info" when IsTemporaryAccessPass(resultReason)
            => ChangeKind.TemporaryAccessPassIssued,
        "Admin registered temporary access pass method for user" => ChangeKind.TemporaryAccessPassIssued,
        "Admin registered security info" or "User registered security info" => ChangeKind.MfaFactorEnabled,
        "Admin deleted security info" or "User deleted security info" => ChangeKind.MfaFactorDisabled,
        "Disable Strong Authentication" => ChangeKind.MfaFactorsResetAll,
        "Add member to role" or "Add member to role in PIM completed (permanent)"
            or "Add member to role in PIM completed (timebound)" or "Add member to role completed (PIM activation)"
            => ChangeKind.RoleGranted,
        "Add service principal credentials" or "Update application – Certificates and secrets management"
            => ChangeKind.NhiSecretChanged,
        "Enable account" => ChangeKind.AccountEnabled,
        "Disable account" => ChangeKind.AccountDisabled,
        "Sign-in activity" or "UserLoggedIn" or "UserLoginFailed" => ChangeKind.SignIn,
        _ => ChangeKind.Other,
    };

    private static bool IsTemporaryAccessPass(string? reason) =>
        reason is not null && reason.Contains("temporary access pass", StringComparison.OrdinalIgnoreCase);
}
