using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Policy.Reading;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Policy;

public sealed class PolicyDecisionTests
{
    [Fact]
    public void The_hash_is_the_sha256_of_the_file_bytes_and_every_decision_carries_it()
    {
        var bytes = File.ReadAllBytes(PolicyFiles.SamplePath);
        var policy = PolicyLoader.Load(bytes, "sample").Policy!;

        var decision = policy.Decide(new RequestFacts(new TargetIdentity("corp", "u"), ResetKind.Password, Channel.Phone, InitiatorType.Internal));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), policy.Hash);
        Assert.Equal(policy.Hash, decision.PolicyHash);
        Assert.Equal("2026-11-01", decision.PolicyVersion);
    }

    [Fact]
    public void Changing_only_a_comment_changes_the_hash()
    {
        var text = File.ReadAllText(PolicyFiles.SamplePath);

        var original = PolicyFiles.Valid(text);
        var commented = PolicyFiles.Valid(text + "\n# reviewed\n");

        Assert.NotEqual(original.Hash, commented.Hash);
        Assert.Equal(original.Version, commented.Version);
    }

    [Fact]
    public void Every_request_gets_a_decision_with_a_rule_and_explanations()
    {
        var policy = PolicyFiles.Valid("""
            version: "t"
            retention_classes: { short: 30d }
            defaults: { retention: short, verification: { methods: [in_person_badge], min_strength: 4 } }
            rules: [{ id: admins-only, match: { tiers: [admin] } }]
            """);
        var target = new TargetIdentity("corp", "u");

        foreach (var kind in Enum.GetValues<ResetKind>())
        {
            foreach (var channel in Enum.GetValues<Channel>())
            {
                foreach (var initiator in Enum.GetValues<InitiatorType>())
                {
                    var decision = policy.Decide(new RequestFacts(target, kind, channel, initiator));
                    Assert.False(decision.Allowed);
                    Assert.Equal("no-rule-matched", decision.RuleId);
                    Assert.Contains(decision.Explanations, e => e.Requirement == "rule" && e.Text.StartsWith("no rule matches standard", StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void Business_hours_come_from_the_targets_site_and_its_time_zone()
    {
        var policy = PolicyFiles.Sample();
        var target = new TargetIdentity("corp", "ops") { Groups = ["IT Operations"], Site = "new-york" };

        var hours = policy.Decide(new RequestFacts(target, ResetKind.Password, Channel.Phone, InitiatorType.Internal)).BusinessHours;

        Assert.NotNull(hours);
        Assert.Equal(("new-york", "America/New_York", new TimeOnly(8, 0), new TimeOnly(18, 0), "emergency"), (hours.Site, hours.TimeZone, hours.Start, hours.End, hours.Outside));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours.Days);
        // Friday 27 November 2026: 13:30 UTC is 08:30 in New York (EST, UTC-5), 12:30 UTC is 07:30.
        Assert.True(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 27, 13, 30, 0, TimeSpan.Zero)));
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 27, 12, 30, 0, TimeSpan.Zero)));
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Overnight_hours_belong_to_the_day_the_shift_starts_on()
    {
        var policy = PolicyFiles.Valid("""
            version: "t"
            retention_classes: { short: 30d }
            sites:
              - { name: night-desk, time_zone: Europe/London, days: [friday], start: "22:00", end: "06:00" }
            rules:
              - id: any
                match: any
                verification: { methods: [in_person_badge], min_strength: 1 }
                business_hours: { outside: deny }
                retention: short
            """);
        var hours = policy.Decide(new RequestFacts(new TargetIdentity("corp", "x"), ResetKind.Password, Channel.Phone, InitiatorType.Internal)).BusinessHours!;

        // Friday 27 November 2026, London is on UTC in winter.
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 27, 21, 59, 0, TimeSpan.Zero)));
        Assert.True(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero)));
        Assert.True(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero)));
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)));
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 28, 22, 30, 0, TimeSpan.Zero))); // Saturday's shift is not listed
        Assert.False(BusinessClock.IsWithin(hours, new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero))); // Thursday's shift is not listed
    }

    [Fact]
    public void A_rule_may_name_the_site_whose_hours_apply_whatever_the_targets_site()
    {
        var policy = PolicyFiles.Valid("""
            version: "t"
            authorities: { security: Security }
            retention_classes: { short: 30d }
            sites:
              - { name: hq, time_zone: Europe/Berlin, days: [monday], start: "09:00", end: "17:00" }
              - { name: soc, time_zone: Asia/Tokyo, days: [sunday], start: "00:00", end: "23:59" }
            defaults: { retention: short, verification: { methods: [in_person_badge], min_strength: 4 } }
            rules:
              - id: all
                match: any
                business_hours: { site: soc, outside: emergency }
                approvals: { count: 1, from: [security] }
                emergency: { approvals: 0, review_within: 12h, review_by: security }
            """);

        var decision = policy.Decide(new RequestFacts(new TargetIdentity("corp", "u") { Site = "hq" }, ResetKind.Password, Channel.Phone, InitiatorType.Internal));

        Assert.Equal(("soc", "Asia/Tokyo", "emergency"), (decision.BusinessHours!.Site, decision.BusinessHours.TimeZone, decision.BusinessHours.Outside));
        Assert.Equal(new EmergencyPath(0, TimeSpan.FromHours(12), "security"), decision.Emergency);
    }

    [Fact]
    public void A_decision_survives_the_evidence_json_round_trip()
    {
        var policy = PolicyFiles.Sample();
        var decision = policy.Decide(new RequestFacts(new TargetIdentity("corp", "root") { Groups = ["Domain Admins"] }, ResetKind.AllFactors, Channel.WalkIn, InitiatorType.Internal));

        var back = PolicyDecisionJson.FromJson(PolicyDecisionJson.ToJson(decision)).Value;

        Assert.Equal(PolicyDecisionJson.ToJson(decision).ToJsonString(), PolicyDecisionJson.ToJson(back).ToJsonString());
    }

    [Fact]
    public void Durations_print_back_to_what_they_read()
    {
        var durations = Gen.Choose(0, 3659 * 24 * 60).Select(m => TimeSpan.FromMinutes(m));

        Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true), Prop.ForAll(durations.ToArbitrary(), d =>
        {
            Assert.True(Durations.TryParse(Durations.Format(d), out var back, out _));
            Assert.Equal(d, back);
        }));
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("4h", 240)]
    [InlineData("7d", 10080)]
    [InlineData("0", 0)]
    public void Durations_are_a_number_and_one_unit(string text, int minutes)
    {
        Assert.True(Durations.TryParse(text, out var value, out _));
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Theory]
    [InlineData("PT4H")]
    [InlineData("4 h")]
    [InlineData("1d12h")]
    [InlineData("04h")]
    [InlineData("-1h")]
    [InlineData("3661d")]
    [InlineData("1w")]
    public void Other_duration_spellings_are_refused(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Problems_do_not_depend_on_the_text_encoding_marker()
    {
        var text = File.ReadAllText(PolicyFiles.SamplePath);
        var withBom = PolicyLoader.Load([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "bom.yaml");

        Assert.NotNull(withBom.Policy);
    }
}
