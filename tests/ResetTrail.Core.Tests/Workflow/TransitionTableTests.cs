using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using static ResetTrail.Core.Workflow.CaseState;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class TransitionTableTests
{
    public static TheoryData<EvidenceType, CaseState> AllowedSteps() =>
        new(from row in TransitionTable.Rows from state in row.From.Order() select (row.Step, state));

    public static TheoryData<EvidenceType, CaseState> ForbiddenSteps() =>
        new(from row in TransitionTable.Rows
            where row.Step != EvidenceType.CaseOpened
            from state in Enum.GetValues<CaseState>()
            where !row.From.Contains(state)
            select (row.Step, state));

    public static TheoryData<CaseState> AllStates() => new(Enum.GetValues<CaseState>());

    [Theory]
    [MemberData(nameof(AllowedSteps))]
    public void Every_step_succeeds_from_each_state_its_row_lists_and_lands_where_the_row_says(EvidenceType step, CaseState from)
    {
        var driver = step switch
        {
            EvidenceType.EmergencyReviewed => CaseDriver.InState(from, emergency: true),
            EvidenceType.CaseClosed when from == Executed => CaseDriver.InState(from, Decisions.NoTasks()),
            _ => CaseDriver.InState(from),
        };
        if (step == EvidenceType.CaseExpired || (step == EvidenceType.ApprovalGranted && from == Approved))
        {
            // Expiry needs the window passed; approving an approved case is for when its approvals expired.
            driver.Advance(Decisions.ApprovalValidity + TimeSpan.FromMinutes(1));
        }

        if (step == EvidenceType.CaseClosed)
        {
            driver.CompleteTasks();
        }

        var outcome = Steps.Run(driver, step);

        Assert.True(outcome.IsSuccess, $"{TransitionTable.For(step).Command} from {from}: {outcome.Error}");
        var expected = step switch
        {
            EvidenceType.VerificationRecorded => AwaitingApproval,
            EvidenceType.ApprovalGranted => AwaitingApproval, // the first of two; Approval_rows_land_in_approved_once_enough_approvals_are_valid covers the second
            EvidenceType.ApprovalDenied => Denied,
            EvidenceType.ResetExecuted => Executed,
            EvidenceType.ExecutionFailed => Failed,
            EvidenceType.IdpEventLinked or EvidenceType.EmergencyReviewed => from,
            EvidenceType.TaskCompleted => Validating,
            EvidenceType.CaseClosed => Closed,
            EvidenceType.CaseCancelled => Cancelled,
            EvidenceType.CaseExpired => Expired,
            EvidenceType.CaseOpened or EvidenceType.PolicyPublished => throw new InvalidOperationException("no from-state"),
        };
        Assert.Equal(expected, driver.Case.State);
    }

    [Theory]
    [MemberData(nameof(ForbiddenSteps))]
    public void Every_step_from_a_state_its_row_does_not_list_is_refused_with_RT_2000_and_changes_nothing(EvidenceType step, CaseState state)
    {
        var driver = CaseDriver.InState(state, emergency: step == EvidenceType.EmergencyReviewed);
        var entries = driver.Records.Count;
        var digest = driver.Case.ApprovalDigest();

        var outcome = Steps.Run(driver, step);

        Assert.False(outcome.IsSuccess);
        Assert.Equal("RT-2000", outcome.Error.Code);
        Assert.Contains($"'{TransitionTable.For(step).Command}'", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal(state, driver.Case.State);
        Assert.Equal(entries, driver.Records.Count);
        Assert.Equal(digest, driver.Case.ApprovalDigest());
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Opening_a_case_that_exists_is_refused_with_RT_2001_whatever_its_state(CaseState state)
    {
        var driver = CaseDriver.InState(state);

        var opened = CaseCommands.Open(CaseDriver.Request(driver.CaseId), driver.Policy, driver.Now);

        Assert.True(opened.IsSuccess); // a command for a case nobody holds yet ...
        Assert.Equal("RT-2001", CaseRules.Check(driver.Case, opened.Value)?.Code); // ... but never on top of one
    }

    [Fact]
    public void Opening_lands_in_opened_with_the_policy_decision_recorded()
    {
        var driver = new CaseDriver().Open();

        Assert.Equal(Opened, driver.Case.State);
        Assert.Equal("standard-phone", driver.Case.Decision.RuleId);
        Assert.Equal(EvidenceType.CaseOpened, Assert.Single(driver.Records).Type);
    }

    [Fact]
    public void Verification_rows_stay_in_verifying_until_the_requirement_is_met()
    {
        var driver = new CaseDriver().Open();

        driver.Verify(method: ResetTrail.Core.Policy.VerificationMethod.KnowledgeQuestions);
        Assert.Equal(Verifying, driver.Case.State);
        driver.Verify(passed: false);
        Assert.Equal(Verifying, driver.Case.State);
        driver.Verify();
        Assert.Equal(AwaitingApproval, driver.Case.State);
    }

    [Fact]
    public void Verification_lands_in_approved_when_the_policy_requires_no_approval()
    {
        var driver = new CaseDriver(Decisions.NoApprovals()).Open().Verify();

        Assert.Equal(Approved, driver.Case.State);
        driver.Execute();
        Assert.Equal(Executed, driver.Case.State);
    }

    [Fact]
    public void Approval_rows_land_in_approved_once_enough_approvals_are_valid()
    {
        var driver = CaseDriver.InState(AwaitingApproval).Approve();
        Assert.Equal(AwaitingApproval, driver.Case.State);

        driver.Approve(Actors.SecondApprover, "security");

        Assert.Equal(Approved, driver.Case.State);
    }

    [Fact]
    public void Every_evidence_type_of_a_case_has_exactly_one_row()
    {
        var caseTypes = Enum.GetValues<EvidenceType>().Where(t => t != EvidenceType.PolicyPublished);

        Assert.Equal(caseTypes.Order(), TransitionTable.Rows.Select(r => r.Step).Order());
        Assert.Equal(TransitionTable.Rows.Count, TransitionTable.Rows.Select(r => r.Command).Distinct().Count());
    }
}
