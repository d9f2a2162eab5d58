namespace ResetTrail.Core.Policy;

/// <summary>The account a reset is for: its directory, identifier there, and the attributes tiers are assigned from.</summary>
public sealed record TargetIdentity(string Directory, string Id)
{
    public string? DisplayName { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The site whose business hours and time zone apply; null for the policy's default site.</summary>
    public string? Site { get; init; }

    public override string ToString() => $"{Directory}:{Id}";
}
