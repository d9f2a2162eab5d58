using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>What a desk agent knows when opening a case.</summary>
public sealed record OpenCaseRequest(
    string CaseId, Ticket Ticket, TargetIdentity Target, ResetKind Kind, Channel Channel, Initiator Initiator, string Requester, string Actor)
{
    /// <summary>Failed verifications on this target in the policy's look-back window, across cases.</summary>
    public int RecentFailedVerifications { get; init; }
}
