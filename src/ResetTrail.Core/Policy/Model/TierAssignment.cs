namespace ResetTrail.Core.Policy.Model;

/// <summary>
/// One entry of <c>tiers:</c>. It matches when any of its criteria does (an explicit identity, a directory, an
/// id pattern, a group, a role); the first entry that matches assigns the tier.
/// </summary>
internal sealed record TierAssignment(string Id, Tier Tier, int Line)
{
    /// <summary><c>directory:id</c>, or a bare id that matches in every directory.</summary>
    public IReadOnlyList<string> Identities { get; init; } = [];

    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>Globs over the account id where <c>*</c> stands for any run of characters (svc-*, *$).</summary>
    public IReadOnlyList<string> IdPatterns { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];
}
