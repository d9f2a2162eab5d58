namespace ResetTrail.Core.Policy.Model;

/// <summary>
/// The requirement keys of a rule or of <c>defaults:</c>, each with where it was set; null when the block does
/// not set it. A rule inherits every unset key from the defaults (<see cref="Over"/>). Verification and
/// approvals inherit field by field; every other key is replaced as a whole.
/// </summary>
internal sealed record Requirements
{
    public static Requirements None { get; } = new();

    public Sourced<IReadOnlyList<VerificationMethod>>? Methods { get; init; }

    public Sourced<int>? MinStrength { get; init; }

    public Sourced<bool>? Callback { get; init; }

    public Sourced<bool>? StepUp { get; init; }

    public Sourced<int>? ApprovalCount { get; init; }

    public Sourced<IReadOnlyList<string>>? ApprovalFrom { get; init; }

    public Sourced<IReadOnlyList<string>>? ApprovalMustInclude { get; init; }

    public Sourced<TimeSpan>? ApprovalValidity { get; init; }

    public Sourced<IReadOnlyList<(CaseRole First, CaseRole Second)>>? Distinct { get; init; }

    /// <summary>A null value is <c>business_hours: none</c>.</summary>
    public Sourced<BusinessHoursChoice?>? BusinessHours { get; init; }

    public Sourced<TimeSpan>? CoolingOff { get; init; }

    /// <summary>A null value is <c>emergency: none</c>.</summary>
    public Sourced<EmergencyChoice?>? Emergency { get; init; }

    public Sourced<IReadOnlyList<PostResetTask>>? Tasks { get; init; }

    public Sourced<TimeSpan>? FollowUp { get; init; }

    public Sourced<string>? Retention { get; init; }

    public Sourced<FailureTightening>? AfterFailure { get; init; }

    public Requirements Over(Requirements defaults) => new()
    {
        Methods = Methods ?? defaults.Methods,
        MinStrength = MinStrength ?? defaults.MinStrength,
        Callback = Callback ?? defaults.Callback,
        StepUp = StepUp ?? defaults.StepUp,
        ApprovalCount = ApprovalCount ?? defaults.ApprovalCount,
        ApprovalFrom = ApprovalFrom ?? defaults.ApprovalFrom,
        ApprovalMustInclude = ApprovalMustInclude ?? defaults.ApprovalMustInclude,
        ApprovalValidity = ApprovalValidity ?? defaults.ApprovalValidity,
        Distinct = Distinct ?? defaults.Distinct,
        BusinessHours = BusinessHours ?? defaults.BusinessHours,
        CoolingOff = CoolingOff ?? defaults.CoolingOff,
        Emergency = Emergency ?? defaults.Emergency,
        Tasks = Tasks ?? defaults.Tasks,
        FollowUp = FollowUp ?? defaults.FollowUp,
        Retention = Retention ?? defaults.Retention,
        AfterFailure = AfterFailure ?? defaults.AfterFailure,
    };
}
