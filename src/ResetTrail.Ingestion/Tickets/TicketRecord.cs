using ResetTrail.Core.Cases;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// A help-desk ticket about a credential reset, normalised from ServiceNow, Jira / Jira Service Management or CSV.
/// Fields the export does not carry stay null; the reconciler says what it could not check.
/// </summary>
public sealed record TicketRecord
{
    /// <summary>servicenow, jira, csv (or the mapping's name).</summary>
    public required string System { get; init; }

    /// <summary>The ticket number or key (INC0012345, HELP-42).</summary>
    public required string Key { get; init; }

    public DateTimeOffset? Opened { get; init; }

    public DateTimeOffset? Closed { get; init; }

    public string? Requester { get; init; }

    /// <summary>The account the ticket asks to reset, as the ticket names it (login, e-mail, UPN, sAMAccountName).</summary>
    public string? Target { get; init; }

    public ResetKind? Kind { get; init; }

    /// <summary>What the ticket said the kind was (category, issue type, label), verbatim, so a finding can quote it.</summary>
    public string? KindText { get; init; }

    /// <summary>The ticket's state as the system writes it (Resolved, Closed, Done, ...).</summary>
    public string? State { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>The ticket's approval state as the system writes it (ServiceNow approval: approved, requested, ...).</summary>
    public string? Approval { get; init; }

    /// <summary>When the ticket was last changed (ServiceNow sys_updated_on, Jira updated).</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>When the ticket was approved, where the export says.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>A third party named on the ticket (vendor, MSP), where the export says.</summary>
    public string? ThirdParty { get; init; }

    /// <summary>Where the record came from, for messages: file and line or record number.</summary>
    public string? Location { get; init; }
}
