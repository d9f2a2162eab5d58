using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using static ResetTrail.Core.Policy.CaseRole;

namespace ResetTrail.Core.Tests.Workflow;

public sealed class SeparationOfDutiesTests
{
    public static TheoryData<CaseRole, CaseRole> Pairs() => new(
        (Requester, Target), (Verifier, Requester), (Verifier, Target), (Approver, Requester), (Approver, Target),
        (Approver, Verifier), (Executor, Requester), (Executor, Target), (Executor, Approver), (Executor, Verifier));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void One_person_in_both_roles_of_a_listed_pair_is_refused_with_RT_2101(CaseRole first, CaseRole second)
    {
        var outcome = PlayBothRoles(Decisions.Standard(), first, second);

        Assert.Contains("separation of duties", outcome.RefusedWith("RT-2101").Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void One_person_in_both_roles_is_allowed_when_the_policy_does_not_list_the_pair(CaseRole first, CaseRole second)
    {
        var decision = Decisions.Standard() with
        {
            DistinctParties = [.. Decisions.AllPairs.Where(p => (p.Item1, p.Item2) != (first, second) && (p.Item1, p.Item2) != (second, first))],
        };

        var outcome = PlayBothRoles(decision, first, second);

        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
    }

    [Fact]
    public void The_pair_binds_in_either_order_as_the_policy_lists_it()
    {
        var decision = Decisions.Standard() with { DistinctParties = [(Target, Executor)] };

        Assert.Equal("RT-2101", PlayBothRoles(decision, Executor, Target).Error?.Code);
    }

    [Fact]
    public void An_approver_who_verified_is_refused_even_when_that_verification_failed()
    {
        var driver = new CaseDriver().Open().Verify(Actors.Approver, passed: false).Verify();

        Assert.Equal("RT-2101", driver.TryApprove(Actors.Approver).Error?.Code);
    }

    /// <summary>
    /// Drives a case with the standard cast except that the person of <paramref name="second"/> also plays
    /// <paramref name="first"/>, and returns the outcome of the step where the roles meet.
    /// </summary>
    private static Outcome<EvidenceRecord> PlayBothRoles(PolicyDecision decision, CaseRole first, CaseRole second)
    {
        var cast = new Dictionary<CaseRole, string>
        {
            [Requester] = Actors.Requester, [Target] = Actors.Target, [Verifier] = Actors.Verifier, [Approver] = Actors.Approver, [Executor] = Actors.Executor,
        };
        var (late, early) = StepOrder(first) > StepOrder(second) ? (first, second) : (second, first);
        cast[late] = cast[early];
        var driver = new CaseDriver(decision);
        var request = CaseDriver.Request(driver.CaseId) with { Requester = cast[Requester], Target = new TargetIdentity("corp", cast[Target]) };
        if (late == Requester)
        {
            return driver.TryOpen(request);
        }

        driver.Open(request);
        if (late == Verifier)
        {
            return driver.TryVerify(cast[Verifier]);
        }

        driver.Verify(cast[Verifier]);
        if (late == Approver)
        {
            return driver.TryApprove(cast[Approver]);
        }

        driver.Approve(cast[Approver]).Approve(Actors.SecondApprover, "security");
        return driver.TryExecute(cast[Executor]);
    }

    private static int StepOrder(CaseRole role) => role switch
    {
        Target => 0,
        Requester => 1,
        Verifier => 2,
        Approver => 3,
        Executor => 4,
    };
}
