using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>
/// Rules are taken in file order, first match wins. With 6 tiers × 6 kinds × 5 channels × 4 initiators there
/// are only 720 requests to try, so coverage is computed exactly: a rule that no request reaches is a warning
/// (it usually means a broad rule sits above a narrow one), and so are requests no rule matches (denied).
/// </summary>
internal static class RuleCoverage
{
    public static void Check(PolicyDocument document, ProblemList problems)
    {
        var reached = new HashSet<PolicyRule>();
        var uncovered = new List<string>();
        foreach (var tier in Enum.GetValues<Tier>())
        {
            foreach (var kind in Enum.GetValues<ResetKind>())
            {
                foreach (var channel in Enum.GetValues<Channel>())
                {
                    foreach (var initiator in Enum.GetValues<InitiatorType>())
                    {
                        if (document.Rules.FirstOrDefault(r => r.Match.Covers(tier, kind, channel, initiator)) is { } rule)
                        {
                            reached.Add(rule);
                        }
                        else
                        {
                            uncovered.Add($"{WireName.Of(tier)} {WireName.Of(kind)} over {WireName.Of(channel)} by {WireName.Of(initiator)}");
                        }
                    }
                }
            }
        }

        foreach (var (rule, index) in document.Rules.Select((r, i) => (r, i)).Where(p => !reached.Contains(p.r)))
        {
            problems.Warning(rule.Line, rule.Column, MapReader.Index("rules", index), PolicyProblemCodes.Unreachable,
                $"rule '{rule.Id}' can never match: earlier rules take every request it matches; move it above them");
        }

        if (uncovered.Count > 0)
        {
            var last = document.Rules.Count > 0 ? document.Rules[^1] : null;
            problems.Warning(last?.Line ?? 1, last?.Column ?? 1, "rules", PolicyProblemCodes.Uncovered,
                $"{uncovered.Count} requests match no rule and are denied (e.g. {uncovered[0]}); end with a catch-all rule (match: any) to decide them explicitly");
        }
    }
}
