using System.Text.Json.Nodes;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>The decision a case runs under: made at opening, only ever made stricter by failed verifications.</summary>
public sealed class PolicyDecisionInForceTests
{
    public static TheoryData<string> Loosenings() => new(LooserDecisions.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<PolicyDecision, PolicyDecision>> LooserDecisions = new()
    {
        ["lower minimum strength"] = d => d with { Verification = d.Verification with { MinimumStrength = 1 } },
        ["fewer approvals"] = d => d with { Approvals = d.Approvals with { Count = 1 } },
        ["callback dropped"] = d => d with { Verification = d.Verification with { CallbackRequired = false } },
        ["step-up dropped"] = d => d with { Verification = d.Verification with { StepUpRequired = false } },
        ["weak method made strong"] = d => d with
        {
            Verification = d.Verification with { Strengths = new Dictionary<VerificationMethod, int>(d.Verification.Strengths) { [VerificationMethod.KnowledgeQuestions] = 4 } },
        },
        ["method added"] = d => d with { Verification = d.Verification with { AcceptedMethods = [.. d.Verification.AcceptedMethods, VerificationMethod.ManagerAttestation] } },
        ["authority added"] = d => d with { Approvals = d.Approvals with { Authorities = [.. d.Approvals.Authorities, "helpdesk"] } },
        ["any authority"] = d => d with { Approvals = d.Approvals with { Authorities = [] } },
        ["required authority dropped"] = d => d with { Approvals = d.Approvals with { MustInclude = [] } },
        ["approvals valid longer"] = d => d with { Approvals = d.Approvals with { Validity = TimeSpan.FromDays(7) } },
        ["separation of duties dropped"] = d => d with { DistinctParties = [.. d.DistinctParties.Skip(1)] },
        ["cooling-off shortened"] = d => d with { CoolingOff = TimeSpan.Zero },
        ["business hours dropped"] = d => d with { BusinessHours = null },
        ["business hours widened"] = d => d with { BusinessHours = d.BusinessHours! with { End = new TimeOnly(23, 0) } },
        ["emergency path added"] = d => d with { Emergency = new EmergencyPath(0, TimeSpan.FromDays(30), "security") },
        ["task dropped"] = d => d with { Tasks = [.. d.Tasks.Skip(1)] },
        ["task deadline extended"] = d => d with { Tasks = [.. d.Tasks.Select(t => t with { Deadline = t.Deadline * 10 })] },
        ["another policy version"] = d => d with { PolicyHash = new string('b', 64) },
    };

    [Fact]
    public void A_policy_decision_that_does_not_allow_the_request_opens_the_case_straight_into_denied()
    {
        var driver = new CaseDriver(Decisions.Standard() with { Allowed = false, RuleId = "no-admin-over-chat" }).Open();

        Assert.Equal(CaseState.Denied, driver.Case.State);
        Assert.Equal(driver.Case.OpenedAt, driver.Case.EndedAt);
        Assert.Contains("no-admin-over-chat", driver.Case.EndReason, StringComparison.Ordinal);
        driver.TryVerify().RefusedWith("RT-2000");
    }

    [Fact]
    public void A_failed_verification_with_a_tightening_policy_records_the_stricter_decision()
    {
        var policy = new FixedPolicy(Decisions.Standard(), FixedPolicy.DemandStrongerVerification);
        var driver = new CaseDriver(policy: policy);
        driver.Open(CaseDriver.Request(driver.CaseId) with { RecentFailedVerifications = 2 });

        driver.Verify(passed: false);

        Assert.Equal(3, policy.Asked[^1].RecentFailedVerifications); // two before the case, one now
        Assert.NotNull(driver.Records[^1].Data["decision"]);
        Assert.Equal(4, driver.Case.Decision.Verification.MinimumStrength);
        Assert.True(driver.Case.Decision.Verification.CallbackRequired);
        driver.Verify(); // push: strength 3 no longer enough
        Assert.Equal(CaseState.Verifying, driver.Case.State);
        driver.Verify(method: VerificationMethod.IdDocumentLiveness); // strong, but no callback yet
        Assert.Equal(CaseState.Verifying, driver.Case.State);
        driver.Verify(method: VerificationMethod.CallbackOnRecord);
        Assert.Equal(CaseState.AwaitingApproval, driver.Case.State);
    }

    [Fact]
    public void A_failed_verification_records_no_decision_when_the_policy_stays_the_same()
    {
        var driver = new CaseDriver().Open().Verify(passed: false);

        Assert.Null(driver.Records[^1].Data["decision"]);
    }

    [Fact]
    public void A_policy_of_another_version_is_not_asked_to_tighten_a_case()
    {
        var newer = new FixedPolicy(Decisions.Standard() with { PolicyHash = new string('c', 64) }, FixedPolicy.DemandStrongerVerification);
        var driver = new CaseDriver().Open();

        driver.Do((c, now) => CaseCommands.Verify(c, Actors.Verifier, VerificationMethod.PushToEnrolledDevice, false, [], newer, now));

        Assert.Empty(newer.Asked);
        Assert.Equal(3, driver.Case.Decision.Verification.MinimumStrength);
    }

    [Fact]
    public void A_policy_that_stops_allowing_the_request_after_failures_denies_the_case()
    {
        var policy = new FixedPolicy(Decisions.Standard(), (d, failures) => failures >= 2 ? d with { Allowed = false, RuleId = "lockout" } : d);
        var driver = new CaseDriver(policy: policy).Open().Verify(passed: false);

        driver.Verify(passed: false);

        Assert.Equal(CaseState.Denied, driver.Case.State);
        Assert.Contains("lockout", driver.Case.EndReason, StringComparison.Ordinal);
        driver.TryVerify().RefusedWith("RT-2000");
    }

    [Theory]
    [MemberData(nameof(Loosenings))]
    public void A_recorded_decision_looser_than_the_one_in_force_is_refused_on_replay(string loosening)
    {
        var strict = Decisions.WithParisHours("deny") with
        {
            Approvals = Decisions.Standard().Approvals with { MustInclude = ["security"] },
            CoolingOff = TimeSpan.FromHours(1),
            Verification = Decisions.Standard().Verification with { CallbackRequired = true, StepUpRequired = true },
        };
        var driver = new CaseDriver(strict).Open();
        var honest = CaseCommands.Verify(driver.Case, Actors.Verifier, VerificationMethod.KnowledgeQuestions, false, [], null, driver.Now).Value;
        var forged = honest with { Data = (JsonObject)honest.Data.DeepClone() };
        forged.Data["decision"] = PolicyDecisionJson.ToJson(LooserDecisions[loosening](strict));

        Assert.Null(CaseRules.Check(driver.Case, honest));
        Assert.Equal("RT-2003", CaseRules.Check(driver.Case, forged)?.Code);
    }

    [Fact]
    public void A_recorded_decision_that_is_stricter_in_every_respect_is_accepted_on_replay()
    {
        var driver = new CaseDriver(Decisions.WithParisHours("emergency")).Open();
        var before = driver.Case.Decision;
        var stricter = before with
        {
            RuleId = "after-failures",
            Verification = before.Verification with { MinimumStrength = 4, CallbackRequired = true, StepUpRequired = true, AcceptedMethods = [VerificationMethod.IdDocumentLiveness, VerificationMethod.CallbackOnRecord] },
            Approvals = before.Approvals with { Count = 3, Authorities = ["security"], Validity = TimeSpan.FromHours(1) },
            CoolingOff = TimeSpan.FromHours(2),
            BusinessHours = before.BusinessHours! with { Outside = "deny", Start = new TimeOnly(9, 0) },
            Emergency = null,
            Tasks = [.. before.Tasks.Select(t => t with { Deadline = t.Deadline / 2 }), new PostResetTask(PostResetTaskKind.FollowUp, TimeSpan.FromDays(7))],
        };
        var record = CaseCommands.Verify(driver.Case, Actors.Verifier, VerificationMethod.KnowledgeQuestions, false, [], null, driver.Now).Value;
        record.Data["decision"] = PolicyDecisionJson.ToJson(stricter);

        Assert.Null(CaseRules.Check(driver.Case, record));
    }

    [Fact]
    public void Opening_without_an_actor_is_refused()
    {
        var driver = new CaseDriver();

        driver.TryOpen(CaseDriver.Request(driver.CaseId) with { Actor = " " }).RefusedWith("RT-2003");
    }

    [Fact]
    public void A_requester_who_is_the_target_is_refused_at_opening()
    {
        var driver = new CaseDriver();

        driver.TryOpen(CaseDriver.Request(driver.CaseId) with { Requester = "Tom" }).RefusedWith("RT-2101");
    }

    [Fact]
    public void Replaying_the_entries_of_a_case_gives_the_same_case()
    {
        var driver = CaseDriver.InState(CaseState.Closed, emergency: true);

        var replayed = ResetCase.Replay(driver.Records.Select(r => EvidenceRecord.TryParse(r.ToCanonicalBytes())!));

        Assert.Equal(driver.Case.State, replayed.State);
        Assert.Equal(driver.Case.ApprovalDigest(), replayed.ApprovalDigest());
        Assert.Equal(driver.Case.Steps, replayed.Steps);
    }
}
