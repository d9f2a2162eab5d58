using ResetTrail.Detection.Config;
using ResetTrail.Detection.Rules;
using ResetTrail.Detection.Signals;
using static ResetTrail.Detection.Tests.Samples;

namespace ResetTrail.Detection.Tests;

public sealed class EngineTests
{
    private static ResetTrail.Ingestion.Events.IdentityEvent Reset(DateTimeOffset at, string target = "homer@springfield.gov") =>
        Event("okta", "user.account.reset_password.jsonl", "Reset by Company Admin", at, r => r["target"]![0]!["alternateId"] = target);

    private static ResetTrail.Ingestion.Events.IdentityEvent ResetAll(DateTimeOffset at) =>
        Event("okta", "user.mfa.factor.reset_all.jsonl", "Reset All Event", at, r => r["target"]![0]!["alternateId"] = "homer@springfield.gov");

    [Fact]
    public void An_event_late_within_the_allowed_lateness_is_reordered_and_evaluated()
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(DetectionConfig.Default, output);
        engine.Add(ResetAll(T0.AddMinutes(10)));
        engine.Add(Reset(T0.AddMinutes(12), "someone.else@springfield.gov"));
        engine.Add(Reset(T0.AddMinutes(8))); // behind the latest, but the watermark is only at T0+7m
        engine.Flush();

        Assert.Equal(0, engine.Stats.TooLate);
        Assert.Equal(1, engine.Stats.LateAccepted);
        var alert = Assert.Single(output.Alerts, a => a.Rule.Id == "RT-D003");
        Assert.Equal(T0.AddMinutes(8), alert.WindowStart);
        Assert.Equal("user.account.reset_password", alert.Evidence[0].Type);
        Assert.Empty(output.LateEvents);
    }

    [Fact]
    public void An_event_beyond_the_allowed_lateness_is_counted_and_reported_not_dropped_silently()
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(DetectionConfig.Default, output);
        engine.Add(ResetAll(T0.AddHours(1)));
        var late = Reset(T0);
        engine.Add(late);
        engine.Flush();

        Assert.Equal(1, engine.Stats.TooLate);
        var (observation, watermark) = Assert.Single(output.LateEvents);
        Assert.Same(late, observation.Event);
        Assert.Equal(T0.AddMinutes(55), watermark);
    }

    [Fact]
    public void Events_are_released_in_event_time_order_as_the_watermark_passes_them()
    {
        var engine = new DetectionEngine(DetectionConfig.Default, new CollectingOutput());
        engine.Add(Reset(T0.AddMinutes(3)));
        engine.Add(Reset(T0.AddMinutes(1)));
        Assert.Equal(0, engine.Stats.Observed);
        engine.Add(Reset(T0.AddMinutes(9)));
        Assert.Equal(2, engine.Stats.Observed);
        engine.AdvanceTo(T0.AddMinutes(20));
        Assert.Equal(3, engine.Stats.Observed);
    }

    [Fact]
    public void A_full_reorder_buffer_releases_its_oldest_early_and_counts_it()
    {
        var engine = new DetectionEngine(DetectionConfig.Default with { MaxBuffered = 2 }, new CollectingOutput());
        for (var i = 0; i < 5; i++)
        {
            engine.Add(Reset(T0.AddSeconds(i)));
        }

        Assert.Equal(3, engine.Stats.ForcedReleases);
        Assert.Equal(3, engine.Stats.Observed);
    }

    [Fact]
    public void Per_key_state_is_capped_and_the_cap_counted()
    {
        var config = DetectionConfig.Default with { MaxPerKey = 3 };
        var engine = new DetectionEngine(config, new CollectingOutput());
        for (var i = 0; i < 6; i++)
        {
            engine.Add(Signal(i));
        }

        engine.Flush();
        Assert.True(engine.Stats.StateCapHits > 0);
    }

    [Fact]
    public void The_number_of_keys_is_capped_and_the_cap_counted()
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(DetectionConfig.Default with { MaxKeys = 2 }, output);
        for (var i = 0; i < 5; i++)
        {
            engine.Add(Reset(T0.AddSeconds(i), $"user{i}@springfield.gov"));
        }

        engine.Flush();
        Assert.True(engine.Stats.StateCapHits >= 3);
    }

    private static CaseSignal Signal(int i) => Detect.Signal(CaseSignalKind.VerificationFailed, "homer@springfield.gov", T0.AddMinutes(i));

    [Fact]
    public void The_same_input_twice_gives_one_alert_with_a_stable_id()
    {
        var tap = PublishedRuleTests.Tap(T0);
        var first = Detect.Rule("RT-D009", [tap]);
        var output = new CollectingOutput();
        var engine = new DetectionEngine(DetectionConfig.Default, output);
        engine.Add(tap);
        engine.Add(tap);
        engine.Flush();

        var alert = Assert.Single(output.Alerts, a => a.Rule.Id == "RT-D009");
        Assert.Equal(first[0].Id, alert.Id);
        Assert.StartsWith("rta_", alert.Id, StringComparison.Ordinal);
        Assert.True(engine.Stats.Deduplicated >= 1);
    }

    [Fact]
    public void Alerts_for_one_rule_and_subject_are_throttled_and_the_next_one_says_how_many_were_held()
    {
        var taps = Enumerable.Range(0, 4).Select(i => (object)PublishedRuleTests.Tap(T0.AddMinutes(i))).Append(PublishedRuleTests.Tap(T0.AddMinutes(20)));
        var alerts = Detect.Rule("RT-D009", taps);
        Assert.Equal(2, alerts.Count);
        Assert.Equal(3, alerts[1].Suppressed);
    }

    [Fact]
    public void A_rules_throttle_and_allow_list_come_from_its_settings()
    {
        var taps = Enumerable.Range(0, 3).Select(i => (object)PublishedRuleTests.Tap(T0.AddMinutes(i))).ToList();
        var unthrottled = DetectionConfig.Default with { Rules = new Dictionary<string, RuleSettings> { ["RT-D009"] = new() { Throttle = TimeSpan.Zero } } };
        Assert.Equal(3, Detect.Rule("RT-D009", taps, unthrottled).Count);
        var allowed = DetectionConfig.Default with { Rules = new Dictionary<string, RuleSettings> { ["RT-D009"] = new() { Allow = ["radahn@*"] } } };
        Assert.Empty(Detect.Rule("RT-D009", taps, allowed));
    }

    [Fact]
    public void Windows_evict_so_state_does_not_grow_with_time()
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(DetectionConfig.Default, output);
        for (var i = 0; i < 200; i++)
        {
            engine.Add(Reset(T0.AddHours(i), $"user{i}@springfield.gov"));
        }

        engine.Flush();

        // RT-D003 holds resets for 30 minutes: one per hour, each alone, never more than one key at a time.
        Assert.DoesNotContain(output.Alerts, a => a.Rule.Id == "RT-D003");
        Assert.Equal(0, engine.Stats.StateCapHits);
    }

    [Fact]
    public void Every_rule_has_an_id_title_severity_technique_and_owner()
    {
        Assert.All(RuleCatalog.Rules, r =>
        {
            Assert.Matches("^RT-D[0-9]{3}$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.Matches("^T[0-9]{4}(\\.[0-9]{3})?$", r.Technique);
            Assert.False(string.IsNullOrWhiteSpace(r.Owner));
        });
        Assert.Equal(RuleCatalog.Rules.Count, RuleCatalog.Rules.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Configured_instances_run_beside_their_base_rule_under_their_own_id()
    {
        var config = DetectionConfig.Default with
        {
            Instances = [new RuleInstance("RT-X001", "RT-D109", new RuleSettings { Threshold = 2, Window = TimeSpan.FromMinutes(30) })],
        };
        var executions = Enumerable.Range(0, 2).Select(i => (object)Detect.Signal(CaseSignalKind.Executed, $"user{i}@x.example", T0.AddMinutes(i)));
        var alerts = Detect.Run(executions, config);
        var alert = Assert.Single(alerts, a => a.Rule.Id == "RT-X001");
        Assert.Equal("RT-D109", alert.Rule.BaseId);
        Assert.DoesNotContain(alerts, a => a.Rule.Id == "RT-D109");
    }
}
