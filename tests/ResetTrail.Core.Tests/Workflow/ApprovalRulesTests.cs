using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class ApprovalRulesTests
{
    [Fact]
    public void Approval_of_the_digest_read_before_a_new_verification_is_refused_with_RT_2301()
    {
        var driver = new CaseDriver().Open().Verify(passed: false);
        var readEarlier = driver.Case.ApprovalDigest();
        driver.Verify();

        var outcome = driver.TryApprove(digest: readEarlier);

        Assert.Equal("RT-2301", outcome.Error?.Code);
        Assert.NotEqual(readEarlier, driver.Case.ApprovalDigest());
        Assert.Empty(driver.Case.Approvals);
    }

    [Fact]
    public void Every_verification_entry_changes_the_digest_an_approval_binds_to()
    {
        var driver = new CaseDriver().Open();
        var digests = new List<string> { driver.Case.ApprovalDigest() };

        driver.Verify(method: VerificationMethod.KnowledgeQuestions);
        digests.Add(driver.Case.ApprovalDigest());
        driver.Verify(passed: false);
        digests.Add(driver.Case.ApprovalDigest());
        driver.Advance(TimeSpan.FromSeconds(1)).Verify(passed: false); // same facts, another entry
        digests.Add(driver.Case.ApprovalDigest());

        Assert.Equal(digests.Count, digests.Distinct().Count());
    }

    [Fact]
    public void Transplanting_the_digest_of_another_case_is_refused_with_RT_2301()
    {
        var other = new CaseDriver(caseId: "RT-2").Open().Verify();
        var driver = new CaseDriver(caseId: "RT-1").Open().Verify();

        var outcome = driver.TryApprove(digest: other.Case.ApprovalDigest());

        Assert.Equal("RT-2301", outcome.Error?.Code);
    }

    [Fact]
    public void An_approval_entry_of_another_case_is_refused_even_with_its_case_id_rewritten()
    {
        var other = new CaseDriver(caseId: "RT-2").Open().Verify().Approve();
        var driver = new CaseDriver(caseId: "RT-1").Open().Verify();
        var approval = other.Records[^1];

        Assert.Equal("RT-2003", CaseRules.Check(driver.Case, approval)?.Code);
        Assert.Equal("RT-2301", CaseRules.Check(driver.Case, approval with { CaseId = "RT-1" })?.Code);
    }

    [Fact]
    public void Execution_after_the_approvals_expire_is_refused_with_RT_2401()
    {
        var driver = CaseDriver.InState(CaseState.Approved).Advance(Decisions.ApprovalValidity);

        var outcome = driver.TryExecute();

        Assert.Equal("RT-2401", outcome.Error?.Code);
        Assert.Empty(driver.Case.ValidApprovals(driver.Now));
        Assert.Equal(CaseState.Approved, driver.Case.State);
    }

    [Fact]
    public void Execution_just_before_the_approvals_expire_is_allowed()
    {
        var driver = CaseDriver.InState(CaseState.Approved).Advance(Decisions.ApprovalValidity - TimeSpan.FromMilliseconds(1));

        Assert.True(driver.TryExecute().IsSuccess);
    }

    [Fact]
    public void One_expired_approval_of_two_leaves_execution_one_short()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval).Approve().Advance(TimeSpan.FromHours(3)).Approve(Actors.SecondApprover, "security");
        driver.Advance(TimeSpan.FromHours(1));

        var outcome = driver.TryExecute();

        Assert.Contains("1 valid approval(s) of the 2", outcome.RefusedWith("RT-2401").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expiry_is_refused_with_RT_2601_while_the_approval_window_is_open()
    {
        var driver = CaseDriver.InState(CaseState.Approved).Advance(Decisions.ApprovalValidity - TimeSpan.FromMinutes(1));

        var outcome = driver.Try((c, now) => CaseCommands.Expire(c, "system", now));

        Assert.Equal("RT-2601", outcome.Error?.Code);
        Assert.Equal(CaseState.Approved, driver.Case.State);
    }

    [Fact]
    public void A_case_without_approvals_may_expire_once_the_window_from_its_opening_has_passed()
    {
        var driver = new CaseDriver().Open().Verify();

        Assert.Equal("RT-2601", driver.Advance(Decisions.ApprovalValidity - TimeSpan.FromMilliseconds(1)).Try((c, now) => CaseCommands.Expire(c, "system", now)).Error?.Code);
        Assert.True(driver.Advance(TimeSpan.FromMilliseconds(1)).Try((c, now) => CaseCommands.Expire(c, "system", now)).IsSuccess);
        Assert.Equal(CaseState.Expired, driver.Case.State);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData(" alice ")]
    public void The_same_approver_counts_once_and_a_second_approval_is_refused_with_RT_2303(string again)
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval).Approve(Actors.Approver);

        var outcome = driver.TryApprove(again, "security");

        Assert.Equal("RT-2303", outcome.Error?.Code);
        Assert.Single(driver.Case.Approvals);
        Assert.Equal(CaseState.AwaitingApproval, driver.Case.State);
    }

    [Fact]
    public void An_authority_the_policy_does_not_accept_is_refused_with_RT_2302()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval);

        var outcome = driver.TryApprove(authority: "helpdesk-lead");

        Assert.Equal("RT-2302", outcome.Error?.Code);
        Assert.True(driver.TryApprove(authority: "Security").IsSuccess); // authorities are names, matched ignoring case
    }

    [Fact]
    public void An_approval_entry_claiming_a_longer_validity_than_the_policy_allows_is_refused()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval);
        var honest = CaseCommands.Approve(driver.Case, Actors.Approver, "manager", driver.Case.ApprovalDigest(), false, null, driver.Now).Value;
        var stretched = honest with { Data = (System.Text.Json.Nodes.JsonObject)honest.Data.DeepClone() };
        stretched.Data["expires_at"] = EvidenceRecord.FormatTime(driver.Now + Decisions.ApprovalValidity + TimeSpan.FromSeconds(1));

        Assert.Null(CaseRules.Check(driver.Case, honest));
        Assert.Equal("RT-2003", CaseRules.Check(driver.Case, stretched)?.Code);
    }
}
