using System.Text.Json.Nodes;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// The workflow's commands: each turns a request into the evidence entry that records it, after the same
/// checks an auditor's replay runs (<see cref="CaseRules"/>). Nothing is written here: the caller appends the
/// entry in the transaction that changes the case, and a refused step comes back as a coded error.
/// </summary>
public static class CaseCommands
{
    public static Outcome<EvidenceRecord> Open(OpenCaseRequest request, IResetPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var facts = new RequestFacts(request.Target, request.Kind, request.Channel, request.Initiator.Type)
        {
            RecentFailedVerifications = request.RecentFailedVerifications,
        };
        var decision = policy.Decide(facts);
        var data = new JsonObject
        {
            ["ticket"] = new JsonObject { ["system"] = request.Ticket.System, ["key"] = request.Ticket.Key, ["url"] = request.Ticket.Url },
            ["target"] = new JsonObject
            {
                ["directory"] = request.Target.Directory,
                ["id"] = request.Target.Id,
                ["display_name"] = request.Target.DisplayName,
                ["groups"] = new JsonArray([.. request.Target.Groups.Select(g => (JsonNode)g)]),
                ["roles"] = new JsonArray([.. request.Target.Roles.Select(r => (JsonNode)r)]),
                ["site"] = request.Target.Site,
            },
            ["kind"] = WireName.Of(request.Kind),
            ["channel"] = WireName.Of(request.Channel),
            ["initiator"] = new JsonObject { ["type"] = WireName.Of(request.Initiator.Type), ["organisation"] = request.Initiator.Organisation },
            ["requester"] = request.Requester,
            ["recent_failed_verifications"] = request.RecentFailedVerifications,
            ["decision"] = PolicyDecisionJson.ToJson(decision),
        };
        return Checked(null, new EvidenceRecord(EvidenceType.CaseOpened, request.CaseId, now, request.Actor, data));
    }

    /// <summary>
    /// Records a verification attempt. A failed attempt asks the policy again with one more failure on the
    /// target, and records the stricter decision when it differs: the next attempt has to meet it.
    /// </summary>
    public static Outcome<EvidenceRecord> Verify(
        ResetCase current, string verifier, VerificationMethod method, bool passed, IReadOnlyList<string> artifactHashes, IResetPolicy? policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var data = new JsonObject
        {
            ["method"] = WireName.Of(method),
            ["result"] = passed ? "passed" : "failed",
            ["artifacts"] = new JsonArray([.. artifactHashes.Select(a => (JsonNode)a)]),
        };
        if (!passed && policy is not null && policy.Hash == current.Decision.PolicyHash)
        {
            var failures = current.Verifications.Count(v => !v.Passed) + 1;
            var stricter = policy.Decide(new RequestFacts(current.Target, current.Kind, current.Channel, current.Initiator.Type)
            {
                RecentFailedVerifications = current.RecentFailedVerificationsAtOpening + failures,
            });
            var json = PolicyDecisionJson.ToJson(stricter);
            if (CanonicalJson.SerializeToString(json) != CanonicalJson.SerializeToString(PolicyDecisionJson.ToJson(current.Decision)))
            {
                data["decision"] = json;
            }
        }

        return Checked(current, Step(current, EvidenceType.VerificationRecorded, verifier, now, data));
    }

    public static Outcome<EvidenceRecord> Approve(
        ResetCase current, string approver, string authority, string digest, bool emergency, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Checked(current, Step(current, EvidenceType.ApprovalGranted, approver, now, new JsonObject
        {
            ["authority"] = authority,
            ["digest"] = digest,
            ["expires_at"] = EvidenceRecord.FormatTime(now + current.Decision.Approvals.Validity),
            ["emergency"] = emergency,
            ["reason"] = reason,
        }));
    }

    public static Outcome<EvidenceRecord> Deny(ResetCase current, string approver, string reason, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.ApprovalDenied, approver, now, new JsonObject { ["reason"] = reason }));

    public static Outcome<EvidenceRecord> Execute(ResetCase current, string executor, string? idpEventId, DateTimeOffset? changedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Checked(current, Step(current, EvidenceType.ResetExecuted, executor, now, new JsonObject
        {
            ["idp_event_id"] = idpEventId,
            ["changed_at"] = changedAt is { } at ? EvidenceRecord.FormatTime(at) : null,
            ["approvals"] = new JsonArray([.. current.ValidApprovals(now).Select(a => (JsonNode)a.Approver)]),
        }));
    }

    public static Outcome<EvidenceRecord> FailExecution(ResetCase current, string executor, string reason, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.ExecutionFailed, executor, now, new JsonObject { ["reason"] = reason }));

    public static Outcome<EvidenceRecord> LinkIdpEvent(ResetCase current, string actor, string source, string eventId, DateTimeOffset? changedAt, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.IdpEventLinked, actor, now, new JsonObject
        {
            ["source"] = source,
            ["event_id"] = eventId,
            ["changed_at"] = changedAt is { } at ? EvidenceRecord.FormatTime(at) : null,
        }));

    public static Outcome<EvidenceRecord> CompleteTask(ResetCase current, string actor, PostResetTaskKind task, string? note, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.TaskCompleted, actor, now, new JsonObject { ["task"] = WireName.Of(task), ["note"] = note }));

    public static Outcome<EvidenceRecord> ReviewEmergency(ResetCase current, string reviewer, string authority, string? note, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.EmergencyReviewed, reviewer, now, new JsonObject { ["authority"] = authority, ["note"] = note }));

    public static Outcome<EvidenceRecord> Close(ResetCase current, string actor, string? note, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.CaseClosed, actor, now, new JsonObject { ["note"] = note }));

    public static Outcome<EvidenceRecord> Cancel(ResetCase current, string actor, string reason, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.CaseCancelled, actor, now, new JsonObject { ["reason"] = reason }));

    public static Outcome<EvidenceRecord> Expire(ResetCase current, string actor, DateTimeOffset now) =>
        Checked(current, Step(current, EvidenceType.CaseExpired, actor, now, new JsonObject { ["reason"] = "no valid approval within the approval window" }));

    private static EvidenceRecord Step(ResetCase current, EvidenceType type, string actor, DateTimeOffset now, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new EvidenceRecord(type, current.Id, now, actor, data);
    }

    private static Outcome<EvidenceRecord> Checked(ResetCase? current, EvidenceRecord record) =>
        CaseRules.Check(current, record) is { } error ? error : record;
}
