using System.Text.Json.Nodes;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>A case and a case list line as JSON, the same for 'case show --format json' and the server's API.</summary>
public static class CaseJson
{
    public static JsonObject Case(ResetCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonObject
        {
            ["case"] = c.Id,
            ["state"] = WireName.Of(c.State),
            ["ticket"] = new JsonObject { ["system"] = c.Ticket.System, ["key"] = c.Ticket.Key, ["url"] = c.Ticket.Url },
            ["target"] = new JsonObject { ["directory"] = c.Target.Directory, ["id"] = c.Target.Id, ["display_name"] = c.Target.DisplayName },
            ["kind"] = WireName.Of(c.Kind),
            ["channel"] = WireName.Of(c.Channel),
            ["initiator"] = new JsonObject { ["type"] = WireName.Of(c.Initiator.Type), ["organisation"] = c.Initiator.Organisation },
            ["requester"] = c.Requester,
            ["decision"] = PolicyDecisionJson.ToJson(c.Decision),
            ["approval_digest"] = c.ApprovalDigest(),
            ["approvals_required"] = c.ApprovalsRequired,
            ["next"] = NextStep.Describe(c, now),
            ["control_failures"] = new JsonArray([.. c.ControlFailures(now).Select(f => (JsonNode)f)]),
            ["steps"] = new JsonArray([.. c.Steps.Select(s => (JsonNode)new JsonObject
            {
                ["type"] = s.Type,
                ["actor"] = s.Actor,
                ["at"] = EvidenceRecord.FormatTime(s.At),
                ["summary"] = s.Summary,
            })]),
        };
    }

    public static JsonObject Summary(CaseSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonObject
        {
            ["case"] = c.CaseId,
            ["state"] = WireName.Of(c.State),
            ["target"] = c.Target,
            ["kind"] = c.Kind,
            ["channel"] = c.Channel,
            ["tier"] = c.Tier,
            ["initiator"] = c.Initiator,
            ["ticket"] = c.Ticket,
            ["opened_at"] = EvidenceRecord.FormatTime(c.OpenedAt),
            ["updated_at"] = EvidenceRecord.FormatTime(c.UpdatedAt),
        };
    }
}
