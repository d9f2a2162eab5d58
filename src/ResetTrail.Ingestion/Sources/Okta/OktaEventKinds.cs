using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.Okta;

/// <summary>
/// Okta System Log event types (https://developer.okta.com/docs/reference/api/event-types/) in our terms.
/// Password events depend on who acted: see <see cref="OktaRecord"/>.
/// </summary>
internal static class OktaEventKinds
{
    public static bool IsPasswordEvent(string eventType) => eventType is
        "user.account.reset_password" or "user.account.update_password" or "user.credential.forgot_password";

    public static ChangeKind Of(string eventType) => eventType switch
    {
        // Classic Engine resets every factor at once; Identity Engine deactivates them one by one.
        "user.mfa.factor.reset_all" => ChangeKind.MfaFactorsResetAll,
        "user.mfa.factor.deactivate" => ChangeKind.MfaFactorDisabled,
        "user.mfa.factor.activate" or "user.mfa.factor.update" => ChangeKind.MfaFactorEnabled,
        "user.account.lock" or "user.account.lock.limit" => ChangeKind.AccountLocked,
        _ when eventType.StartsWith("user.account.unlock", StringComparison.Ordinal) => ChangeKind.AccountUnlocked,
        "user.lifecycle.activate" or "user.lifecycle.reactivate" or "user.lifecycle.unsuspend" => ChangeKind.AccountEnabled,
        "user.lifecycle.deactivate" or "user.lifecycle.suspend" => ChangeKind.AccountDisabled,
        "user.session.start" => ChangeKind.SignIn,
        _ when eventType.StartsWith("user.authentication.", StringComparison.Ordinal) => ChangeKind.SignIn,
        "user.account.privilege.grant" or "group.privilege.grant" => ChangeKind.RoleGranted,
        // API tokens act as the admin who made them; OAuth client secrets belong to service apps.
        "system.api_token.create" => ChangeKind.NhiSecretChanged,
        _ when eventType.StartsWith("app.oauth2.client", StringComparison.Ordinal)
            && eventType.Contains("secret", StringComparison.Ordinal)
            && !eventType.EndsWith(".delete", StringComparison.Ordinal)
            && !eventType.EndsWith(".deactivate", StringComparison.Ordinal) => ChangeKind.NhiSecretChanged,
        _ => ChangeKind.Other,
    };
}
