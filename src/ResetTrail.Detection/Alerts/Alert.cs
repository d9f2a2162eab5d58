namespace ResetTrail.Detection.Alerts;

/// <summary>
/// An alert that explains itself: the rule, the subject (account or agent), the events it rests on, the window they
/// fell in and the threshold they crossed. <see cref="Id"/> is stable (<see cref="AlertIds"/>): the same rule on the
/// same events gives the same id on every run, so receivers and the outbox can drop repeats.
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }

    public required RuleInfo Rule { get; init; }

    /// <summary>Whom the alert is about, lower-cased as the rules key it (an account, an agent, a caller).</summary>
    public required string Subject { get; init; }

    /// <summary>The event time of the last evidence: when the condition became true.</summary>
    public required DateTimeOffset Time { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>The condition crossed, in words: "more than 10 distinct targets in 7d".</summary>
    public required string Threshold { get; init; }

    /// <summary>One sentence: what happened.</summary>
    public required string Summary { get; init; }

    public required IReadOnlyList<AlertEvidence> Evidence { get; init; }

    /// <summary>Alerts for the same rule and subject suppressed by throttling before this one.</summary>
    public int Suppressed { get; init; }
}
