using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// A reset case as its evidence says it is: the fold of its entries, in log order. Nothing here is stored
/// elsewhere as truth; any table beside the log is a cache of this.
/// </summary>
public sealed partial class ResetCase
{
    private readonly List<VerificationAttempt> verifications = [];
    private readonly List<Approval> approvals = [];
    private readonly List<Denial> denials = [];
    private readonly List<IdpEventLink> links = [];
    private readonly List<CompletedTask> tasks = [];
    private readonly List<CaseStep> steps = [];

    // Computed once per state: every rule that counts approvals asks for it, and it serialises the decision.
    private string? approvalDigest;

    private ResetCase(string id) => Id = id;

    public string Id { get; }

    public CaseState State { get; private set; }

    public required Ticket Ticket { get; init; }

    public required TargetIdentity Target { get; init; }

    public required ResetKind Kind { get; init; }

    public required Channel Channel { get; init; }

    public required Initiator Initiator { get; init; }

    public required string Requester { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Failed verifications on the target across cases when this case opened (the base the policy tightens from).</summary>
    public int RecentFailedVerificationsAtOpening { get; init; }

    /// <summary>The policy decision in force: made at opening, made stricter by failed verifications.</summary>
    public PolicyDecision Decision { get; private set; } = null!;

    public IReadOnlyList<VerificationAttempt> Verifications => verifications;

    public IReadOnlyList<Approval> Approvals => approvals;

    public IReadOnlyList<Denial> Denials => denials;

    public Execution? Execution { get; private set; }

    public IReadOnlyList<IdpEventLink> IdpEvents => links;

    public IReadOnlyList<CompletedTask> CompletedTasks => tasks;

    public bool EmergencyPath { get; private set; }

    public (string Reviewer, DateTimeOffset At)? EmergencyReview { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public IReadOnlyList<CaseStep> Steps => steps;

    /// <summary>
    /// The digest an approval binds to: SHA-256 over the canonical JSON of the case, the target, the kind,
    /// the channel, the initiator, the digests of every verification entry so far, and the policy decision.
    /// Any new verification (passed or failed) or a tightened decision changes it and voids earlier approvals.
    /// </summary>
    public string ApprovalDigest() => approvalDigest ??= ComputeApprovalDigest();

    private string ComputeApprovalDigest()
    {
        var subject = new JsonObject
        {
            ["case"] = Id,
            ["target"] = new JsonObject { ["directory"] = Target.Directory, ["id"] = Target.Id },
            ["kind"] = WireName.Of(Kind),
            ["channel"] = WireName.Of(Channel),
            ["initiator"] = new JsonObject { ["type"] = WireName.Of(Initiator.Type), ["organisation"] = Initiator.Organisation },
            ["verifications"] = new JsonArray([.. verifications.Select(v => (JsonNode)v.EntryDigest)]),
            ["policy_hash"] = Decision.PolicyHash,
            ["decision"] = Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(PolicyDecisionJson.ToJson(Decision)))),
        };
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(subject)));
    }

    /// <summary>Approvals that still count at <paramref name="at"/>: for the current digest and not expired.</summary>
    public IReadOnlyList<Approval> ValidApprovals(DateTimeOffset at)
    {
        var digest = ApprovalDigest();
        return [.. approvals.Where(a => a.Digest == digest && a.ExpiresAt > at)];
    }

    /// <summary>How many approvals the case needs: the emergency path's number once it is taken.</summary>
    public int ApprovalsRequired => EmergencyPath && Decision.Emergency is { } emergency ? emergency.Approvals : Decision.Approvals.Count;

    /// <summary>Whether the passed verifications meet the decision: an accepted method of enough strength, a callback (accepted as a method or not) and a step-up where required.</summary>
    public bool VerificationSatisfied() => VerificationSatisfied(verifications);

    /// <summary>Whether the verifications recorded up to <paramref name="at"/> met the decision (reconciliation asks this of past changes).</summary>
    public bool VerificationSatisfiedAt(DateTimeOffset at) => VerificationSatisfied([.. verifications.Where(v => v.At <= at)]);

    private bool VerificationSatisfied(IReadOnlyList<VerificationAttempt> attempts)
    {
        var requirement = Decision.Verification;
        var passed = attempts.Where(v => v.Passed && requirement.AcceptedMethods.Contains(v.Method)).ToList();
        var strongEnough = passed.Any(v => Strength(v.Method) >= requirement.MinimumStrength);
        // The callback is required "besides the method used": it counts even when the rule does not accept a
        // callback as a method of its own (an administrator's rule lists only strong methods, and still calls back).
        var callback = !requirement.CallbackRequired || attempts.Any(v => v.Passed && v.Method == VerificationMethod.CallbackOnRecord);
        var stepUp = !requirement.StepUpRequired || passed.Select(v => v.Method).Distinct().Count() >= 2;
        return strongEnough && callback && stepUp;
    }

    public int Strength(VerificationMethod method) => Decision.Verification.Strengths.TryGetValue(method, out var strength) ? strength : 0;

    /// <summary>Required tasks not completed yet.</summary>
    public IReadOnlyList<PostResetTask> OutstandingTasks() =>
        [.. Decision.Tasks.Where(t => tasks.All(done => done.Kind != t.Kind))];

    /// <summary>
    /// Why the case is a control failure at <paramref name="now"/>, if it is: a post-reset task or the
    /// follow-up missing past its deadline, an emergency review overdue, or a reset executed without the
    /// identity provider's record of it linked within a day.
    /// </summary>
    public IReadOnlyList<string> ControlFailures(DateTimeOffset now)
    {
        var failures = new List<string>();
        if (Execution is not { } execution)
        {
            return failures;
        }

        foreach (var task in OutstandingTasks().Where(t => execution.At + t.Deadline < now))
        {
            failures.Add($"{WireName.Of(task.Kind)} was due by {EvidenceRecord.FormatTime(execution.At + task.Deadline)}");
        }

        if (EmergencyPath && EmergencyReview is null && Decision.Emergency is { } emergency && execution.At + emergency.ReviewWithin < now)
        {
            failures.Add($"the emergency review was due by {EvidenceRecord.FormatTime(execution.At + emergency.ReviewWithin)}");
        }

        if (execution.IdpEventId is null && links.Count == 0 && execution.At + TimeSpan.FromDays(1) < now)
        {
            failures.Add("no identity-provider event is linked to the execution");
        }

        return failures;
    }
}
