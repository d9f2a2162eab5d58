using ResetTrail.Core.Evidence;

namespace ResetTrail.Core.Tests.Workflow;

internal static class Refusals
{
    /// <summary>Asserts the command was refused with <paramref name="code"/> and returns the error for further checks.</summary>
    public static DomainError RefusedWith(this Outcome<EvidenceRecord> outcome, string code)
    {
        Assert.False(outcome.IsSuccess, $"expected {code}, but the step was accepted");
        Assert.Equal(code, outcome.Error.Code);
        return outcome.Error;
    }
}
