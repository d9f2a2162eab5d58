using System.Text.Json.Nodes;
using ResetTrail.Core;
using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Policy;

/// <summary>Prints a decision for people (aligned, one requirement a line, with its rule and line) or as JSON.</summary>
internal static class ExplanationPrinter
{
    public static void Text(TextWriter output, string path, RequestFacts facts, PolicyDecision decision)
    {
        output.WriteLine($"policy    {path} version {decision.PolicyVersion} sha256 {decision.PolicyHash}");
        output.WriteLine($"request   {WireName.Of(facts.Kind)} over {WireName.Of(facts.Channel)} by {WireName.Of(facts.Initiator)} for {facts.Target}"
            + (facts.RecentFailedVerifications > 0 ? $", after {facts.RecentFailedVerifications} failed verification(s)" : string.Empty));
        output.WriteLine($"decision  {(decision.Allowed ? "allowed" : "DENIED")} by rule {decision.RuleId}" + (decision.RuleLine > 0 ? $" (line {decision.RuleLine})" : string.Empty));
        output.WriteLine();
        var width = decision.Explanations.Max(e => e.Requirement.Length) + 2;
        foreach (var e in decision.Explanations)
        {
            var source = e.Line > 0 ? $"{e.RuleId}, line {e.Line}" : e.RuleId;
            output.WriteLine($"  {e.Requirement.PadRight(width)}{e.Text}  [{source}]");
        }
    }
}
