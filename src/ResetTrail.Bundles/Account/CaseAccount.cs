namespace ResetTrail.Bundles.Account;

/// <summary>
/// The case as its verified evidence tells it, for people: who did what, when, under which rule of which policy
/// version. Built from the chain as far as it replayed; a failed bundle's account stops where the chain did.
/// </summary>
public sealed record CaseAccount
{
    public required string CaseId { get; init; }

    /// <summary>The state the entries leave the case in (wire name).</summary>
    public required string State { get; init; }

    public bool Closed => State == "closed";

    public required string Ticket { get; init; }

    public required string Target { get; init; }

    /// <summary>Kind, channel, initiator and requester, in one line.</summary>
    public required string Request { get; init; }

    public required string Tier { get; init; }

    public required string PolicyVersion { get; init; }

    public required string PolicyHash { get; init; }

    /// <summary>Where and by whom the policy version was published, when its entry verified.</summary>
    public string? PolicyPublished { get; init; }

    public required IReadOnlyList<AccountStep> Steps { get; init; }

    public string? EndReason { get; init; }

    /// <summary>The time control failures are judged at: the bundle's export time (see bundle-format.md).</summary>
    public required DateTimeOffset ControlsAsOf { get; init; }

    public required IReadOnlyList<string> ControlFailures { get; init; }
}

/// <summary>One step: where its evidence sits in the log, when, who, what, and the rule in force after it.</summary>
public sealed record AccountStep(ulong LogIndex, DateTimeOffset At, string Actor, string Step, string Summary, string RuleId, int RuleLine);
