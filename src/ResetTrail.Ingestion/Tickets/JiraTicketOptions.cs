namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Which Jira fields give what, by field id (customfield_10050; the ids differ per site: see
/// <c>GET /rest/api/2/field</c>). In Jira Service Management the same ids appear in requestFieldValues.
/// </summary>
public sealed record JiraTicketOptions
{
    /// <summary>The account to reset (a user picker or text field). Unset or empty: the reporter.</summary>
    public string? TargetField { get; init; }

    /// <summary>A select or text field naming the reset kind, tried before labels, issue type and request type.</summary>
    public string? KindField { get; init; }

    /// <summary>A user picker (multiple) naming approvers, such as JSM's Approvers field.</summary>
    public string? ApproversField { get; init; }

    public string? ThirdPartyField { get; init; }

    public TicketKindMap Kinds { get; init; } = TicketKindMap.Default;
}
