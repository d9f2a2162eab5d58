using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Deciding;

/// <summary>
/// "Stricter after failure": each failed verification on the target inside the look-back window raises the
/// bar for the next attempt, as the rule's <c>after_failed_verification</c> says. A caller who failed the
/// questions once is exactly who Scattered Spider's operators were: they called back with better answers.
/// Per failure: min strength + add_strength (capped at the strongest accepted method, or the second strongest
/// when a step-up is required, so the request stays possible), approvals + add_approvals; from the first failure a callback and/or a step-up; at deny_after
/// failures the request is refused until they age out of the window.
/// </summary>
internal static class FailedVerifications
{
    private const int MaxApprovals = 10;

    public static PolicyDecision Tighten(PolicyDecision decision, Sourced<FailureTightening>? rule, TimeSpan lookBack, int failures, Explainer explain)
    {
        if (failures <= 0)
        {
            return decision;
        }

        var source = rule ?? new Sourced<FailureTightening>(FailureTightening.BuiltIn, Explainer.BuiltIn, 0);
        var how = source.Value;
        var verification = decision.Verification;
        var callback = verification.CallbackRequired || how.RequireCallback;
        var stepUp = verification.StepUpRequired || how.RequireStepUp;
        var minimum = Math.Max(verification.MinimumStrength, Math.Min(verification.MinimumStrength + (how.AddStrength * failures), Ceiling(verification, stepUp)));
        var approvals = Math.Min(MaxApprovals, decision.Approvals.Count + (how.AddApprovals * failures));
        var denied = how.DenyAfter > 0 && failures >= how.DenyAfter;

        var changes = new List<string>();
        if (minimum != verification.MinimumStrength)
        {
            changes.Add($"min strength {verification.MinimumStrength}→{minimum}");
        }

        if (approvals != decision.Approvals.Count)
        {
            changes.Add($"approvals {decision.Approvals.Count}→{approvals}");
        }

        if (callback && !verification.CallbackRequired)
        {
            changes.Add("callback required");
        }

        if (stepUp && !verification.StepUpRequired)
        {
            changes.Add("step-up required");
        }

        if (denied)
        {
            changes.Add($"denied: {how.DenyAfter} or more failures");
        }

        var raised = $"after {failures} failed verification(s)";
        var methods = verification.AcceptedMethods.Where(m => verification.Strengths[m] >= minimum).ToList();
        if (minimum != verification.MinimumStrength)
        {
            explain.Amend("verification.methods", $"{DecisionBuilder.Describe(methods, verification.Strengths)} ({raised}, weaker methods dropped)");
            explain.Amend("verification.min_strength", $"{minimum} (was {verification.MinimumStrength}; {raised})");
        }

        if (approvals != decision.Approvals.Count)
        {
            explain.Amend("approvals.count", $"{DecisionBuilder.Approvals(approvals)} (was {decision.Approvals.Count}; {raised})");
        }

        if (callback && !verification.CallbackRequired)
        {
            explain.Amend("verification.callback", $"a callback to the number on record ({raised})");
        }

        if (stepUp && !verification.StepUpRequired)
        {
            explain.Amend("verification.step_up", $"a second accepted method ({raised})");
        }

        explain.Add("after_failed_verification", source.RuleId, source.Line,
            $"{failures} failed verification(s) in the last {Reading.Durations.Format(lookBack)}: {(changes.Count == 0 ? "nothing more to tighten" : string.Join(", ", changes))}");

        return decision with
        {
            Allowed = decision.Allowed && !denied,
            Verification = verification with
            {
                AcceptedMethods = methods,
                MinimumStrength = minimum,
                CallbackRequired = callback,
                StepUpRequired = stepUp,
            },
            Approvals = decision.Approvals with { Count = approvals },
            Emergency = decision.Emergency is { } e ? e with { Approvals = Math.Min(approvals, e.Approvals + (how.AddApprovals * failures)) } : null,
        };
    }

    /// <summary>
    /// How far the minimum strength may rise: to the strongest accepted method, or, when a step-up is required,
    /// to the second strongest, so that two accepted methods remain and the step-up can still be met. A rule
    /// accepting only [id_document_liveness: 3, in_person_badge: 4] with a step-up would otherwise keep only the
    /// badge after one failure and ask for a second, different method that no longer exists. The step-up then
    /// requires both methods, which includes the strongest.
    /// </summary>
    private static int Ceiling(VerificationRequirement verification, bool stepUp)
    {
        var strengths = verification.AcceptedMethods.Select(m => verification.Strengths[m]).OrderDescending().ToList();
        return strengths.Count == 0 ? verification.MinimumStrength
            : stepUp && strengths.Count >= 2 ? strengths[1]
            : strengths[0];
    }
}
