using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Google;

/// <summary>
/// Reports API event names to our kinds: user_accounts (what the user did to their own account), admin (what an
/// administrator did, the target in USER_EMAIL) and login. Names are those of the Reports API's
/// "User Accounts", "Admin" and "Login" activity event pages.
/// </summary>
internal static class GoogleEventMapping
{
    public const string ProductName = "Google Workspace Reports API";
    public const string VendorName = "Google";

    public static SourceRecord Map(string location, GoogleActivityEvent e)
    {
        var activity = e.Activity;
        var name = e.Name;
        if (name is null)
        {
            return SourceRecord.Bad(location, "event without a name");
        }

        var application = activity.Path("id", "applicationName").AsText();
        var timeText = activity.Path("id", "time").AsText();
        if (TimeText.Parse(timeText) is not { } time)
        {
            return SourceRecord.Bad(location, timeText is null
                ? $"{name}: no id.time, so the event cannot be placed in time"
                : $"{name}: id.time is not a timestamp: {timeText}");
        }

        var actorEmail = activity.Path("actor", "email").AsText();
        var actor = new EventParty(activity.Path("actor", "profileId").AsText(), actorEmail)
        {
            Email = actorEmail,
            Type = activity.Path("actor", "callerType").AsText(),
        };

        // An administrator's action names its target; a user's own account event is about the actor.
        var targetEmail = e.Parameter("USER_EMAIL") ?? e.Parameter("affected_email_address") ?? actorEmail;
        var target = string.Equals(targetEmail, actorEmail, StringComparison.OrdinalIgnoreCase)
            ? actor
            : new EventParty(null, targetEmail) { Email = targetEmail, Type = "USER" };
        var bySomeoneElse = !ReferenceEquals(target, actor);
        var (kind, success) = Classify(application, name, bySomeoneElse);
        var uniqueQualifier = activity.Path("id", "uniqueQualifier").AsText();
        return SourceRecord.Of(new IdentityEvent
        {
            Source = GoogleWorkspaceSource.SourceName,

            // uniqueQualifier is unique per activity; an activity holds several events. Without it (trimmed
            // exports) the id is built from what identifies the event, so a re-run still deduplicates.
            SourceEventId = uniqueQualifier is not null
                ? $"{uniqueQualifier}:{e.Index}"
                : $"{timeText}|{application}|{actor.Uid ?? actorEmail}|{name}:{e.Index}",
            SourceEventType = name,
            Time = time,
            Kind = kind,
            Success = success,
            Target = target,
            Actor = application == "login" ? null : actor,
            SourceIp = activity.Get("ipAddress").AsText(),
            FactorType = kind is ChangeKind.MfaFactorDisabled or ChangeKind.MfaFactorEnabled ? "2sv" : null,
            Role = kind == ChangeKind.RoleGranted ? e.Parameter("ROLE_NAME") : null,
            ProductName = ProductName,
            VendorName = VendorName,
            Location = location,
        });
    }

    private static (ChangeKind Kind, bool Success) Classify(string? application, string name, bool bySomeoneElse) =>
        (application, name) switch
        {
            ("user_accounts", "password_edit") => (bySomeoneElse ? ChangeKind.PasswordReset : ChangeKind.PasswordChange, true),
            ("user_accounts", "2sv_disable") => (ChangeKind.MfaFactorDisabled, true),
            ("user_accounts", "2sv_enroll") => (ChangeKind.MfaFactorEnabled, true),

            // recovery_email_edit / recovery_phone_edit / recovery_secret_qa_edit change how the account is
            // recovered, not a credential: kept as Other (visible in reports), not RecoveryCodesChanged.
            ("admin", "CHANGE_PASSWORD") => (ChangeKind.PasswordReset, true),
            ("admin", "GENERATE_2SV_SCRATCH_CODES" or "GENERATE_BACKUP_VERIFICATION_CODES") => (ChangeKind.RecoveryCodesChanged, true),
            ("admin", "UNENROLL_USER_FROM_STRONG_AUTH" or "UNENROLL_USER_FROM_TITANIUM") => (ChangeKind.MfaFactorDisabled, true),
            ("admin", "ASSIGN_ROLE" or "GRANT_ADMIN_PRIVILEGE" or "GRANT_DELEGATED_ADMIN_PRIVILEGES") => (ChangeKind.RoleGranted, true),
            ("admin", "SUSPEND_USER") => (ChangeKind.AccountDisabled, true),
            ("admin", "UNSUSPEND_USER") => (ChangeKind.AccountEnabled, true),
            ("login", "login_success") => (ChangeKind.SignIn, true),
            ("login", "login_failure") => (ChangeKind.SignIn, false),
            _ => (ChangeKind.Other, true),
        };
}
