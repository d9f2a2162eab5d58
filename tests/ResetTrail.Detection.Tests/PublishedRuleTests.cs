using System.Text.Json.Nodes;
using static ResetTrail.Detection.Tests.Samples;

namespace ResetTrail.Detection.Tests;

/// <summary>One positive and one negative scenario per published rule (DETECTION-COVERAGE.md rows), from the shared samples.</summary>
public sealed class PublishedRuleTests
{
    private static ResetTrail.Ingestion.Events.IdentityEvent OktaReset(DateTimeOffset at, Action<JsonObject>? edit = null) =>
        Event("okta", "user.account.reset_password.jsonl", "Reset by Company Admin", at, edit);

    private static void Target(JsonObject raw, string user) => raw["target"]![0]!["alternateId"] = user;

    [Fact]
    public void RT_D001_fires_when_okta_support_resets_with_an_unknown_transaction()
    {
        var support = OktaReset(T0, r => { r["actor"]!["alternateId"] = "system@okta.com"; r["transaction"]!["id"] = "unknown"; });
        var alert = Assert.Single(Detect.Rule("RT-D001", [support]));
        Assert.Equal("homer@springfield.gov", alert.Subject);
        Assert.Equal(support.SourceEventId, alert.Evidence[0].Id);
    }

    [Fact]
    public void RT_D001_stays_quiet_for_a_company_admin_reset() =>
        Assert.Empty(Detect.Rule("RT-D001", [OktaReset(T0)]));

    [Fact]
    public void RT_D002_fires_on_an_impersonation_grant() =>
        Assert.Single(Detect.Rule("RT-D002", [Event("okta", "user.session.impersonation.grant.jsonl", "Support Access Granted", T0)]));

    [Fact]
    public void RT_D002_stays_quiet_for_a_login() =>
        Assert.Empty(Detect.Rule("RT-D002", [Event("okta", "user.session.start.jsonl", "Login Event", T0)]));

    private static ResetTrail.Ingestion.Events.IdentityEvent ResetAll(DateTimeOffset at, string target) =>
        Event("okta", "user.mfa.factor.reset_all.jsonl", "Reset All Event", at, r => Target(r, target));

    [Fact]
    public void RT_D003_fires_on_password_and_mfa_reset_of_one_user_within_30_minutes()
    {
        var alert = Assert.Single(Detect.Rule("RT-D003", [OktaReset(T0), ResetAll(T0.AddMinutes(10), "homer@springfield.gov")]));
        Assert.Equal(2, alert.Evidence.Count);
        Assert.Contains("30m", alert.Threshold, StringComparison.Ordinal);
        Assert.Equal(T0, alert.WindowStart);
    }

    [Fact]
    public void RT_D003_stays_quiet_when_the_resets_are_45_minutes_apart_or_on_different_users()
    {
        Assert.Empty(Detect.Rule("RT-D003", [OktaReset(T0), ResetAll(T0.AddMinutes(45), "homer@springfield.gov")]));
        Assert.Empty(Detect.Rule("RT-D003", [OktaReset(T0), ResetAll(T0.AddMinutes(5), "peter.griffin@company.com")]));
    }

    private static List<object> StolenCredentials(TimeSpan signInAfter) =>
    [
        Event("okta", "user.account.report_suspicious_activity_by_enduser.jsonl", null, T0),
        Event("okta", "user.mfa.factor.reset_all.jsonl", "Reset All Event", T0.AddHours(1), r => { r["eventType"] = "user.mfa.factor.activate"; Target(r, "homer.simpson@duff.com"); }),
        Event("okta", "user.session.start.jsonl", "Login Event", T0 + signInAfter, r => r["actor"]!["alternateId"] = "homer.simpson@duff.com"),
    ];

    [Fact]
    public void RT_D004_fires_on_alert_then_factor_update_then_session_within_12_hours() =>
        Assert.Equal(3, Assert.Single(Detect.Rule("RT-D004", StolenCredentials(TimeSpan.FromHours(2)))).Evidence.Count);

    [Fact]
    public void RT_D004_stays_quiet_when_the_session_starts_after_12_hours() =>
        Assert.Empty(Detect.Rule("RT-D004", StolenCredentials(TimeSpan.FromHours(13))));

    private static ResetTrail.Ingestion.Events.IdentityEvent Deactivate(DateTimeOffset at, string type = "user.mfa.factor.deactivate") =>
        Event("okta", "user.mfa.factor.deactivate.jsonl", "User reset own MFA factor", at, r => r["eventtype"] = type);

    [Fact]
    public void RT_D005_fires_when_a_deactivated_factor_is_not_reactivated_within_12_hours()
    {
        var alert = Assert.Single(Detect.Rule("RT-D005", [Deactivate(T0)], until: T0.AddHours(13)));
        Assert.Equal("homer@springfield.gov", alert.Subject);
    }

    [Fact]
    public void RT_D005_stays_quiet_when_the_factor_is_reactivated_or_12_hours_have_not_passed()
    {
        Assert.Empty(Detect.Rule("RT-D005", [Deactivate(T0), Deactivate(T0.AddHours(2), "user.mfa.factor.activate")], until: T0.AddHours(13)));
        Assert.Empty(Detect.Rule("RT-D005", [Deactivate(T0)], until: T0.AddHours(6)));
    }

    private static ResetTrail.Ingestion.Events.IdentityEvent SignIn(DateTimeOffset at, bool risky) =>
        Event("entra", "Sign-in_activity.jsonl", "Sign-In with legacy auth", at, r =>
        {
            if (risky)
            {
                r["properties"]!["riskLevelDuringSignIn"] = "high";
                r["properties"]!["riskState"] = "atRisk";
            }
        });

    private static ResetTrail.Ingestion.Events.IdentityEvent FactorChangeBy(string actor, DateTimeOffset at) =>
        Event("okta", "user.mfa.factor.reset_all.jsonl", "Reset All Event", at, r => r["actor"]!["alternateId"] = actor);

    [Fact]
    public void RT_D006_fires_on_a_risky_sign_in_and_an_mfa_change_by_that_user_within_an_hour()
    {
        Assert.Single(Detect.Rule("RT-D006", [SignIn(T0, risky: true), FactorChangeBy("eve@lexcorp.com", T0.AddMinutes(20))]));
        Assert.Single(Detect.Rule("RT-D006", [FactorChangeBy("eve@lexcorp.com", T0), SignIn(T0.AddMinutes(20), risky: true)]));
    }

    [Fact]
    public void RT_D006_stays_quiet_when_the_sign_in_was_not_risky() =>
        Assert.Empty(Detect.Rule("RT-D006", [SignIn(T0, risky: false), FactorChangeBy("eve@lexcorp.com", T0.AddMinutes(20))]));

    [Fact]
    public void RT_D007_fires_on_a_factor_reset_of_an_account_granted_an_admin_role()
    {
        var grant = Event("okta", "user.account.privilege.grant.jsonl", "Super Admin Access Assigned (High sev)", T0);
        Assert.Single(Detect.Rule("RT-D007", [grant, ResetAll(T0.AddDays(3), "alice@acme.io")]));
    }

    [Fact]
    public void RT_D007_stays_quiet_for_an_ordinary_account() =>
        Assert.Empty(Detect.Rule("RT-D007", [ResetAll(T0, "peter.griffin@company.com")]));

    private static ResetTrail.Ingestion.Events.IdentityEvent EntraAudit(string activity, DateTimeOffset at, string? reason = null) =>
        Event("entra", "Add_member_to_role.jsonl", null, at, r =>
        {
            r["operationName"] = activity;
            r["properties"]!["activityDisplayName"] = activity;
            if (reason is not null)
            {
                r["properties"]!["resultReason"] = reason;
            }
        });

    [Fact]
    public void RT_D008_fires_on_account_enabled_then_password_reset_within_2_minutes() =>
        Assert.Single(Detect.Rule("RT-D008", [EntraAudit("Enable account", T0), EntraAudit("Reset password (by admin)", T0.AddSeconds(50))]));

    [Fact]
    public void RT_D008_stays_quiet_after_2_minutes_or_in_the_other_order()
    {
        Assert.Empty(Detect.Rule("RT-D008", [EntraAudit("Enable account", T0), EntraAudit("Reset password (by admin)", T0.AddMinutes(5))]));
        Assert.Empty(Detect.Rule("RT-D008", [EntraAudit("Reset password (by admin)", T0), EntraAudit("Enable account", T0.AddSeconds(30))]));
    }

    internal static ResetTrail.Ingestion.Events.IdentityEvent Tap(DateTimeOffset at) =>
        EntraAudit("Admin registered security info", at, "Admin registered temporary access pass method for user");

    [Fact]
    public void RT_D009_fires_on_a_temporary_access_pass() => Assert.Single(Detect.Rule("RT-D009", [Tap(T0)]));

    [Fact]
    public void RT_D009_stays_quiet_for_other_security_info() =>
        Assert.Empty(Detect.Rule("RT-D009", [EntraAudit("Admin registered security info", T0, "Admin registered phone method for user")]));

    [Fact]
    public void RT_D010_fires_when_strong_authentication_methods_grow() =>
        Assert.Single(Detect.Rule("RT-D010", [Event("entra", "Update_user..jsonl", "MFA Add Event", T0)]));

    [Fact]
    public void RT_D010_stays_quiet_when_a_method_is_removed() =>
        Assert.Empty(Detect.Rule("RT-D010", [Event("entra", "Update_user..jsonl", "MFA Remove event", T0)]));

    [Fact]
    public void RT_D011_fires_on_mfa_removed_in_office_365_and_okta()
    {
        Assert.Single(Detect.Rule("RT-D011", [Event("entra", "Update_user..jsonl", "MFA Remove event", T0)]));
        Assert.Single(Detect.Rule("RT-D011", [Event("okta", "system.mfa.factor.deactivate.jsonl", "MFA Disabled", T0)]));
        Assert.Single(Detect.Rule("RT-D011", [Deactivate(T0)]));
    }

    [Fact]
    public void RT_D011_stays_quiet_when_a_method_is_added() =>
        Assert.Empty(Detect.Rule("RT-D011", [Event("entra", "Update_user..jsonl", "MFA Add Event", T0)]));

    private static ResetTrail.Ingestion.Events.IdentityEvent ProtectedAction(string action) =>
        OktaReset(T0, r => { r["eventType"] = "security.protected_action.attempt"; r["target"]![0]!["displayName"] = action; });

    [Fact]
    public void RT_D013_fires_on_the_super_admin_password_reset_protected_action() =>
        Assert.Single(Detect.Rule("RT-D013", [ProtectedAction("Reset passwords for super admins")]));

    [Fact]
    public void RT_D013_stays_quiet_for_other_protected_actions() =>
        Assert.Empty(Detect.Rule("RT-D013", [ProtectedAction("Delete users")]));

    internal static ResetTrail.Ingestion.Events.IdentityEvent Verification(DateTimeOffset at, string result) =>
        OktaReset(at, r => { r["eventType"] = "user.identity_verification"; r["outcome"] = new JsonObject { ["result"] = result }; });

    [Fact]
    public void RT_D014_fires_on_a_denied_identity_verification() =>
        Assert.Single(Detect.Rule("RT-D014", [Verification(T0, "DENY")]));

    [Fact]
    public void RT_D014_stays_quiet_for_an_allowed_verification() =>
        Assert.Empty(Detect.Rule("RT-D014", [Verification(T0, "ALLOW")]));

    [Fact]
    public void RT_D015_fires_on_a_reset_of_another_user() => Assert.Single(Detect.Rule("RT-D015", [OktaReset(T0)]));

    [Fact]
    public void RT_D015_stays_quiet_when_users_change_their_own_password() =>
        Assert.Empty(Detect.Rule("RT-D015", [OktaReset(T0, r => r["actor"]!["alternateId"] = "homer@springfield.gov")]));

    private static ResetTrail.Ingestion.Events.IdentityEvent NetworkLogon(DateTimeOffset at, string ip) =>
        WindowsEdited("event-4724.event.xml", at, x => x.Replace("<EventID>4724</EventID>", "<EventID>4624</EventID>", StringComparison.Ordinal)
            .Replace("<Data Name=\"SubjectLogonId\">0x30d5f</Data>",
                $"<Data Name=\"TargetLogonId\">0x30d5f</Data> <Data Name=\"LogonType\">3</Data> <Data Name=\"IpAddress\">{ip}</Data>", StringComparison.Ordinal));

    private static ResetTrail.Ingestion.Events.IdentityEvent AdminReset(DateTimeOffset at, string target = "Administrator") =>
        WindowsEdited("event-4724.event.xml", at, x => x.Replace(">User1<", $">{target}<", StringComparison.Ordinal));

    [Fact]
    public void RT_D016_fires_on_a_remote_network_logon_then_a_reset_of_an_admin_by_that_logon() =>
        Assert.Single(Detect.Rule("RT-D016", [NetworkLogon(T0, "10.0.0.7"), AdminReset(T0.AddSeconds(20))]));

    [Fact]
    public void RT_D016_stays_quiet_for_a_local_logon_or_an_ordinary_target()
    {
        Assert.Empty(Detect.Rule("RT-D016", [NetworkLogon(T0, "127.0.0.1"), AdminReset(T0.AddSeconds(20))]));
        Assert.Empty(Detect.Rule("RT-D016", [NetworkLogon(T0, "10.0.0.7"), AdminReset(T0.AddSeconds(20), "User1")]));
        Assert.Empty(Detect.Rule("RT-D016", [NetworkLogon(T0, "10.0.0.7"), AdminReset(T0.AddMinutes(3))]));
    }

    [Fact]
    public void RT_D017_fires_on_event_4794() =>
        Assert.Single(Detect.Rule("RT-D017", [WindowsEdited("event-4724.event.xml", T0, x => x.Replace("<EventID>4724</EventID>", "<EventID>4794</EventID>", StringComparison.Ordinal))]));

    [Fact]
    public void RT_D017_stays_quiet_for_an_ordinary_reset() =>
        Assert.Empty(Detect.Rule("RT-D017", [Windows("event-4724.event.xml", T0)]));

    private static ResetTrail.Ingestion.Events.IdentityEvent Created(string name) =>
        OktaReset(T0, r => { r["eventType"] = "user.lifecycle.create"; Target(r, name); });

    [Fact]
    public void RT_D018_fires_on_creation_of_svc_network_backup() =>
        Assert.Single(Detect.Rule("RT-D018", [Created("svc_network_backup@springfield.gov")]));

    [Fact]
    public void RT_D018_stays_quiet_for_other_accounts() =>
        Assert.Empty(Detect.Rule("RT-D018", [Created("svc_payroll@springfield.gov")]));

    private static IEnumerable<object> ResetsBy(string actor, int targets, TimeSpan apart) =>
        Enumerable.Range(0, targets).Select(i => (object)OktaReset(T0 + (apart * i), r => { r["actor"]!["alternateId"] = actor; Target(r, $"user{i}@springfield.gov"); }));

    [Fact]
    public void RT_D019_fires_on_more_than_10_distinct_targets_in_7_days()
    {
        var alert = Assert.Single(Detect.Rule("RT-D019", ResetsBy("marge@springfield.gov", 11, TimeSpan.FromHours(12))));
        Assert.Equal("marge@springfield.gov", alert.Subject);
        Assert.Equal(11, alert.Evidence.Count);
        Assert.Contains("at least 11 distinct targets", alert.Threshold, StringComparison.Ordinal);
    }

    [Fact]
    public void RT_D019_stays_quiet_at_10_targets_or_when_spread_beyond_7_days()
    {
        Assert.Empty(Detect.Rule("RT-D019", ResetsBy("marge@springfield.gov", 10, TimeSpan.FromHours(12))));
        Assert.Empty(Detect.Rule("RT-D019", ResetsBy("marge@springfield.gov", 11, TimeSpan.FromDays(1))));
    }

    [Fact]
    public void RT_D020_fires_on_5_reset_or_unlock_events_by_one_actor_in_an_hour() =>
        Assert.Single(Detect.Rule("RT-D020", ResetsBy("marge@springfield.gov", 5, TimeSpan.FromMinutes(5))));

    [Fact]
    public void RT_D020_stays_quiet_at_4() =>
        Assert.Empty(Detect.Rule("RT-D020", ResetsBy("marge@springfield.gov", 4, TimeSpan.FromMinutes(5))));

    private static IEnumerable<object> WindowsResets(int targets, TimeSpan apart) =>
        Enumerable.Range(0, targets).Select(i => (object)AdminReset(T0 + (apart * i), $"User{i}"));

    [Fact]
    public void RT_D021_fires_on_more_than_5_accounts_reset_by_one_subject_in_10_minutes() =>
        Assert.Equal("contoso\\dadmin", Assert.Single(Detect.Rule("RT-D021", WindowsResets(6, TimeSpan.FromMinutes(1)))).Subject);

    [Fact]
    public void RT_D021_stays_quiet_when_spread_over_an_hour() =>
        Assert.Empty(Detect.Rule("RT-D021", WindowsResets(6, TimeSpan.FromMinutes(10))));

    [Fact]
    public void RT_D022_fires_on_10_resets_by_one_user_across_sources() =>
        Assert.Single(Detect.Rule("RT-D022", ResetsBy("dadmin", 5, TimeSpan.FromMinutes(30)).Concat(Enumerable.Range(0, 5).Select(i =>
            (object)(AdminReset(T0.AddMinutes(3 + i), $"Other{i}") with { Actor = new("x", "dadmin") })))
            .OrderBy(e => ((ResetTrail.Ingestion.Events.IdentityEvent)e).Time)));

    [Fact]
    public void RT_D022_stays_quiet_at_9() =>
        Assert.Empty(Detect.Rule("RT-D022", ResetsBy("dadmin", 9, TimeSpan.FromMinutes(30))));

    [Fact]
    public void RT_D023_fires_on_an_admin_role_granted() =>
        Assert.Single(Detect.Rule("RT-D023", [Event("okta", "user.account.privilege.grant.jsonl", "Admin Access Assigned", T0)]));

    [Fact]
    public void RT_D023_stays_quiet_for_a_failed_grant() =>
        Assert.Empty(Detect.Rule("RT-D023", [Event("okta", "group.privilege.grant.jsonl", "Non event", T0)]));

    private static ResetTrail.Ingestion.Events.IdentityEvent Session(DateTimeOffset at, string type, string ip, string agent, string country = "United States") =>
        Event("okta", "user.session.start.jsonl", "Successful Login", at, r =>
        {
            r["eventType"] = type;
            r["client"]!["ipAddress"] = ip;
            r["client"]!["userAgent"]!["rawUserAgent"] = agent;
            r["client"]!["geographicalContext"]!["country"] = country;
        });

    [Fact]
    public void RT_D024_fires_when_the_admin_console_is_reached_from_a_new_device_and_network() =>
        Assert.Single(Detect.Rule("RT-D024", [Session(T0, "user.session.start", "99.108.5.25", "Firefox"),
            Session(T0.AddHours(1), "user.session.access_admin_app", "203.0.113.9", "curl/8.0")]));

    [Fact]
    public void RT_D024_stays_quiet_from_a_known_device_and_network() =>
        Assert.Empty(Detect.Rule("RT-D024", [Session(T0, "user.session.start", "99.108.5.25", "Firefox"),
            Session(T0.AddHours(1), "user.session.access_admin_app", "99.108.5.25", "Firefox")]));

    [Fact]
    public void RT_D025_fires_on_sign_ins_from_3_countries_in_an_hour() =>
        Assert.Single(Detect.Rule("RT-D025", [Session(T0, "user.session.start", "1.1.1.1", "a", "United States"),
            Session(T0.AddMinutes(10), "user.session.start", "2.2.2.2", "a", "Iceland"), Session(T0.AddMinutes(20), "user.session.start", "3.3.3.3", "a", "Brazil")]));

    [Fact]
    public void RT_D025_stays_quiet_for_2_countries() =>
        Assert.Empty(Detect.Rule("RT-D025", [Session(T0, "user.session.start", "1.1.1.1", "a", "United States"),
            Session(T0.AddMinutes(10), "user.session.start", "2.2.2.2", "a", "Iceland"), Session(T0.AddMinutes(20), "user.session.start", "3.3.3.3", "a", "Iceland")]));

    [Fact]
    public void RT_D026_fires_on_a_lockout() =>
        Assert.Single(Detect.Rule("RT-D026", [Event("okta", "user.account.lock.jsonl", null, T0)]));

    [Fact]
    public void RT_D026_stays_quiet_for_an_unlock() =>
        Assert.Empty(Detect.Rule("RT-D026", [Windows("event-4767.event.xml", T0)]));
}
