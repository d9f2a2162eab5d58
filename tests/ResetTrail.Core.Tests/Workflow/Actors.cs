namespace ResetTrail.Core.Tests.Workflow;

/// <summary>The people of the test cases; each plays one role unless a test says otherwise.</summary>
internal static class Actors
{
    public const string Requester = "rita";
    public const string Target = "tom";
    public const string Verifier = "vera";
    public const string Approver = "alice";
    public const string SecondApprover = "bob";
    public const string Executor = "eddie";
    public const string Reviewer = "rex";

    public static readonly string[] All = [Requester, Target, Verifier, Approver, SecondApprover, Executor, Reviewer];
}
