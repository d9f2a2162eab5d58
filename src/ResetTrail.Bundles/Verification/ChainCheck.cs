using System.Text.Json.Nodes;
using ResetTrail.Bundles.Account;
using ResetTrail.Bundles.Format;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// That the entries are one case's chain the workflow would have accepted: each parses as evidence of the bundle's
/// case, in increasing log order, the first opens the case, and each passes <see cref="CaseRules.Check"/> against
/// the case as the entries before it left it (the same rules the workflow enforces when it records a step).
/// </summary>
internal static class ChainCheck
{
    private static readonly HashSet<CaseState> ResetOrEnded =
        [CaseState.Executed, CaseState.Validating, CaseState.Closed, CaseState.Denied, CaseState.Expired, CaseState.Cancelled, CaseState.Failed];

    /// <summary>The case as far as it replayed, and the rule in force after each replayed entry.</summary>
    public sealed record Replayed(ResetCase? Case, IReadOnlyList<EvidenceRecord> Records, IReadOnlyList<(string RuleId, int RuleLine)> Rules, bool Complete);

    /// <summary>Reads entry <paramref name="position"/> as evidence of the bundle's case, following the entry before it.</summary>
    public static EvidenceRecord? ParseRecord(EvidenceBundle bundle, int position, byte[]? bytes, Findings findings)
    {
        var index = bundle.Entries[position].Index;
        if (position > 0 && bundle.Entries[position - 1].Index is var previous && index <= previous)
        {
            findings.Fail(BundleChecks.EntryOrder, $"log index {index} does not follow {previous}: entries are listed once each, in log order", position, index);
        }

        if (bytes is null)
        {
            return null;
        }

        var record = Evidence.TryRead(bytes);
        if (record is null)
        {
            findings.Fail(BundleChecks.EntryRecord, "the entry is not a ResetTrail evidence record", position, index);
        }
        else if (record.CaseId != bundle.Case)
        {
            findings.Fail(BundleChecks.EntryCase, $"the entry belongs to case '{record.CaseId ?? "(none)"}', not {bundle.Case}", position, index);
        }

        return record;
    }

    public static Replayed Replay(EvidenceBundle bundle, IReadOnlyList<EvidenceRecord?> records, Findings findings)
    {
        var none = new Replayed(null, [], [], false);
        if (records.Count == 0)
        {
            findings.Fail(BundleChecks.ChainOpened, "the bundle has no entries");
            return none;
        }

        if (records[0] is { } first && first.Type != EvidenceType.CaseOpened)
        {
            findings.Fail(BundleChecks.ChainOpened, $"the first entry is {EvidenceTypes.Name(first.Type)}, not case.opened: the chain does not start where the case did", 0, bundle.Entries[0].Index);
            return none;
        }

        ResetCase? current = null;
        var replayed = new List<EvidenceRecord>();
        var rules = new List<(string, int)>();
        for (var i = 0; i < records.Count; i++)
        {
            var index = bundle.Entries[i].Index;
            if (records[i] is not { } record)
            {
                findings.Fail(BundleChecks.ChainRules, "the chain is not replayed past this entry: it is not readable evidence", i, index);
                return new Replayed(current, replayed, rules, false);
            }

            try
            {
                if (CaseRules.Check(current, record) is { } refusal)
                {
                    findings.Fail(BundleChecks.ChainRules, $"the workflow refuses {EvidenceTypes.Name(record.Type)} by {record.Actor}: {refusal}", i, index, refusal.Code);
                    return new Replayed(current, replayed, rules, false);
                }

                current = current is null ? ResetCase.FromOpened(record) : current.Apply(record);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidCastException or ArgumentException or NullReferenceException or KeyNotFoundException)
            {
                // The rules read fields a well-formed entry always has; a bundle is hostile input, so a missing or
                // mistyped field is this entry's finding, never a crash of the verifier.
                findings.Fail(BundleChecks.ChainRules, $"{WorkflowErrors.Invalid($"{EvidenceTypes.Name(record.Type)} entry is malformed: {e.Message}")}", i, index, "RT-2003");
                return new Replayed(current, replayed, rules, false);
            }

            replayed.Add(record);
            rules.Add((current.Decision.RuleId, current.Decision.RuleLine));
        }

        findings.Ok(BundleChecks.ChainRules, $"{records.Count} entries replay through the workflow's rules without a refusal");
        return new Replayed(current, replayed, rules, true);
    }

    /// <summary>Completeness as far as a bundle can show it, the exporter's declared state, and the decision.</summary>
    public static void Conclude(EvidenceBundle bundle, Replayed chain, Findings findings)
    {
        if (!chain.Complete || chain.Case is not { } replayed)
        {
            return;
        }

        var state = WireName.Of(replayed.State);
        if (ResetOrEnded.Contains(replayed.State))
        {
            findings.Ok(BundleChecks.ChainComplete, replayed.State == CaseState.Closed
                ? "the chain ends with the case closed"
                : $"the chain ends with the case {state}{(replayed.State is CaseState.Executed or CaseState.Validating ? " (reset done, NOT closed)" : string.Empty)}");
        }
        else
        {
            findings.Fail(BundleChecks.ChainComplete, $"the chain ends with the case {state}: a bundle covers a case through its reset or its end, and this one stops before");
        }

        if (bundle.State != state)
        {
            findings.Fail(BundleChecks.State, $"the bundle says the case is {bundle.State}, but its entries leave it {state}: an entry is missing or added");
        }

        var recorded = CanonicalJson.SerializeToString(chain.Records[0].Data["decision"]);
        string given;
        try
        {
            given = CanonicalJson.SerializeToString(bundle.Decision);
        }
        catch (ArgumentException e)
        {
            findings.Fail(BundleChecks.Decision, $"the decision holds a value evidence never does: {e.Message}");
            return;
        }

        if (recorded != given)
        {
            findings.Fail(BundleChecks.Decision, "the decision in the bundle is not the one recorded in case.opened", 0, bundle.Entries[0].Index);
        }
        else
        {
            findings.Ok(BundleChecks.Decision, $"as recorded in case.opened: rule {RuleOf(chain.Records[0])}");
        }
    }

    private static string RuleOf(EvidenceRecord opened) =>
        opened.Data["decision"] is JsonObject d ? $"{d["rule"]} (line {d["rule_line"]})" : "(none)";
}
