using System.Text.Json.Nodes;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

public sealed partial class ResetCase
{
    /// <summary>Builds a case from its entries in log order. The entries must have passed <see cref="CaseRules.Check"/>.</summary>
    public static ResetCase Replay(IEnumerable<EvidenceRecord> records)
    {
        ResetCase? current = null;
        foreach (var record in records)
        {
            current = current is null ? FromOpened(record) : current.Apply(record);
        }

        return current ?? throw new ArgumentException("a case needs its case.opened entry", nameof(records));
    }

    public static ResetCase FromOpened(EvidenceRecord opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        if (opened.Type != EvidenceType.CaseOpened || opened.CaseId is null)
        {
            throw new ArgumentException("the first entry of a case is case.opened", nameof(opened));
        }

        var data = opened.Data;
        var ticket = Object(data, "ticket");
        var target = Object(data, "target");
        var initiator = Object(data, "initiator");
        var decision = PolicyDecisionJson.FromJson(Object(data, "decision"));
        var result = new ResetCase(opened.CaseId)
        {
            Ticket = new Ticket(Text(ticket, "system"), Text(ticket, "key"), OptionalText(ticket, "url")),
            Target = new TargetIdentity(Text(target, "directory"), Text(target, "id"))
            {
                DisplayName = OptionalText(target, "display_name"),
                Groups = Strings(target, "groups"),
                Roles = Strings(target, "roles"),
                Site = OptionalText(target, "site"),
            },
            Kind = Wire<ResetKind>(data, "kind"),
            Channel = Wire<Channel>(data, "channel"),
            Initiator = new Initiator(Wire<InitiatorType>(initiator, "type"), OptionalText(initiator, "organisation")),
            Requester = Text(data, "requester"),
            OpenedAt = opened.At,
            RecentFailedVerificationsAtOpening = data["recent_failed_verifications"]?.GetValue<int>() ?? 0,
            Decision = decision.IsSuccess ? decision.Value : throw new FormatException(decision.Error.Message),
        };
        result.State = result.Decision.Allowed ? CaseState.Opened : CaseState.Denied;
        if (!result.Decision.Allowed)
        {
            result.EndedAt = opened.At;
            result.EndReason = $"the policy does not allow this request (rule {result.Decision.RuleId})";
        }

        result.Record(opened, $"opened for {result.Target} ({WireName.Of(result.Kind)} over {WireName.Of(result.Channel)}); rule {result.Decision.RuleId}, tier {WireName.Of(result.Decision.Tier)}");
        return result;
    }

    /// <summary>
    /// An independent copy: <see cref="Apply"/> changes the case it is called on, so a store that keeps folded cases
    /// between steps hands out copies and folds new entries onto a copy, never onto the one it keeps.
    /// </summary>
    public ResetCase Copy()
    {
        var copy = new ResetCase(Id)
        {
            Ticket = Ticket,
            Target = Target,
            Kind = Kind,
            Channel = Channel,
            Initiator = Initiator,
            Requester = Requester,
            OpenedAt = OpenedAt,
            RecentFailedVerificationsAtOpening = RecentFailedVerificationsAtOpening,
            State = State,
            Decision = Decision,
            Execution = Execution,
            EmergencyPath = EmergencyPath,
            EmergencyReview = EmergencyReview,
            EndedAt = EndedAt,
            EndReason = EndReason,
            approvalDigest = approvalDigest,
        };
        copy.verifications.AddRange(verifications);
        copy.approvals.AddRange(approvals);
        copy.denials.AddRange(denials);
        copy.links.AddRange(links);
        copy.tasks.AddRange(tasks);
        copy.steps.AddRange(steps);
        return copy;
    }

    /// <summary>Applies one more entry of this case.</summary>
    public ResetCase Apply(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        approvalDigest = null;
        var data = record.Data;
        switch (record.Type)
        {
            case EvidenceType.VerificationRecorded:
                var passed = Text(data, "result") == "passed";
                var method = Wire<VerificationMethod>(data, "method");
                verifications.Add(new VerificationAttempt(verifications.Count + 1, record.Actor, method, passed, record.At, Strings(data, "artifacts"), record.Digest()));
                if (data["decision"] is JsonObject stricter)
                {
                    var tightened = PolicyDecisionJson.FromJson(stricter);
                    Decision = tightened.IsSuccess ? tightened.Value : throw new FormatException(tightened.Error.Message);
                }

                State = !VerificationSatisfied() ? CaseState.Verifying
                    : ApprovalsRequired == 0 ? CaseState.Approved
                    : CaseState.AwaitingApproval;
                var counts = Decision.Verification.AcceptedMethods.Contains(method) ? string.Empty : $" (not accepted by rule {Decision.RuleId})";
                Record(record, $"verification {(passed ? "passed" : "FAILED")} by {WireName.Of(method)}{counts}");
                if (!Decision.Allowed)
                {
                    // The policy stops a target after too many failed verifications (e.g. deny_after: 3).
                    End(CaseState.Denied, record, $"the policy denies the request after failed verifications (rule {Decision.RuleId})");
                }

                break;
            case EvidenceType.ApprovalGranted:
                var emergency = data["emergency"]?.GetValue<bool>() ?? false;
                EmergencyPath |= emergency;
                approvals.Add(new Approval(record.Actor, Text(data, "authority"), Text(data, "digest"), record.At,
                    EvidenceRecord.ParseTime(Text(data, "expires_at")), emergency, OptionalText(data, "reason")));
                State = ValidApprovals(record.At).Count >= ApprovalsRequired ? CaseState.Approved : CaseState.AwaitingApproval;
                Record(record, $"approved as {Text(data, "authority")}{(emergency ? " on the emergency path" : string.Empty)}");
                break;
            case EvidenceType.ApprovalDenied:
                denials.Add(new Denial(record.Actor, record.At, Text(data, "reason")));
                End(CaseState.Denied, record, Text(data, "reason"));
                Record(record, $"denied: {Text(data, "reason")}");
                break;
            case EvidenceType.ResetExecuted:
                Execution = new Execution(record.Actor, record.At, OptionalText(data, "idp_event_id"),
                    OptionalText(data, "changed_at") is { } changed ? EvidenceRecord.ParseTime(changed) : null, Strings(data, "approvals"));
                State = CaseState.Executed;
                Record(record, $"reset executed{(Execution.IdpEventId is { } id ? $", IdP event {id}" : string.Empty)}");
                break;
            case EvidenceType.ExecutionFailed:
                End(CaseState.Failed, record, Text(data, "reason"));
                Record(record, $"execution failed: {Text(data, "reason")}");
                break;
            case EvidenceType.IdpEventLinked:
                links.Add(new IdpEventLink(Text(data, "source"), Text(data, "event_id"),
                    OptionalText(data, "changed_at") is { } at ? EvidenceRecord.ParseTime(at) : null, record.At));
                Record(record, $"linked {Text(data, "source")} event {Text(data, "event_id")}");
                break;
            case EvidenceType.TaskCompleted:
                tasks.Add(new CompletedTask(Wire<PostResetTaskKind>(data, "task"), record.Actor, record.At, OptionalText(data, "note")));
                State = CaseState.Validating;
                Record(record, $"task {Text(data, "task")} done");
                break;
            case EvidenceType.EmergencyReviewed:
                EmergencyReview = (record.Actor, record.At);
                Record(record, "emergency path reviewed");
                break;
            case EvidenceType.CaseClosed:
                End(CaseState.Closed, record, OptionalText(data, "note") ?? "closed");
                Record(record, "closed");
                break;
            case EvidenceType.CaseCancelled:
                End(CaseState.Cancelled, record, Text(data, "reason"));
                Record(record, $"cancelled: {Text(data, "reason")}");
                break;
            case EvidenceType.CaseExpired:
                End(CaseState.Expired, record, Text(data, "reason"));
                Record(record, $"expired: {Text(data, "reason")}");
                break;
            case EvidenceType.CaseOpened:
            case EvidenceType.PolicyPublished:
                throw new ArgumentException($"{EvidenceTypes.Name(record.Type)} cannot be applied to an existing case", nameof(record));
        }

        return this;
    }

    private void End(CaseState state, EvidenceRecord record, string reason)
    {
        State = state;
        EndedAt = record.At;
        EndReason = reason;
    }

    private void Record(EvidenceRecord record, string summary) =>
        steps.Add(new CaseStep(steps.Count + 1, EvidenceTypes.Name(record.Type), record.Actor, record.At, summary));

    internal static JsonObject Object(JsonObject json, string name) =>
        json[name] as JsonObject ?? throw new FormatException($"{name} is missing or not an object");

    internal static string Text(JsonObject json, string name) =>
        OptionalText(json, name) ?? throw new FormatException($"{name} is missing");

    internal static string? OptionalText(JsonObject json, string name) => json[name]?.GetValue<string>();

    internal static IReadOnlyList<string> Strings(JsonObject json, string name) =>
        json[name] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];

    internal static T Wire<T>(JsonObject json, string name)
        where T : struct, Enum =>
        WireName.TryParse<T>(Text(json, name), out var value) ? value : throw new FormatException($"{name}: unknown value '{Text(json, name)}'");
}
