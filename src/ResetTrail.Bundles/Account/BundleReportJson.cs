using System.Text.Json.Nodes;
using ResetTrail.Bundles.Verification;

namespace ResetTrail.Bundles.Account;

/// <summary>The report for scripts: the verdict, every finding with its stable check name, and the account.</summary>
public static class BundleReportJson
{
    public static JsonObject ToJson(BundleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["valid"] = report.IsValid,
            ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["check"] = f.Check,
                ["ok"] = f.Passed,
                ["entry"] = f.Entry,
                ["log_index"] = f.LogIndex,
                ["code"] = f.Code,
                ["message"] = f.Message,
            })]),
            ["account"] = report.Account is { } a ? Account(a) : null,
        };
    }

    private static JsonObject Account(CaseAccount a) => new()
    {
        ["case"] = a.CaseId,
        ["state"] = a.State,
        ["closed"] = a.Closed,
        ["ticket"] = a.Ticket,
        ["target"] = a.Target,
        ["request"] = a.Request,
        ["tier"] = a.Tier,
        ["policy_version"] = a.PolicyVersion,
        ["policy_hash"] = a.PolicyHash,
        ["policy_published"] = a.PolicyPublished,
        ["steps"] = new JsonArray([.. a.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["log_index"] = s.LogIndex,
            ["at"] = CaseAccountBuilder.Time(s.At),
            ["actor"] = s.Actor,
            ["step"] = s.Step,
            ["summary"] = s.Summary,
            ["rule"] = s.RuleId,
            ["rule_line"] = s.RuleLine,
        })]),
        ["end_reason"] = a.EndReason,
        ["controls_as_of"] = CaseAccountBuilder.Time(a.ControlsAsOf),
        ["control_failures"] = new JsonArray([.. a.ControlFailures.Select(f => (JsonNode)f)]),
    };
}
