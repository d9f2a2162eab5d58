namespace ResetTrail.Core.Workflow;

/// <summary>
/// The workflow's public error codes. Stable: a code is never renumbered or reused; each has a page in
/// docs/errors/. Blocks: 20xx case lifecycle, 22xx verification, 23xx approval, 24xx execution, 25xx after
/// the reset.
/// </summary>
public static class WorkflowErrors
{
    public static DomainError IllegalTransition(string step, CaseState state) =>
        new("RT-2000", $"'{step}' is not allowed while the case is {Wire(state)}");

    public static DomainError CaseExists(string caseId) => new("RT-2001", $"case {caseId} already exists");

    public static DomainError CaseNotFound(string caseId) => new("RT-2002", $"no case {caseId}");

    public static DomainError Invalid(string what) => new("RT-2003", what);

    public static DomainError SameParty(string first, string second, string who) =>
        new("RT-2101", $"{who} cannot be both {first} and {second} of this case (separation of duties)");

    public static DomainError MethodNotAccepted(string method, string rule) =>
        new("RT-2201", $"verification method {method} is not accepted by rule {rule}");

    public static DomainError DigestMismatch(string given, string current) =>
        new("RT-2301", $"the approval is for digest {given}, but the case now reads {current}: review the case again and approve what it says now");

    public static DomainError NotAnAuthority(string authority, IEnumerable<string> accepted) =>
        new("RT-2302", $"approval authority '{authority}' is not one the policy accepts ({string.Join(", ", accepted)})");

    public static DomainError AlreadyApproved(string approver) => new("RT-2303", $"{approver} has already approved this case; one person counts once");

    public static DomainError ApprovalsMissing(int valid, int required) =>
        new("RT-2401", $"{valid} valid approval(s) of the {required} required: approvals expire, and any change to the case voids them");

    public static DomainError AuthorityMissing(string authority) =>
        new("RT-2405", $"the policy requires an approval from {authority} among the approvals, and there is none");

    public static DomainError CoolingOff(DateTimeOffset until) =>
        new("RT-2402", $"the cooling-off period runs until {until:yyyy-MM-dd HH:mm} UTC");

    public static DomainError OutsideBusinessHours(string site) =>
        new("RT-2403", $"outside the business hours of site {site}; only the emergency path may proceed, if the policy allows it");

    public static DomainError EmergencyNotAllowed(string rule) => new("RT-2404", $"rule {rule} has no emergency path");

    public static DomainError TaskNotRequired(string task) => new("RT-2501", $"task {task} is not required for this case, or already done");

    public static DomainError TasksMissing(IEnumerable<string> tasks) =>
        new("RT-2502", $"post-reset tasks not done: {string.Join(", ", tasks)}");

    public static DomainError ReviewMissing() => new("RT-2503", "the emergency path was used and its review is not recorded");

    public static DomainError NotExpiredYet(DateTimeOffset at) => new("RT-2601", $"the case cannot expire before {at:yyyy-MM-dd HH:mm} UTC");

    private static string Wire(CaseState state) => WireName.Of(state);
}
