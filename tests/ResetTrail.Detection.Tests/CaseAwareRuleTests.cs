using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Signals;
using static ResetTrail.Detection.Tests.Samples;

namespace ResetTrail.Detection.Tests;

/// <summary>The rules no published detection can have: identity events joined with the case's steps.</summary>
public sealed class CaseAwareRuleTests
{
    private const string Homer = "homer@springfield.gov";

    private static ResetTrail.Ingestion.Events.IdentityEvent Reset(DateTimeOffset at, string actor = "marge@springfield.gov") =>
        Event("okta", "user.account.reset_password.jsonl", "Reset by Company Admin", at, r => r["actor"]!["alternateId"] = actor);

    [Fact]
    public void RT_D101_fires_on_a_reset_after_a_failed_verification_on_the_same_target()
    {
        var failed = Detect.Signal(CaseSignalKind.VerificationFailed, Homer, T0);
        var alert = Assert.Single(Detect.Rule("RT-D101", [failed, Reset(T0.AddHours(1))]));
        Assert.Equal(["case", "okta"], alert.Evidence.Select(e => e.Source));
        Assert.Equal("verification_failed", alert.Evidence[0].Type);
    }

    [Fact]
    public void RT_D101_also_reads_okta_identity_verification_denials() =>
        Assert.Single(Detect.Rule("RT-D101", [PublishedRuleTests.Verification(T0, "DENY"), Reset(T0.AddMinutes(30))]));

    [Fact]
    public void RT_D101_stays_quiet_without_a_failure_or_when_it_is_older_than_a_day()
    {
        Assert.Empty(Detect.Rule("RT-D101", [Detect.Signal(CaseSignalKind.VerificationPassed, Homer, T0), Reset(T0.AddHours(1))]));
        Assert.Empty(Detect.Rule("RT-D101", [Detect.Signal(CaseSignalKind.VerificationFailed, Homer, T0), Reset(T0.AddDays(2))]));
    }

    [Fact]
    public void RT_D102_fires_on_a_reset_on_saturday_night_in_the_targets_site()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 23, 30, 0, TimeSpan.Zero);
        var alert = Assert.Single(Detect.Rule("RT-D102", [Reset(saturday)]));
        Assert.Contains("london", alert.Threshold, StringComparison.Ordinal);
        Assert.Contains("Europe/London", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void RT_D102_uses_the_site_the_case_names()
    {
        // 15:00 UTC is 10:00 in New York: inside its hours, though 15:00 would also be inside London's.
        // 21:00 UTC is 16:00 in New York (inside) but 21:00 in London (outside): the case's site decides.
        var opened = Detect.Signal(CaseSignalKind.CaseOpened, Homer, T0.AddHours(10)) with { Site = "new_york" };
        Assert.Empty(Detect.Rule("RT-D102", [opened, Reset(T0.AddHours(11))]));
        Assert.Single(Detect.Rule("RT-D102", [Reset(T0.AddHours(11))]));
    }

    [Fact]
    public void RT_D102_stays_quiet_on_a_weekday_morning() => Assert.Empty(Detect.Rule("RT-D102", [Reset(T0)]));

    private static CaseSignal Executed(Tier tier, int required, int valid, params string[] approvers) =>
        Detect.Signal(CaseSignalKind.Executed, Homer, T0, "agent.smith@example.com") with
        {
            Tier = tier, ApprovalsRequired = required, ApprovalsValid = valid, Approvers = approvers,
        };

    [Fact]
    public void RT_D103_fires_when_execution_had_fewer_valid_approvals_than_required()
    {
        Assert.Single(Detect.Rule("RT-D103", [Executed(Tier.Standard, 1, 0)]));

        // The case's policy asked for one, the configured tier minimum for admin accounts is two.
        Assert.Single(Detect.Rule("RT-D103", [Executed(Tier.Admin, 1, 1, "boss@example.com")]));
    }

    [Fact]
    public void RT_D103_stays_quiet_when_the_approvals_were_there() =>
        Assert.Empty(Detect.Rule("RT-D103", [Executed(Tier.Admin, 2, 2, "a@example.com", "b@example.com")]));

    [Fact]
    public void RT_D104_fires_when_a_privileged_reset_had_no_second_person()
    {
        Assert.Single(Detect.Rule("RT-D104", [Executed(Tier.Privileged, 1, 1, "agent.smith@example.com")]));
        Assert.Single(Detect.Rule("RT-D104", [Executed(Tier.Admin, 0, 0)]));
    }

    [Fact]
    public void RT_D104_stays_quiet_for_a_second_approver_or_a_standard_tier()
    {
        Assert.Empty(Detect.Rule("RT-D104", [Executed(Tier.Privileged, 1, 1, "boss@example.com")]));
        Assert.Empty(Detect.Rule("RT-D104", [Executed(Tier.Standard, 0, 0)]));
    }

    [Fact]
    public void RT_D105_fires_when_a_temporary_access_pass_has_no_case_within_the_grace_period()
    {
        var tap = PublishedRuleTests.Tap(T0);
        var alert = Assert.Single(Detect.Rule("RT-D105", [tap], until: T0.AddHours(2)));
        Assert.Equal(tap.SourceEventId, alert.Evidence[0].Id);
    }

    [Fact]
    public void RT_D105_stays_quiet_when_a_case_was_opened_before_or_soon_after()
    {
        var tap = PublishedRuleTests.Tap(T0);
        Assert.Empty(Detect.Rule("RT-D105", [Detect.Signal(CaseSignalKind.CaseOpened, tap.Target.Key, T0.AddMinutes(-10)), tap], until: T0.AddHours(2)));
        Assert.Empty(Detect.Rule("RT-D105", [tap, Detect.Signal(CaseSignalKind.Executed, tap.Target.Key, T0.AddMinutes(20))], until: T0.AddHours(2)));
    }

    [Fact]
    public void RT_D106_fires_on_a_third_party_reset_outside_its_contract_hours()
    {
        var night = T0.AddHours(11); // 21:00 London, the contract ends at 19:00
        Assert.Single(Detect.Rule("RT-D106", [Reset(night, "tech7@acme-msp.example")]));
        var opened = Detect.Signal(CaseSignalKind.CaseOpened, Homer, night) with { Initiator = InitiatorType.Msp, Organisation = "acme-msp" };
        Assert.Single(Detect.Rule("RT-D106", [opened]));
    }

    [Fact]
    public void RT_D106_stays_quiet_inside_contract_hours_or_for_our_own_staff()
    {
        Assert.Empty(Detect.Rule("RT-D106", [Reset(T0, "tech7@acme-msp.example")]));
        Assert.Empty(Detect.Rule("RT-D106", [Reset(T0.AddHours(11))]));
    }

    private static ResetTrail.Ingestion.Events.IdentityEvent SignIn(DateTimeOffset at, string ip, string agent) =>
        Event("okta", "user.session.start.jsonl", "Login Event", at, r =>
        {
            r["client"]!["ipAddress"] = ip;
            r["client"]!["userAgent"]!["rawUserAgent"] = agent;
        });

    private static ResetTrail.Ingestion.Events.IdentityEvent Enrol(DateTimeOffset at) =>
        Event("okta", "user.mfa.factor.reset_all.jsonl", "Reset All Event", at, r => { r["eventType"] = "user.mfa.factor.activate"; r["target"]![0]!["alternateId"] = Homer; });

    [Fact]
    public void RT_D107_fires_on_reset_then_new_factor_then_sign_in_from_a_new_network()
    {
        var alert = Assert.Single(Detect.Rule("RT-D107",
            [SignIn(T0.AddDays(-1), "1.1.1.1", "Safari"), Reset(T0), Enrol(T0.AddHours(1)), SignIn(T0.AddHours(2), "198.51.100.4", "Safari")]));
        Assert.Equal(3, alert.Evidence.Count);
        Assert.Contains("network 198.51.100.4", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void RT_D107_stays_quiet_for_a_known_network_and_device_or_without_the_new_factor()
    {
        Assert.Empty(Detect.Rule("RT-D107", [SignIn(T0.AddDays(-1), "1.1.1.1", "Safari"), Reset(T0), Enrol(T0.AddHours(1)), SignIn(T0.AddHours(2), "1.1.1.1", "Safari")]));
        Assert.Empty(Detect.Rule("RT-D107", [SignIn(T0.AddDays(-1), "1.1.1.1", "Safari"), Reset(T0), SignIn(T0.AddHours(2), "198.51.100.4", "Safari")]));
    }

    private static ResetTrail.Ingestion.Events.IdentityEvent Grant(DateTimeOffset at) =>
        Event("okta", "user.account.privilege.grant.jsonl", "Super Admin Access Assigned (High sev)", at, r => r["target"]![0]!["alternateId"] = Homer);

    [Fact]
    public void RT_D108_fires_on_a_reset_followed_by_an_admin_role_grant() =>
        Assert.Single(Detect.Rule("RT-D108", [Reset(T0), Grant(T0.AddHours(3))]));

    [Fact]
    public void RT_D108_stays_quiet_when_the_grant_came_first() =>
        Assert.Empty(Detect.Rule("RT-D108", [Grant(T0), Reset(T0.AddHours(3))]));

    private static IEnumerable<object> Executions(string agent, int targets) =>
        Enumerable.Range(0, targets).Select(i => (object)(Detect.Signal(CaseSignalKind.Executed, $"user{i}@springfield.gov", T0.AddMinutes(5 * i), agent)));

    [Fact]
    public void RT_D109_fires_on_5_resets_by_one_agent_in_an_hour()
    {
        var alert = Assert.Single(Detect.Rule("RT-D109", Executions("agent.smith@example.com", 5)));
        Assert.Equal("agent.smith@example.com", alert.Subject);
    }

    [Fact]
    public void RT_D109_stays_quiet_at_4_or_for_an_allowed_robot()
    {
        Assert.Empty(Detect.Rule("RT-D109", Executions("agent.smith@example.com", 4)));
        Assert.Empty(Detect.Rule("RT-D109", Executions("svc-provisioning@example.com", 8)));
    }

    private static IEnumerable<object> Calls(string caller, int targets) =>
        Enumerable.Range(0, targets).Select(i => (object)(Detect.Signal(CaseSignalKind.CaseOpened, $"user{i}@springfield.gov", T0.AddHours(i)) with { Requester = caller, Channel = Channel.Phone }));

    [Fact]
    public void RT_D110_fires_when_one_caller_asks_for_3_targets_in_a_day() =>
        Assert.Equal("+44 20 7946 0000", Assert.Single(Detect.Rule("RT-D110", Calls("+44 20 7946 0000", 3))).Subject);

    [Fact]
    public void RT_D110_stays_quiet_for_2_targets() => Assert.Empty(Detect.Rule("RT-D110", Calls("+44 20 7946 0000", 2)));

    [Fact]
    public void RT_D027_fires_on_a_night_sign_in_when_enabled()
    {
        var config = DetectionConfig.Default with { Rules = new Dictionary<string, RuleSettings>() };
        Assert.Single(Detect.Rule("RT-D027", [SignIn(T0.AddHours(13), "1.1.1.1", "Safari")], config));
        Assert.Empty(Detect.Rule("RT-D027", [SignIn(T0, "1.1.1.1", "Safari")], config));
        Assert.Empty(Detect.Rule("RT-D027", [SignIn(T0.AddHours(13), "1.1.1.1", "Safari")]));
    }
}
