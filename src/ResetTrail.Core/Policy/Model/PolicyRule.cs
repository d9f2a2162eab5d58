namespace ResetTrail.Core.Policy.Model;

/// <summary>One entry of <c>rules:</c>: what it matches, whether it allows the reset, and what it requires.</summary>
internal sealed record PolicyRule(string Id, int Line, RuleMatch Match, Requirements Requirements)
{
    public Sourced<bool> Allowed { get; init; } = new(true, Id, Line);

    public int Column { get; init; } = 1;

    /// <summary>Why a rule denies, for the person at the desk (allowed: false).</summary>
    public string? Reason { get; init; }
}
