using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>A store that keeps folded cases hands out copies (ADR 0042): a copy is the same case and changes alone.</summary>
public sealed class ResetCaseCopyTests
{
    [Fact]
    public void A_copy_shows_the_same_case_as_the_original_and_as_a_replay_of_its_entries()
    {
        var driver = CaseDriver.InState(CaseState.Executed);
        var original = driver.Case;

        var copy = original.Copy();
        var replayed = ResetCase.Replay(driver.Records);

        Assert.Equal(original.Verifications, copy.Verifications);
        Assert.Equal(original.Approvals, copy.Approvals);
        Assert.Equal(original.Execution, copy.Execution);
        Assert.Equal(original.Requester, copy.Requester);
        Assert.Equal(replayed.State, copy.State);
        Assert.Equal(replayed.Steps, copy.Steps);
        Assert.Same(original.Decision, copy.Decision); // the digest below compares it with the replay's by value
        Assert.Equal(replayed.ApprovalDigest(), copy.ApprovalDigest());
        Assert.Equal(replayed.ValidApprovals(driver.Now).Count, copy.ValidApprovals(driver.Now).Count);
    }

    [Fact]
    public void Applying_an_entry_to_a_copy_leaves_the_original_as_it_was()
    {
        var driver = CaseDriver.InState(CaseState.Opened);
        var original = driver.Case;
        var digest = original.ApprovalDigest();
        var copy = original.Copy();

        var verification = CaseCommands.Verify(copy, Actors.Verifier, Core.Policy.VerificationMethod.PushToEnrolledDevice, false, [], driver.Policy, driver.Now);
        copy.Apply(verification.Value);

        Assert.Single(copy.Verifications);
        Assert.Empty(original.Verifications);
        Assert.Single(original.Steps);
        Assert.Equal(CaseState.Opened, original.State);
        Assert.Equal(digest, original.ApprovalDigest());
        Assert.NotEqual(digest, copy.ApprovalDigest());
    }
}
