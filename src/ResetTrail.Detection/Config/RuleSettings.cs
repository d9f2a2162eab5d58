using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Config;

/// <summary>A rule's configurable part: on or off, threshold, window, throttle, allow-list and an optional severity override. Null means the rule's default.</summary>
public sealed record RuleSettings
{
    public bool Enabled { get; init; } = true;

    public int? Threshold { get; init; }

    public TimeSpan? Window { get; init; }

    public TimeSpan? Throttle { get; init; }

    /// <summary>Globs over account keys (svc-*, *@partner.example): an event whose target or actor matches is not this rule's business.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    public Severity? Severity { get; init; }

    /// <summary>Line of the rule's entry in the file, for messages; 0 for defaults.</summary>
    public int Line { get; init; }
}

/// <summary>An extra instance of a rule with its own id and settings (<c>instances:</c>), e.g. a tighter burst threshold for one team.</summary>
public sealed record RuleInstance(string Id, string Of, RuleSettings Settings);
