namespace ResetTrail.Ingestion.Tickets;

/// <summary>The ticket fields a CSV column can hold, by their names in the canonical header and in mapping files.</summary>
internal static class TicketField
{
    public const string Ticket = "ticket";
    public const string Opened = "opened";
    public const string Closed = "closed";
    public const string Requester = "requester";
    public const string Target = "target";
    public const string Kind = "kind";
    public const string State = "state";
    public const string Approver = "approver";
    public const string ApprovedAt = "approved_at";
    public const string ThirdParty = "third_party";

    /// <summary>The header that needs no mapping, in this order.</summary>
    public static readonly string[] Canonical = [Ticket, Opened, Closed, Requester, Target, Kind, State, Approver];

    public static readonly string[] All = [.. Canonical, ApprovedAt, ThirdParty];
}
