namespace ResetTrail.Core.Policy;

/// <summary>A loaded policy (null when the file has errors) and every problem found, errors and warnings, in file order.</summary>
public sealed record PolicyLoadResult(ResetPolicy? Policy, IReadOnlyList<PolicyProblem> Problems)
{
    public IEnumerable<PolicyProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<PolicyProblem> Warnings => Problems.Where(p => !p.IsError);
}
