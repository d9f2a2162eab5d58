using ResetTrail.Core.Cases;

namespace ResetTrail.Core.Policy.Model;

/// <summary>Which requests a rule covers; a null dimension is <c>any</c>.</summary>
internal sealed record RuleMatch(
    IReadOnlySet<Tier>? Tiers,
    IReadOnlySet<ResetKind>? Kinds,
    IReadOnlySet<Channel>? Channels,
    IReadOnlySet<InitiatorType>? Initiators)
{
    public static RuleMatch Any { get; } = new(null, null, null, null);

    public bool Covers(Tier tier, ResetKind kind, Channel channel, InitiatorType initiator) =>
        (Tiers?.Contains(tier) ?? true)
        && (Kinds?.Contains(kind) ?? true)
        && (Channels?.Contains(channel) ?? true)
        && (Initiators?.Contains(initiator) ?? true);
}
