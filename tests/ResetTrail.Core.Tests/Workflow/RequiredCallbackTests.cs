using ResetTrail.Core.Workflow;
using static ResetTrail.Core.Policy.VerificationMethod;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>
/// The sample policy's administrator, executive, finance and third-party rules accept only strong methods and
/// also require "a callback to the number on record, besides the method used": the callback must count.
/// </summary>
public sealed class RequiredCallbackTests
{
    private static readonly Core.Policy.PolicyDecision StrongMethodsAndCallback = Decisions.Standard() with
    {
        Verification = Decisions.Standard().Verification with { AcceptedMethods = [IdDocumentLiveness, InPersonBadge], MinimumStrength = 4, CallbackRequired = true },
    };

    [Fact]
    public void A_required_callback_counts_when_the_rule_does_not_list_it_among_its_methods()
    {
        var driver = new CaseDriver(StrongMethodsAndCallback).Open().Verify(method: IdDocumentLiveness);
        Assert.Equal(CaseState.Verifying, driver.Case.State);

        driver.Verify(method: CallbackOnRecord);

        Assert.Equal(CaseState.AwaitingApproval, driver.Case.State);
    }

    [Fact]
    public void A_callback_alone_does_not_meet_a_rule_that_does_not_accept_it_as_a_method()
    {
        var driver = new CaseDriver(StrongMethodsAndCallback).Open().Verify(method: CallbackOnRecord);

        Assert.Equal(CaseState.Verifying, driver.Case.State);
    }
}
