using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class AfterResetTests
{
    [Fact]
    public void A_task_the_policy_does_not_require_is_refused_with_RT_2501()
    {
        var driver = CaseDriver.InState(CaseState.Executed);

        driver.TryTask(PostResetTaskKind.RotateRecoveryCodes).RefusedWith("RT-2501");
        Assert.Equal(CaseState.Executed, driver.Case.State);
    }

    [Fact]
    public void A_task_done_twice_is_refused_with_RT_2501()
    {
        var driver = CaseDriver.InState(CaseState.Executed).Task(PostResetTaskKind.RevokeSessions);

        driver.TryTask(PostResetTaskKind.RevokeSessions).RefusedWith("RT-2501");
        Assert.Single(driver.Case.CompletedTasks);
    }

    [Fact]
    public void Closing_with_tasks_outstanding_is_refused_with_RT_2502_naming_them()
    {
        var driver = CaseDriver.InState(CaseState.Validating);

        var error = driver.TryClose().RefusedWith("RT-2502");

        Assert.Contains("notify_user", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoke_sessions", error.Message, StringComparison.Ordinal);
        Assert.Equal(CaseState.Validating, driver.Case.State);
    }

    [Fact]
    public void Nothing_is_a_control_failure_before_the_reset()
    {
        var driver = CaseDriver.InState(CaseState.Approved);

        Assert.Empty(driver.Case.ControlFailures(driver.Now + TimeSpan.FromDays(30)));
    }

    [Fact]
    public void A_task_outstanding_past_its_deadline_is_a_control_failure()
    {
        var driver = CaseDriver.InState(CaseState.Executed);
        var executedAt = driver.Now;

        Assert.Empty(driver.Case.ControlFailures(executedAt + TimeSpan.FromHours(1)));
        var failure = Assert.Single(driver.Case.ControlFailures(executedAt + TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1)));
        Assert.StartsWith("revoke_sessions was due by 2026-03-10T10:00:00.000Z", failure, StringComparison.Ordinal);
        Assert.Equal(2, driver.Case.ControlFailures(executedAt + TimeSpan.FromDays(2)).Count);

        driver.CompleteTasks();
        Assert.Empty(driver.Case.ControlFailures(executedAt + TimeSpan.FromDays(2)));
    }

    [Fact]
    public void An_emergency_review_overdue_is_a_control_failure()
    {
        var driver = CaseDriver.InState(CaseState.Executed, emergency: true).CompleteTasks();
        var due = driver.Case.Execution!.At + TimeSpan.FromDays(1);

        Assert.Empty(driver.Case.ControlFailures(due));
        Assert.Contains("emergency review", Assert.Single(driver.Case.ControlFailures(due + TimeSpan.FromSeconds(1))), StringComparison.Ordinal);

        driver.Review();
        Assert.Empty(driver.Case.ControlFailures(due + TimeSpan.FromDays(1)));
    }

    [Fact]
    public void A_reset_without_an_identity_provider_event_linked_within_a_day_is_a_control_failure()
    {
        var driver = new CaseDriver(Decisions.NoTasks()).Open().Verify().Approvals().Execute(idpEventId: null);
        var executedAt = driver.Now;

        Assert.Empty(driver.Case.ControlFailures(executedAt + TimeSpan.FromDays(1)));
        Assert.Contains("identity-provider event", Assert.Single(driver.Case.ControlFailures(executedAt + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1))), StringComparison.Ordinal);

        driver.Advance(TimeSpan.FromDays(3)).Do((c, now) => CaseCommands.LinkIdpEvent(c, "collector", "okta", "okta-evt-9", executedAt, now));
        Assert.Empty(driver.Case.ControlFailures(driver.Now));
    }

    [Fact]
    public void An_identity_provider_event_can_be_linked_after_the_case_closed()
    {
        var driver = CaseDriver.InState(CaseState.Closed);

        driver.Do((c, now) => CaseCommands.LinkIdpEvent(c, "collector", "okta", "okta-evt-late", null, now));

        Assert.Equal(CaseState.Closed, driver.Case.State);
        Assert.Single(driver.Case.IdpEvents);
    }
}
