namespace ResetTrail.Detection.Alerts;

/// <summary>What a rule is: a stable id (RT-Dnnn, never reused), a title, severity, the ATT&amp;CK technique it detects and the team that owns its alerts.</summary>
public sealed record RuleInfo(string Id, string Title, Severity Severity, string Technique, string Owner)
{
    /// <summary>The configured instance this rule came from, when it is an extra instance of another rule (its base id).</summary>
    public string? BaseId { get; init; }
}
