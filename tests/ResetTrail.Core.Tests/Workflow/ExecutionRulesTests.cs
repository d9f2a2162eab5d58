using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class ExecutionRulesTests
{
    [Fact]
    public void Execution_inside_the_cooling_off_period_is_refused_with_RT_2402()
    {
        var driver = CaseDriver.InState(CaseState.Approved, Decisions.Standard() with { CoolingOff = TimeSpan.FromHours(1) });

        var outcome = driver.Advance(TimeSpan.FromMinutes(59)).TryExecute();

        Assert.Contains("2026-03-10 10:00", outcome.RefusedWith("RT-2402").Message, StringComparison.Ordinal);
        Assert.True(driver.Advance(TimeSpan.FromMinutes(1)).TryExecute().IsSuccess);
    }

    [Fact]
    public void Cooling_off_runs_from_the_last_approval()
    {
        var driver = CaseDriver.InState(CaseState.AwaitingApproval, Decisions.Standard() with { CoolingOff = TimeSpan.FromHours(1) })
            .Approve().Advance(TimeSpan.FromMinutes(50)).Approve(Actors.SecondApprover, "security");

        driver.Advance(TimeSpan.FromMinutes(30)).TryExecute().RefusedWith("RT-2402");
        Assert.True(driver.Advance(TimeSpan.FromMinutes(30)).TryExecute().IsSuccess);
    }

    [Theory]
    [InlineData("2026-03-10T09:00:00Z")] // Tuesday 10:00 CET
    [InlineData("2026-03-10T16:59:59Z")] // Tuesday 17:59:59 CET
    [InlineData("2026-07-07T06:30:00Z")] // Tuesday 08:30 CEST: outside if Paris were UTC+1 all year
    public void Execution_inside_the_business_hours_of_the_targets_site_is_allowed(string at)
    {
        var driver = ApprovedAt(Decisions.WithParisHours("deny"), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), emergency: false);

        Assert.True(driver.TryExecute().IsSuccess, driver.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-03-10T17:00:00Z")] // Tuesday 18:00 CET: the end is exclusive
    [InlineData("2026-03-10T06:59:00Z")] // Tuesday 07:59 CET
    [InlineData("2026-07-07T16:30:00Z")] // Tuesday 18:30 CEST: inside if Paris were UTC+1 all year
    [InlineData("2026-03-14T10:00:00Z")] // Saturday
    public void Execution_outside_business_hours_is_refused_with_RT_2403_when_the_policy_says_deny(string at)
    {
        var instant = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

        ApprovedAt(Decisions.WithParisHours("deny"), instant, emergency: false).TryExecute().RefusedWith("RT-2403");
        ApprovedAt(Decisions.WithParisHours("deny"), instant, emergency: true).TryExecute().RefusedWith("RT-2403");
    }

    [Fact]
    public void Outside_business_hours_only_the_emergency_path_proceeds_when_the_policy_says_emergency()
    {
        var evening = new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero);

        Assert.Contains("paris", ApprovedAt(Decisions.WithParisHours("emergency"), evening, emergency: false).TryExecute().RefusedWith("RT-2403").Message, StringComparison.Ordinal);
        Assert.True(ApprovedAt(Decisions.WithParisHours("emergency"), evening, emergency: true).TryExecute().IsSuccess);
    }

    [Fact]
    public void Execution_needs_the_verification_the_decision_requires_even_with_approvals()
    {
        var driver = new CaseDriver(Decisions.NoApprovals()).Open();

        driver.TryExecute().RefusedWith("RT-2000"); // still opened
        Assert.Equal(CaseState.Opened, driver.Case.State);
    }

    private static CaseDriver ApprovedAt(ResetTrail.Core.Policy.PolicyDecision decision, DateTimeOffset at, bool emergency)
    {
        var driver = new CaseDriver(decision, start: at - TimeSpan.FromMinutes(30)).Open().Verify().Approvals(emergency);
        return driver.Advance(TimeSpan.FromMinutes(30));
    }
}
