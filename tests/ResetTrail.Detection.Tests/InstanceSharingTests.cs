using ResetTrail.Detection.Config;
using ResetTrail.Detection.Rules;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;
using static ResetTrail.Detection.Tests.Samples;

namespace ResetTrail.Detection.Tests;

/// <summary>
/// Instances of one base rule share their state (ADR 0044). Sharing must not change what any of them raises: a rule
/// set of many instances raises exactly what each instance raises when it runs alone.
/// </summary>
public sealed class InstanceSharingTests
{
    private static readonly string[] Bases = ["RT-D003", "RT-D005", "RT-D019", "RT-D020", "RT-D022", "RT-D024", "RT-D025", "RT-D107", "RT-D108", "RT-D109"];

    [Fact]
    public void A_set_of_many_instances_raises_exactly_what_each_instance_raises_alone()
    {
        var instances = Instances();
        var stream = Stream(4000);
        var together = Detect.Run(stream, Only(instances));
        Assert.True(together.Count > 200, $"the scenario should make the instances alert often, got {together.Count}");
        Assert.True(together.Select(a => a.Rule.BaseId).Distinct().Count() >= 8, "most bases should alert");

        foreach (var instance in instances)
        {
            var alone = Detect.Run(stream, Only([instance]));
            var mine = together.Where(a => a.Rule.Id == instance.Id).ToList();
            Assert.Equal(alone.Select(a => a.Id), mine.Select(a => a.Id));
            Assert.Equal(alone.Select(a => a.Summary), mine.Select(a => a.Summary));
        }
    }

    /// <summary>Four instances of each base: thresholds 2-5, windows 20m-6h, and allow-lists that exempt some of the scenario's accounts.</summary>
    private static List<RuleInstance> Instances()
    {
        var list = new List<RuleInstance>();
        for (var i = 0; i < Bases.Length * 4; i++)
        {
            string[] allow = (i % 4) switch
            {
                1 => ["agent2*"],
                2 => ["user3*", "*@partner.example"],
                _ => [],
            };
            list.Add(new RuleInstance($"RT-X{i:000}", Bases[i % Bases.Length], new RuleSettings
            {
                Threshold = 2 + (i % 4),
                Window = TimeSpan.FromMinutes(20 + (i * 37 % 340)),
                Allow = allow,
            }));
        }

        return list;
    }

    /// <summary>Every catalog rule off, no throttle: only <paramref name="instances"/> run, and every match is an alert.</summary>
    private static DetectionConfig Only(IReadOnlyList<RuleInstance> instances) => DetectionConfig.Default with
    {
        Throttle = TimeSpan.Zero,
        Rules = RuleCatalog.Rules.ToDictionary(r => r.Id, _ => new RuleSettings { Enabled = false }),
        Instances = instances,
        AdminConsoleEvents = ["user.session.access_admin_app"],
    };

    /// <summary>A deterministic mix of resets, factor changes, sign-ins from a few places, grants and case executions over about two days.</summary>
    private static List<object> Stream(int count)
    {
        var inputs = new List<object>();
        var dice = new Dice(12345UL);
        int Next(int n) => dice.Next(n);

        string[] countries = ["GB", "US", "FR", "DE", "JP"];
        for (var i = 0; i < count; i++)
        {
            var at = T0.AddSeconds(i * 45);
            var target = $"user{Next(12)}@example.com";
            var actor = Next(5) == 0 ? target : $"agent{Next(4)}@{(Next(6) == 0 ? "partner.example" : "example.com")}";
            if (Next(10) == 0)
            {
                inputs.Add(Detect.Signal(CaseSignalKind.Executed, target, at, actor));
                continue;
            }

            var (kind, type) = Next(9) switch
            {
                0 => (ChangeKind.PasswordReset, "user.account.reset_password"),
                1 => (ChangeKind.MfaFactorDisabled, "user.mfa.factor.deactivate"),
                2 => (ChangeKind.MfaFactorEnabled, "user.mfa.factor.activate"),
                3 => (ChangeKind.AccountUnlocked, "user.account.unlock"),
                4 => (ChangeKind.RoleGranted, "user.account.privilege.grant"),
                5 => (ChangeKind.Other, "user.session.access_admin_app"),
                _ => (ChangeKind.SignIn, "user.session.start"),
            };
            inputs.Add(new IdentityEvent
            {
                Source = "okta",
                SourceEventId = $"e{i}",
                SourceEventType = type,
                Time = at,
                Kind = kind,
                Target = User(target),
                Actor = User(kind is ChangeKind.SignIn or ChangeKind.Other ? target : actor),
                SourceIp = $"10.0.{Next(3)}.{Next(4)}",
                Country = countries[Next(countries.Length)],
                UserAgent = $"browser-{Next(3)}",
                ProductName = "Okta",
                VendorName = "Okta",
            });
        }

        return inputs;
    }
}
