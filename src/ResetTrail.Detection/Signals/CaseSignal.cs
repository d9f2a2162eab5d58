using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Detection.Signals;

/// <summary>
/// One step of a reset case, as the evidence log records it, in the terms the rules need: which case, which target,
/// who acted, when, and what the case required and had at that moment. The engine consumes these beside
/// identity events; what a published rule cannot see (tickets, verifications, approvals) comes from here.
/// </summary>
public sealed record CaseSignal
{
    public required CaseSignalKind Kind { get; init; }

    public required string CaseId { get; init; }

    /// <summary>The log index of the evidence entry (or another id unique per step): the signal's identity.</summary>
    public required string EntryId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The target account's id in its directory (matched to identity events' target, case-insensitively).</summary>
    public required string Target { get; init; }

    /// <summary>Who did this step: the opening agent, the verifier, the approver or the executor.</summary>
    public required string Actor { get; init; }

    public ResetKind ResetKind { get; init; }

    public Channel Channel { get; init; }

    public Tier Tier { get; init; }

    public InitiatorType Initiator { get; init; }

    /// <summary>The third party's organisation when the initiator is one.</summary>
    public string? Organisation { get; init; }

    /// <summary>Who asked for the reset: the caller's number, chat handle or name, as the case recorded it.</summary>
    public string? Requester { get; init; }

    /// <summary>The target's site (business hours), when the case names one.</summary>
    public string? Site { get; init; }

    /// <summary>Approvals the decision requires, and those valid, at this step (executed: at execution).</summary>
    public int ApprovalsRequired { get; init; }

    public int ApprovalsValid { get; init; }

    /// <summary>Distinct people who approved, at this step.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];
}
