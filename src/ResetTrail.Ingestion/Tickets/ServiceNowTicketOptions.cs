namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Which ServiceNow fields give what. Each list is tried in order and the first field present and non-empty wins,
/// so dot-walked fields (caller_id.user_name, requested with sysparm_fields) come before the bare reference, whose
/// value is a sys_id. The defaults read incidents as ServiceNow ships them plus the common custom fields.
/// </summary>
public sealed record ServiceNowTicketOptions
{
    /// <summary>The account to reset: a custom u_target_user if the instance has one, else the caller.</summary>
    public IReadOnlyList<string> TargetFields { get; init; } =
        ["u_target_user.user_name", "u_target_user.email", "u_target_user", "caller_id.user_name", "caller_id.email", "caller_id"];

    public IReadOnlyList<string> RequesterFields { get; init; } = ["caller_id.user_name", "caller_id.email", "caller_id"];

    /// <summary>Tried in order against the kind map; the first that maps gives the kind.</summary>
    public IReadOnlyList<string> KindFields { get; init; } = ["u_reset_kind", "subcategory", "category"];

    /// <summary>A list field (comma-separated) naming approvers; incidents have none unless the instance adds one.</summary>
    public IReadOnlyList<string> ApproverFields { get; init; } = ["u_approvers", "u_approver.user_name", "u_approver"];

    public IReadOnlyList<string> ThirdPartyFields { get; init; } = ["u_third_party", "vendor"];

    public TicketKindMap Kinds { get; init; } = TicketKindMap.Default;
}
