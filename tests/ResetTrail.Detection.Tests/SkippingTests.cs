using ResetTrail.Detection.Config;
using ResetTrail.Detection.Rules;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;
using static ResetTrail.Detection.Tests.Samples;

namespace ResetTrail.Detection.Tests;

/// <summary>
/// A reader may skip, unparsed, the events no rule of the set reads (<see cref="DetectionEngine.Reads"/>), handing the
/// engine only their time (<see cref="DetectionEngine.Pass"/>). That must never change an alert: for every rule of the
/// catalog, run alone over a stream of every kind (admin-console types of several kinds, risky events, case signals),
/// skipping what it does not read raises exactly what reading everything raises.
/// </summary>
public sealed class SkippingTests
{
    private static readonly (ChangeKind Kind, string Type)[] Types =
    [
        (ChangeKind.PasswordReset, "user.account.reset_password"),
        (ChangeKind.PasswordChange, "user.account.update_password"),
        (ChangeKind.MfaFactorEnabled, "user.mfa.factor.activate"),
        (ChangeKind.MfaFactorDisabled, "user.mfa.factor.deactivate"),
        (ChangeKind.MfaFactorsResetAll, "user.mfa.factor.reset_all"),
        (ChangeKind.TemporaryAccessPassIssued, "tap.issued"),
        (ChangeKind.RecoveryCodesChanged, "recovery.codes"),
        (ChangeKind.AccountLocked, "user.account.lock"),
        (ChangeKind.AccountUnlocked, "user.account.unlock"),
        (ChangeKind.AccountEnabled, "user.lifecycle.activate"),
        (ChangeKind.AccountDisabled, "user.lifecycle.suspend"),
        (ChangeKind.SignIn, "user.session.start"),
        (ChangeKind.SignIn, "user.session.access_admin_app"),
        (ChangeKind.RoleGranted, "user.account.privilege.grant"),
        (ChangeKind.Other, "user.session.access_admin_app"),
        (ChangeKind.Other, "user.identity_verification"),
        (ChangeKind.Other, "user.session.impersonation.grant"),
        (ChangeKind.Other, "security.threat.detected"),
        (ChangeKind.Other, "app.oauth2.token.grant"),
        (ChangeKind.Other, "policy.evaluate_sign_on"),
    ];

    public static TheoryData<string> RuleIds() => [.. RuleCatalog.Rules.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Skipping_what_a_rule_does_not_read_changes_none_of_its_alerts(string ruleId)
    {
        var config = Only(ruleId);
        var stream = Stream(3000);
        var all = Run(stream, config, skip: false);
        var skipping = Run(stream, config, skip: true);
        Assert.Equal(all.Alerts.Select(a => a.Id), skipping.Alerts.Select(a => a.Id));
        Assert.Equal(all.Alerts.Select(a => a.Summary), skipping.Alerts.Select(a => a.Summary));
    }

    [Fact]
    public void Rules_that_join_resets_with_later_activity_read_only_the_kinds_they_match()
    {
        var engine = new DetectionEngine(Only("RT-D107", "RT-D108"), new CollectingOutput());
        Assert.True(engine.Reads(ChangeKind.SignIn, "user.session.start"));
        Assert.True(engine.Reads(ChangeKind.PasswordReset, "user.account.reset_password"));
        Assert.True(engine.Reads(ChangeKind.Other, "user.session.access_admin_app"), "an admin-console type, of kind Other");
        Assert.False(engine.Reads(ChangeKind.AccountLocked, "user.account.lock"));
        Assert.False(engine.Reads(ChangeKind.Other, "app.oauth2.token.grant"));
    }

    [Fact]
    public void The_skipping_scenario_makes_most_rules_alert_and_skips_events()
    {
        var alerting = RuleCatalog.Rules.Count(r => Run(Stream(3000), Only(r.Id), skip: false).Alerts.Count > 0);
        Assert.True(alerting >= RuleCatalog.Rules.Count / 2, $"only {alerting} of {RuleCatalog.Rules.Count} rules alert: the scenario tests little");
        Assert.True(Run(Stream(3000), Only("RT-D107"), skip: true).Skipped > 500, "RT-D107 should skip the kinds it does not read");
    }

    private static (List<Alerts.Alert> Alerts, int Skipped) Run(List<object> stream, DetectionConfig config, bool skip)
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(config, output);
        var skipped = 0;
        foreach (var input in stream)
        {
            if (input is CaseSignal s)
            {
                engine.Add(s);
            }
            else if (input is IdentityEvent e && skip && !engine.Reads(e.Kind, e.SourceEventType))
            {
                skipped++;
                engine.Pass(e.Time);
            }
            else
            {
                engine.Add((IdentityEvent)input);
            }
        }

        engine.Flush();
        engine.AdvanceTo(T0.AddDays(30));
        return (output.Alerts, skipped);
    }

    /// <summary>Only <paramref name="ids"/>, no throttle, with admin-console types and a third party configured so the rules that need them can match.</summary>
    private static DetectionConfig Only(params string[] ids) => DetectionConfig.Default with
    {
        Throttle = TimeSpan.Zero,
        Rules = RuleCatalog.Rules.ToDictionary(r => r.Id, r => new RuleSettings { Enabled = ids.Contains(r.Id) }),
        AdminConsoleEvents = ["user.session.access_admin_app"],
    };

    /// <summary>A deterministic mix of every type above and of case signals, for a dozen users, agents and places, over two days.</summary>
    private static List<object> Stream(int count)
    {
        var inputs = new List<object>();
        var dice = new Dice(777UL);
        int Next(int n) => dice.Next(n);

        CaseSignalKind[] signals = [CaseSignalKind.CaseOpened, CaseSignalKind.VerificationFailed, CaseSignalKind.Executed];
        for (var i = 0; i < count; i++)
        {
            var at = T0.AddSeconds(i * 50);
            var target = $"user{Next(12)}@example.com";
            var actor = Next(4) == 0 ? target : $"agent{Next(4)}@example.com";
            if (Next(12) == 0)
            {
                inputs.Add(Detect.Signal(signals[Next(signals.Length)], target, at, actor));
                continue;
            }

            var (kind, type) = Types[Next(Types.Length)];
            inputs.Add(new IdentityEvent
            {
                Source = "okta",
                SourceEventId = $"e{i}",
                SourceEventType = type,
                Time = at,
                Kind = kind,
                Success = Next(8) != 0,
                Target = User(target),
                Actor = User(kind is ChangeKind.SignIn ? target : actor),
                SourceIp = $"10.0.{Next(3)}.{Next(4)}",
                Country = Next(3) == 0 ? "FR" : "GB",
                UserAgent = $"browser-{Next(3)}",
                Risk = Next(20) == 0 ? "HIGH" : null,
                ProductName = "Okta",
                VendorName = "Okta",
            });
        }

        return inputs;
    }
}
