using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class EmergencyPathTests
{
    [Fact]
    public void The_emergency_path_needs_fewer_approvals()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval, Decisions.WithEmergency()).Approve(emergency: true);

        Assert.True(driver.Case.EmergencyPath);
        Assert.Equal(1, driver.Case.ApprovalsRequired);
        Assert.Equal(CaseState.Approved, driver.Case.State);
        Assert.True(driver.TryExecute().IsSuccess);
    }

    [Fact]
    public void An_emergency_approval_is_refused_with_RT_2404_when_the_rule_has_no_emergency_path()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval, Decisions.Standard());

        driver.TryApprove(emergency: true).RefusedWith("RT-2404");
        Assert.False(driver.Case.EmergencyPath);
    }

    [Fact]
    public void Closing_an_emergency_case_is_refused_with_RT_2503_until_it_is_reviewed()
    {
        var driver = CaseDriver.InState(CaseState.Executed, emergency: true).CompleteTasks();

        driver.TryClose().RefusedWith("RT-2503");
        driver.Review();
        Assert.True(driver.TryClose().IsSuccess);
        Assert.Equal(CaseState.Closed, driver.Case.State);
    }

    [Theory]
    [InlineData(Actors.Approver)]
    [InlineData(Actors.Executor)]
    [InlineData(" EDDIE")]
    public void Whoever_approved_or_executed_the_reset_cannot_review_it(string reviewer)
    {
        var driver = CaseDriver.InState(CaseState.Executed, emergency: true);

        Assert.Contains("cannot review", driver.TryReview(reviewer).RefusedWith("RT-2003").Message, StringComparison.Ordinal);
        Assert.Null(driver.Case.EmergencyReview);
    }

    [Fact]
    public void The_review_must_come_from_the_authority_the_emergency_path_names()
    {
        var driver = CaseDriver.InState(CaseState.Executed, emergency: true);

        driver.TryReview(authority: "manager").RefusedWith("RT-2302");
    }

    [Fact]
    public void A_case_that_did_not_take_the_emergency_path_is_not_reviewed()
    {
        var driver = CaseDriver.InState(CaseState.Executed, Decisions.WithEmergency());

        driver.TryReview().RefusedWith("RT-2003");
    }
}
