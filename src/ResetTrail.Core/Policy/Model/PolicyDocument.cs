namespace ResetTrail.Core.Policy.Model;

/// <summary>A policy file, read and validated: everything <see cref="ResetPolicy"/> decides from.</summary>
internal sealed record PolicyDocument(string Version)
{
    /// <summary>How far back failed verifications on a target count towards "stricter after failure".</summary>
    public TimeSpan LookBack { get; init; } = TimeSpan.FromDays(30);

    public IReadOnlyDictionary<VerificationMethod, int> Strengths { get; init; } = MethodStrengths.Defaults;

    /// <summary>The first site is the default site.</summary>
    public IReadOnlyList<Site> Sites { get; init; } = [];

    /// <summary>Approval and review authorities, by name, with what each one is.</summary>
    public IReadOnlyDictionary<string, string> Authorities { get; init; } = new Dictionary<string, string>();

    /// <summary>Retention classes by name, with how long evidence in each is kept.</summary>
    public IReadOnlyDictionary<string, TimeSpan> RetentionClasses { get; init; } = new Dictionary<string, TimeSpan>();

    public IReadOnlyList<TierAssignment> TierAssignments { get; init; } = [];

    public Sourced<Tier> DefaultTier { get; init; } = new(Tier.Standard, "built-in", 0);

    public Requirements Defaults { get; init; } = Requirements.None;

    public int DefaultsLine { get; init; }

    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];
}
