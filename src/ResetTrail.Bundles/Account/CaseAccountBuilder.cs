using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Bundles.Account;

/// <summary>Turns a replayed chain into its account.</summary>
internal static class CaseAccountBuilder
{
    public static CaseAccount Build(
        ResetCase replayed, IReadOnlyList<ulong> indices, IReadOnlyList<(string RuleId, int RuleLine)> rules, string? policyPublished, DateTimeOffset controlsAsOf)
    {
        var c = replayed;
        var d = c.Decision;
        return new CaseAccount
        {
            CaseId = c.Id,
            State = WireName.Of(c.State),
            Ticket = $"{c.Ticket.System}:{c.Ticket.Key}{(c.Ticket.Url is { } url ? $" {url}" : string.Empty)}",
            Target = $"{c.Target}{(c.Target.DisplayName is { } name ? $" ({name})" : string.Empty)}",
            Request = $"{WireName.Of(c.Kind)} over {WireName.Of(c.Channel)}, initiated by {WireName.Of(c.Initiator.Type)}"
                + $"{(c.Initiator.Organisation is { } org ? $" ({org})" : string.Empty)}, requested by {c.Requester}",
            Tier = WireName.Of(d.Tier),
            PolicyVersion = d.PolicyVersion,
            PolicyHash = d.PolicyHash,
            PolicyPublished = policyPublished,
            Steps = [.. c.Steps.Take(rules.Count).Select((s, i) => new AccountStep(indices[i], s.At, s.Actor, s.Type, s.Summary, rules[i].RuleId, rules[i].RuleLine))],
            EndReason = c.EndReason,
            ControlsAsOf = controlsAsOf,
            ControlFailures = c.ControlFailures(controlsAsOf),
        };
    }

    public static string Time(DateTimeOffset at) => EvidenceRecord.FormatTime(at);
}
