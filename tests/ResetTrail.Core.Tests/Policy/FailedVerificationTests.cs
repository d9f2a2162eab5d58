using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>A failed verification makes the next attempt stricter, never looser, as the policy says.</summary>
public sealed class FailedVerificationTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true);

    private static readonly TargetIdentity[] Targets =
    [
        new("corp", "jdoe"),
        new("corp", "ops") { Groups = ["IT Operations"] },
        new("corp", "root") { Groups = ["Domain Admins"] },
        new("corp", "ceo") { Groups = ["Executive Leadership"] },
        new("corp", "ap") { Groups = ["Finance Accounts Payable"] },
        new("svc", "job"),
    ];

    [Fact]
    public void More_failures_never_make_a_decision_of_the_sample_policy_less_strict()
    {
        var policy = PolicyFiles.Sample();
        var requests = from target in Gen.Elements(Targets)
                       from kind in Gen.Elements(Enum.GetValues<ResetKind>())
                       from channel in Gen.Elements(Enum.GetValues<Channel>())
                       from initiator in Gen.Elements(Enum.GetValues<InitiatorType>())
                       from fewer in Gen.Choose(0, 4)
                       from more in Gen.Choose(fewer, 5)
                       select (new RequestFacts(target, kind, channel, initiator), fewer, more);

        Check.One(Runs, Prop.ForAll(requests.ToArbitrary(), request =>
        {
            var (facts, fewer, more) = request;
            var before = policy.Decide(facts with { RecentFailedVerifications = fewer });
            var after = policy.Decide(facts with { RecentFailedVerifications = more });

            Assert.True(after.Verification.MinimumStrength >= before.Verification.MinimumStrength);
            Assert.True(after.Approvals.Count >= before.Approvals.Count);
            Assert.True(after.Verification.CallbackRequired || !before.Verification.CallbackRequired);
            Assert.True(after.Verification.StepUpRequired || !before.Verification.StepUpRequired);
            Assert.True(before.Allowed || !after.Allowed);
            Assert.Subset(before.Verification.AcceptedMethods.ToHashSet(), after.Verification.AcceptedMethods.ToHashSet());
            Assert.Equal(before.RuleId, after.RuleId);
        }));
    }

    [Fact]
    public void The_policy_says_how_much_stricter_each_failure_makes_the_next_attempt()
    {
        var policy = PolicyFiles.Valid("""
            version: "f1"
            authorities: { lead: Lead }
            retention_classes: { short: 30d }
            defaults:
              verification: { methods: [knowledge_questions, callback_on_record, push_to_enrolled_device, in_person_badge], min_strength: 1 }
              approvals: { count: 0, from: [lead] }
              retention: short
              after_failed_verification: { add_strength: 1, add_approvals: 2, require_step_up: true, deny_after: 4 }
            rules:
              - { id: all, match: any }
            """);
        var facts = new RequestFacts(new TargetIdentity("corp", "u"), ResetKind.Password, Channel.Phone, InitiatorType.Internal);

        var decisions = Enumerable.Range(0, 5).Select(n => policy.Decide(facts with { RecentFailedVerifications = n })).ToList();

        // Capped at 3, the second strongest method: with a step-up required, the badge alone could never be met.
        Assert.Equal([1, 2, 3, 3, 3], decisions.Select(d => d.Verification.MinimumStrength));
        Assert.Equal([0, 2, 4, 6, 8], decisions.Select(d => d.Approvals.Count));
        Assert.Equal([false, true, true, true, true], decisions.Select(d => d.Verification.StepUpRequired));
        Assert.Equal([false, false, false, false, false], decisions.Select(d => d.Verification.CallbackRequired));
        Assert.Equal([true, true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([VerificationMethod.CallbackOnRecord, VerificationMethod.PushToEnrolledDevice, VerificationMethod.InPersonBadge], decisions[1].Verification.AcceptedMethods);
        Assert.Equal("1 failed verification(s) in the last 30d: min strength 1→2, approvals 0→2, step-up required",
            decisions[1].Explanations.Single(e => e.Requirement == "after_failed_verification").Text);
    }

    [Fact]
    public void A_required_step_up_stays_possible_however_many_failures_raised_the_strength()
    {
        var policy = PolicyFiles.Sample();
        var requests = from target in Targets
                       from kind in Enum.GetValues<ResetKind>()
                       from channel in Enum.GetValues<Channel>()
                       from initiator in Enum.GetValues<InitiatorType>()
                       from failures in Enumerable.Range(0, 6)
                       select new RequestFacts(target, kind, channel, initiator) { RecentFailedVerifications = failures };

        foreach (var facts in requests)
        {
            var verification = policy.Decide(facts).Verification;
            if (verification.StepUpRequired)
            {
                var strongEnough = verification.AcceptedMethods.Where(m => verification.Strengths[m] >= verification.MinimumStrength).ToList();
                Assert.True(verification.AcceptedMethods.Count >= 2 && strongEnough.Count >= 1,
                    $"{facts.Target.Id} {facts.Kind} {facts.Channel} {facts.Initiator} after {facts.RecentFailedVerifications} failure(s): step-up over [{string.Join(", ", verification.AcceptedMethods)}] at strength {verification.MinimumStrength}");
            }
        }
    }

    [Fact]
    public void An_administrator_factor_reset_after_a_failure_asks_for_both_strong_methods()
    {
        var facts = new RequestFacts(new TargetIdentity("corp", "root") { Groups = ["Domain Admins"] }, ResetKind.AllFactors, Channel.Phone, InitiatorType.Internal)
        {
            RecentFailedVerifications = 1,
        };

        var decision = PolicyFiles.Sample().Decide(facts);

        Assert.Equal("admin-all-factors", decision.RuleId);
        Assert.True(decision.Verification.StepUpRequired);
        Assert.Equal([VerificationMethod.IdDocumentLiveness, VerificationMethod.InPersonBadge], decision.Verification.AcceptedMethods);
        Assert.Equal(3, decision.Verification.MinimumStrength);
    }

    [Fact]
    public void A_look_back_window_is_read_from_the_file()
    {
        var policy = PolicyFiles.Valid("""
            version: "f2"
            look_back: 14d
            retention_classes: { short: 30d }
            defaults: { retention: short, verification: { methods: [in_person_badge], min_strength: 4 } }
            rules: [{ id: all, match: any }]
            """);

        Assert.Equal(TimeSpan.FromDays(14), policy.FailedVerificationLookBack);
    }
}
