namespace ResetTrail.Core.Policy;

/// <summary>The parties of a case, for separation of duties. Wire names: requester, verifier, approver, executor, target.</summary>
public enum CaseRole
{
    Requester,
    Verifier,
    Approver,
    Executor,
    Target,
}
