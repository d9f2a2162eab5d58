namespace ResetTrail.Core.Policy.Model;

/// <summary><c>business_hours:</c> of a rule; a null site means the target's own site (or the default site).</summary>
internal sealed record BusinessHoursChoice(string? Site, string Outside);

/// <summary><c>emergency:</c> of a rule: approvals needed now, and the review due afterwards.</summary>
internal sealed record EmergencyChoice(int Approvals, TimeSpan ReviewWithin, string ReviewBy);

/// <summary>
/// <c>after_failed_verification:</c>, applied once per failed verification on the target in the look-back window.
/// </summary>
internal sealed record FailureTightening(int AddStrength, int AddApprovals, bool RequireCallback, bool RequireStepUp, int DenyAfter)
{
    /// <summary>When a policy says nothing, a failure still costs something: stronger proof and a callback.</summary>
    public static FailureTightening BuiltIn { get; } = new(AddStrength: 1, AddApprovals: 1, RequireCallback: true, RequireStepUp: false, DenyAfter: 0);
}
