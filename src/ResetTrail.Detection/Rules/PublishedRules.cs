using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Rules.Kinds;
using ResetTrail.Ingestion.Events;
using static ResetTrail.Ingestion.Events.ChangeKind;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// The rules published detections already have (../shared/samples/DETECTION-COVERAGE.md, one row each; the mapping
/// is in docs/design/detection.md), on our normalised events so each works for every source that logs the change.
/// Ids are stable and never reused.
/// </summary>
internal static class PublishedRules
{
    private const string Identity = "identity-security";
    private const string Windows = "windows-security";

    public static IEnumerable<RuleDefinition> All()
    {
        yield return Single("RT-D001", "Okta support reset a credential", Severity.High, "T1098", Identity,
            [PasswordReset, PasswordChange, MfaFactorEnabled, MfaFactorDisabled, Other],
            o => Is.Type(o, "user.account.reset_password", "user.mfa.factor.update", "system.mfa.factor.deactivate", "user.mfa.attempt_bypass")
                && o.Event!.Actor?.Key.Equals("system@okta.com", StringComparison.OrdinalIgnoreCase) == true
                && o.Event.TransactionId == "unknown",
            "actor system@okta.com and transaction id \"unknown\" on a credential event",
            o => $"Okta support ({o.Event!.SourceEventType}) changed {o.Target}'s credentials",
            otherTypes: ["user.account.reset_password", "user.mfa.factor.update", "system.mfa.factor.deactivate", "user.mfa.attempt_bypass"]);

        yield return Single("RT-D002", "Okta support access granted", Severity.Medium, "T1078.004", Identity, [Other],
            o => Is.Type(o, "user.session.impersonation.grant", "user.session.impersonation.initiate"),
            "an impersonation grant or session", o => $"{o.Actor ?? "someone"} granted or started Okta support impersonation ({o.Event!.SourceEventType})",
            otherTypes: ["user.session.impersonation.grant", "user.session.impersonation.initiate"]);

        yield return new RuleDefinition(Info("RT-D003", "Password and MFA reset on one user", Severity.High, "T1098", Identity),
            new RuleDefaults(1, TimeSpan.FromMinutes(30)), (info, s, d, b) => new SequenceRule(info, s, d,
                [PasswordReset, MfaFactorsResetAll, MfaFactorDisabled], false,
                [new Step("password reset", (o, _) => Is.Kind(o, PasswordReset), Target),
                 new Step("MFA reset or deactivation", (o, _) => Is.Kind(o, MfaFactorsResetAll, MfaFactorDisabled), Target)],
                anyOrder: true, "user", b));

        yield return new RuleDefinition(Info("RT-D004", "Stolen credentials used after MFA reset", Severity.High, "T1556.006", Identity),
            new RuleDefaults(1, TimeSpan.FromHours(12)), (info, s, d, b) => new SequenceRule(info, s, d, null, false,
                [new Step("credential-access alert", (o, _) => Is.CredentialAccessSignal(o), Target),
                 new Step("factor enrolled", (o, _) => Is.Kind(o, MfaFactorEnabled), Target),
                 new Step("sign-in", (o, _) => Is.SignInOk(o), Target)],
                anyOrder: false, "user", b));

        yield return new RuleDefinition(Info("RT-D005", "MFA deactivated and not re-activated", Severity.Medium, "T1556.006", Identity),
            new RuleDefaults(1, TimeSpan.FromHours(12)), (info, s, d, b) => new AbsenceRule(info, s, d,
                [MfaFactorDisabled, MfaFactorsResetAll, MfaFactorEnabled], false,
                new Step("MFA deactivation", (o, _) => Is.Kind(o, MfaFactorDisabled, MfaFactorsResetAll), Target),
                new Step("factor activation", (o, _) => Is.Kind(o, MfaFactorEnabled), Target),
                TimeSpan.Zero, "user", b));

        yield return new RuleDefinition(Info("RT-D006", "Suspicious sign-in followed by MFA modification", Severity.High, "T1556.006", Identity),
            new RuleDefaults(1, TimeSpan.FromHours(1)), (info, s, d, b) => new SequenceRule(info, s, d,
                [SignIn, .. Is.FactorKinds], false,
                [new Step("risky sign-in", (o, _) => o.Event is { Kind: SignIn, Risk: not null }, Target),
                 new Step("security-info change by the same user", (o, _) => Is.Kind(o, Is.FactorKinds), o => o.Actor)],
                anyOrder: true, "user", b));

        yield return new RuleDefinition(Info("RT-D007", "Authentication methods changed for a privileged account", Severity.High, "T1098", Identity),
            RuleDefaults.None, (info, s, _, b) => new PrivilegedTargetRule(info, s, [PasswordReset, .. Is.FactorKinds], "authentication methods changed", b));

        yield return new RuleDefinition(Info("RT-D008", "Account enabled, then password reset", Severity.Medium, "T1098", Identity),
            new RuleDefaults(1, TimeSpan.FromMinutes(2)), (info, s, d, b) => new SequenceRule(info, s, d, [AccountEnabled, PasswordReset], false,
                [new Step("account enabled", (o, _) => Is.Kind(o, AccountEnabled), Target),
                 new Step("password reset", (o, _) => Is.Kind(o, PasswordReset), Target)],
                anyOrder: false, "user", b));

        yield return Single("RT-D009", "Temporary access pass created", Severity.Medium, "T1098", Identity, [TemporaryAccessPassIssued],
            o => Is.Kind(o, TemporaryAccessPassIssued), "a temporary access pass or bypass code issued",
            o => $"{o.Actor ?? "someone"} issued a temporary access pass for {o.Target}");

        yield return Single("RT-D010", "New MFA method registered", Severity.Low, "T1556.006", Identity, [MfaFactorEnabled],
            o => Is.Kind(o, MfaFactorEnabled), "a factor registered",
            o => $"new factor {o.Event!.FactorType ?? "(type not given)"} registered for {o.Target} ({o.Event.SourceEventType})");

        yield return Single("RT-D011", "MFA removed or disabled", Severity.Medium, "T1556.006", Identity, [MfaFactorDisabled, MfaFactorsResetAll, Other],
            o => Is.Kind(o, MfaFactorDisabled, MfaFactorsResetAll) || (Is.Type(o, "system.mfa.factor.deactivate") && o.Event!.Success),
            "a factor removed, deactivated or reset", o => $"MFA removed for {o.Target}: {o.Event!.SourceEventType} by {o.Actor ?? "(unknown)"}",
            otherTypes: ["system.mfa.factor.deactivate"]);

        yield return Single("RT-D013", "Super admin password reset", Severity.Critical, "T1078", Identity, [Other],
            o => Is.Type(o, "security.protected_action.attempt")
                && string.Equals(o.Event!.Target.DisplayName, "Reset passwords for super admins", StringComparison.OrdinalIgnoreCase),
            "protected action \"Reset passwords for super admins\" attempted",
            o => $"{o.Actor ?? "someone"} attempted to reset a super admin's password",
            otherTypes: ["security.protected_action.attempt"]);

        yield return Single("RT-D014", "Failed identity verification before a reset", Severity.Medium, "T1656", Identity, [Other],
            o => Is.Type(o, "user.identity_verification") && !o.Event!.Success,
            "identity verification outcome DENY", o => $"identity verification of {o.Target} was denied",
            otherTypes: ["user.identity_verification"]);

        yield return Single("RT-D015", "Password reset of another user", Severity.Low, "T1098", Identity, [PasswordReset],
            o => Is.Kind(o, PasswordReset) && Subjects.IsOther(o), "a password reset where the initiator is not the target",
            o => $"{o.Actor} reset the password of {o.Target}");

        yield return new RuleDefinition(Info("RT-D016", "Account password reset remotely", Severity.High, "T1098", Windows),
            new RuleDefaults(1, TimeSpan.FromMinutes(1)), (info, s, d, b) => new SequenceRule(info, s, d, [SignIn, PasswordReset], false,
                [new Step("network logon from a remote address", (o, _) => o.Event is { Kind: SignIn, Success: true, LogonType: "3", SourceIp: { } ip } && !IsLocal(ip), Session),
                 new Step("password reset of a privileged-looking account by that logon", (o, c) => Is.Kind(o, PasswordReset) && c.IsPrivilegedAccount(o.Target), Session)],
                anyOrder: false, "logon session", b));

        yield return Single("RT-D017", "DSRM password set", Severity.High, "T1098", Windows, [Other],
            o => o.Event is { Source: "windows", SourceEventType: "4794" }, "Windows event 4794",
            o => $"{o.Actor ?? "someone"} set the Directory Services Restore Mode password on {o.Event!.Host ?? "a domain controller"}",
            otherTypes: ["4794"]);

        yield return Single("RT-D018", "Okta 2023 support-system breach indicator", Severity.Critical, "T1136", Identity, [Other, AccountEnabled],
            (o, c) => Is.Type(o, "user.lifecycle.create", "4720", "Add user") && Is.AnyGlob(c.IndicatorAccounts, o.Target),
            "creation of an account named as a breach indicator", o => $"account {o.Target} created: a published indicator of the 2023 Okta support breach",
            otherTypes: ["user.lifecycle.create", "4720", "Add user"]);

        foreach (var burst in Bursts())
        {
            yield return burst;
        }

        foreach (var supporting in Supporting())
        {
            yield return supporting;
        }
    }

    private static IEnumerable<RuleDefinition> Bursts()
    {
        yield return Burst("RT-D019", "Rapid password resets for different users", Severity.Medium, "T1098", Identity, 11, TimeSpan.FromDays(7),
            [PasswordReset], o => Is.Kind(o, PasswordReset) && Subjects.IsOther(o), o => o.Actor, Target, "targets");
        yield return Burst("RT-D020", "Many password reset or unlock messages", Severity.Medium, "T1098", Identity, 5, TimeSpan.FromHours(1),
            [PasswordReset, AccountUnlocked], o => Is.Kind(o, PasswordReset, AccountUnlocked), o => o.Actor, EventId, "reset or unlock events");
        yield return Burst("RT-D021", "Multiple account passwords changed", Severity.Medium, "T1098", Windows, 6, TimeSpan.FromMinutes(10),
            [PasswordReset], o => Is.Kind(o, PasswordReset) && o.Event!.Source == "windows", o => o.Actor, Target, "targets");
        yield return Burst("RT-D022", "Multiple password resets by one user", Severity.Medium, "T1098", Identity, 10, TimeSpan.FromDays(1),
            [PasswordReset], o => Is.Kind(o, PasswordReset) && Subjects.IsOther(o), o => o.Actor, Target, "targets");
    }

    private static IEnumerable<RuleDefinition> Supporting()
    {
        yield return Single("RT-D023", "Admin role granted", Severity.High, "T1098.003", Identity, [RoleGranted],
            (o, c) => o.Event is { Kind: RoleGranted, Success: true } e && (e.Source is "okta" or "windows" || c.IsPrivilegedRole(e.Role)),
            "a privileged role granted", o => $"{o.Actor ?? "someone"} granted {o.Event!.Role ?? "an admin role"} to {o.Target}");

        yield return new RuleDefinition(Info("RT-D024", "New device and new network reaching the admin console", Severity.High, "T1078.004", Identity),
            new RuleDefaults(1, TimeSpan.FromDays(1)), (info, s, d, b) => new NewContextRule(info, s, d, [SignIn], [],
                new Step("admin console access", Is.AdminConsole, Target), "user", b with { MaxPerKey = 64 }) { RequireAll = true, ReadsAdminConsole = true });

        yield return Burst("RT-D025", "Sign-ins from several countries", Severity.Medium, "T1078", Identity, 3, TimeSpan.FromHours(1),
            [SignIn], o => Is.SignInOk(o) && o.Event!.Country is not null, Target, o => o.Event!.Country, "countries", "user");

        yield return Single("RT-D026", "Account locked out", Severity.Low, "T1110", Identity, [AccountLocked],
            o => o.Event is { Kind: AccountLocked }, "an account lockout", o => $"{o.Target} was locked out ({o.Event!.SourceEventType})");

        yield return new RuleDefinition(Info("RT-D027", "Sign-in outside business hours", Severity.Informational, "T1078", Identity),
            RuleDefaults.None, (info, s, _, b) => new HoursRule(info, s, [SignIn], Is.SignInOk, "sign-in", b.MaxKeys));
    }

    internal static RuleInfo Info(string id, string title, Severity severity, string technique, string owner) => new(id, title, severity, technique, owner);

    internal static string? Target(Engine.Observation o) => o.Target;

    private static string? EventId(Engine.Observation o) => o.ToString();

    private static string? Session(Engine.Observation o) =>
        o.Event is { SessionId: { } session } e ? $"{e.Host}|{session}".ToLowerInvariant() : null;

    private static bool IsLocal(string ip) => ip is "127.0.0.1" or "::1" or "-" || ip.StartsWith("fe80", StringComparison.OrdinalIgnoreCase);

    internal static RuleDefinition Single(string id, string title, Severity severity, string technique, string owner, ChangeKind[] kinds,
        Func<Engine.Observation, bool> matches, string condition, Func<Engine.Observation, string> describe, string[]? otherTypes = null) =>
        Single(id, title, severity, technique, owner, kinds, (o, _) => matches(o), condition, describe, otherTypes: otherTypes);

    /// <summary>
    /// A rule one observation is enough for. With <paramref name="otherTypes"/>, the rule matches events of kind Other
    /// only of those source types (<see cref="DetectionRule.OtherTypes"/>): the predicate must not match any other.
    /// </summary>
    internal static RuleDefinition Single(string id, string title, Severity severity, string technique, string owner, ChangeKind[] kinds,
        Func<Engine.Observation, Config.DetectionConfig, bool> matches, string condition, Func<Engine.Observation, string> describe, bool signals = false,
        string[]? otherTypes = null) =>
        new(Info(id, title, severity, technique, owner), RuleDefaults.None,
            (info, s, _, _) => new MatchRule(info, s, kinds, matches, describe, condition, signals) { OtherTypes = Types(otherTypes) });

    internal static HashSet<string>? Types(string[]? types) => types is null ? null : new HashSet<string>(types, StringComparer.Ordinal);

    internal static RuleDefinition Burst(string id, string title, Severity severity, string technique, string owner, int threshold, TimeSpan window,
        ChangeKind[]? kinds, Func<Engine.Observation, bool> matches, Func<Engine.Observation, string?> key, Func<Engine.Observation, string?> value,
        string counted, string keyName = "actor", bool signals = false) =>
        new(Info(id, title, severity, technique, owner), new RuleDefaults(threshold, window),
            (info, s, d, b) => new BurstRule(info, s, d, kinds, signals, (o, _) => matches(o), key, value, counted, keyName, b));
}
